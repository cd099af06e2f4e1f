// @vitest-environment jsdom
import "../../formEngine/test/domPolyfills.js";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { App, ConfigProvider } from "antd";
import { checkSection, sectionApplies, type Edition } from "@shenbao/rules";
import { hubeiEdition } from "../../formEngine/test/hubeiEdition.js";
import { PreviewTab } from "./PreviewTab.js";

let edition: Edition;
beforeAll(async () => {
  edition = await hubeiEdition();
});
afterEach(cleanup);

function renderPreview(onAddExample = vi.fn()) {
  const fetchSpy = vi.fn();
  vi.stubGlobal("fetch", fetchSpy);
  render(
    <ConfigProvider theme={{ token: { motion: false } }}>
      <App>
        <PreviewTab edition={edition} onAddExample={onAddExample} />
      </App>
    </ConfigProvider>,
  );
  return { onAddExample, fetchSpy };
}

async function choose(label: string, option: string) {
  fireEvent.mouseDown(screen.getByRole("combobox", { name: label }));
  const options = await screen.findAllByTitle(option);
  fireEvent.click(options.at(-1)!);
}

describe("studio preview", () => {
  it("shows which sections apply per candidate type, the rule messages and blockers, without any server call", async () => {
    const { fetchSpy } = renderPreview();
    const side = screen.getByRole("complementary", { name: "预览结果" });
    for (const type of edition.candidateTypes) {
      await choose(edition.candidateTypeTitle, type.label);
      for (const section of edition.sections) {
        const applies = sectionApplies(edition, section.key, { candidateType: type.value });
        await within(side).findByText(applies ? section.title : `${section.title}（不适用）`);
      }
    }
    const first = edition.sections[0]!;
    const errors = checkSection(edition, first.key, {
      candidateType: edition.candidateTypes.at(-1)!.value,
      sections: {},
    });
    expect(errors.length).toBeGreaterThan(0);
    await within(side).findByText(`本栏目的提示（${errors.length}）`);
    expect(within(side).getByText(/^提交障碍（\d+）$/)).toBeTruthy();
    expect(fetchSpy).not.toHaveBeenCalled();
    vi.unstubAllGlobals();
  }, 60_000);

  it("「添加为示例」 writes the current answers as an invalid example listing the messages' fields", async () => {
    const { onAddExample } = renderPreview();
    fireEvent.click(screen.getByRole("button", { name: "添加为示例" }));
    const dialog = await screen.findByRole("dialog");
    fireEvent.change(within(dialog).getByLabelText("说明"), { target: { value: "空白答案" } });
    fireEvent.click(within(dialog).getByRole("button", { name: /添\s*加/ }));
    await waitFor(() => expect(onAddExample).toHaveBeenCalledTimes(1));
    const [path, text] = onAddExample.mock.calls[0] as [string, string];
    const first = edition.sections[0]!;
    expect(path).toMatch(new RegExp(`^sections/${first.key}/examples/invalid-studio-\\d+\\.json$`));
    const example = JSON.parse(text) as {
      description: string;
      candidateType: string;
      answers: unknown;
      expect: { errors: string[] };
    };
    const expected = checkSection(edition, first.key, { candidateType: example.candidateType, sections: {} });
    expect(example).toMatchObject({ description: "空白答案", answers: {} });
    expect(example.expect.errors).toEqual(expected.map((error) => error.path));
    vi.unstubAllGlobals();
  }, 60_000);
});
