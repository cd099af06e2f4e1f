// @vitest-environment jsdom
import "../test/domPolyfills.js";
import { useState } from "react";
import { act, cleanup, fireEvent, render, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { withTheme } from "@rjsf/core";
import type { RJSFSchema, UiSchema } from "@rjsf/utils";
import { ConfigProvider } from "antd";
import zhCN from "antd/locale/zh_CN";
import { theme } from "../theme.js";
import { validator } from "../validator.js";
import { NARROW_QUERY } from "./DateRangeField.js";

const Form = withTheme(theme);

const schema: RJSFSchema = {
  type: "object",
  properties: {
    period: {
      type: "object",
      title: "跟师时间",
      properties: {
        start: { type: "string", format: "date", title: "起" },
        end: { type: "string", format: "date", title: "止" },
      },
    },
  },
};
const uiSchema: UiSchema = { period: { "ui:field": "dateRange" } };

type Period = { start?: string; end?: string } | undefined;

/**
 * A controlled RJSF form, as FormEngine is: every change, focus and blur re-renders the field, which is what
 * used to reset antd's in-progress range.
 */
async function renderRange(initial?: Period) {
  const seen: Period[] = [];
  function Host() {
    const [data, setData] = useState<{ period?: Period }>({ period: initial });
    const [, setTicks] = useState(0);
    return (
      <ConfigProvider locale={zhCN} theme={{ token: { motion: false } }}>
        <Form
          schema={schema}
          uiSchema={uiSchema}
          validator={validator}
          formData={data}
          onChange={(event) => {
            const next = event.formData as { period?: Period };
            seen.push(next.period);
            setData(next);
          }}
          onFocus={() => setTicks((t) => t + 1)}
          onBlur={() => setTicks((t) => t + 1)}
        />
      </ConfigProvider>
    );
  }
  render(<Host />);
  const inputs = () => [...document.querySelectorAll<HTMLInputElement>(".ant-picker input")];
  // The field loads lazily (theme.ts); wait until its pickers are there.
  await waitFor(() => expect(inputs().length).toBeGreaterThan(0), { timeout: 10_000 });
  return { seen, inputs, last: () => seen.at(-1) };
}

function clickDay(iso: string) {
  const cell = document.querySelector<HTMLElement>(
    `.ant-picker-dropdown:not(.ant-picker-dropdown-hidden) td.ant-picker-cell-in-view[title="${iso}"]`,
  );
  if (cell === null) throw new Error(`no day ${iso} in the open calendar`);
  fireEvent.click(cell.querySelector(".ant-picker-cell-inner") ?? cell);
}

function typeDate(input: HTMLInputElement, iso: string) {
  fireEvent.mouseDown(input);
  fireEvent.focus(input);
  fireEvent.change(input, { target: { value: iso } });
}

afterEach(() => {
  cleanup();
  delete (window as { __narrow?: boolean }).__narrow;
});

describe("DateRangeField (RangePicker, wide screens)", () => {
  it("keeps the first pick: start then end in one go gives { start, end }", async () => {
    const { inputs, last } = await renderRange();
    const [from, to] = inputs();
    typeDate(from!, "2019-06-03");
    clickDay("2019-06-03");
    // The start is still shown after the re-renders the focus move and blur caused.
    await waitFor(() => expect(from!.value).toBe("2019-06-03"));
    fireEvent.change(to!, { target: { value: "2021-06-30" } });
    clickDay("2021-06-30");
    await waitFor(() => expect(last()).toEqual({ start: "2019-06-03", end: "2021-06-30" }));
    expect(inputs().map((i) => i.value)).toEqual(["2019-06-03", "2021-06-30"]);
  });

  it("keeps a typed start with no end as { start } (Enter)", async () => {
    const { inputs, last } = await renderRange();
    const [from] = inputs();
    typeDate(from!, "2019-06-03");
    fireEvent.keyDown(from!, { key: "Enter", code: "Enter", keyCode: 13 });
    await waitFor(() => expect(last()).toEqual({ start: "2019-06-03" }));
    expect(inputs()[0]!.value).toBe("2019-06-03");
  });
});

describe("DateRangeField (stacked pickers, phones)", () => {
  it("edits start and end with two single pickers and keeps start-only as { start }", async () => {
    const matchMedia = window.matchMedia;
    window.matchMedia = (query: string) => ({ ...matchMedia(query), matches: query === NARROW_QUERY });
    try {
      const { inputs, last } = await renderRange();
      expect(document.querySelector(".ant-picker-range")).toBeNull();
      const [from, to] = inputs();
      expect([from!.getAttribute("aria-label"), to!.getAttribute("aria-label")]).toEqual(["起", "止"]);
      typeDate(from!, "2019-06-03");
      clickDay("2019-06-03");
      await waitFor(() => expect(last()).toEqual({ start: "2019-06-03" }));
      await act(async () => {
        typeDate(to!, "2021-06-30");
        clickDay("2021-06-30");
      });
      await waitFor(() => expect(last()).toEqual({ start: "2019-06-03", end: "2021-06-30" }));
    } finally {
      window.matchMedia = matchMedia;
    }
  });
});
