// @vitest-environment jsdom
import "../../formEngine/test/domPolyfills.js";
import { cleanup, fireEvent, render, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigProvider } from "antd";
import { findForm } from "@shenbao/rules";
import { hubeiEdition } from "../../formEngine/test/hubeiEdition.js";
import { SectionPreview } from "./SectionPreview.js";

afterEach(cleanup);

describe("SectionPreview", () => {
  it("renders a section with its first valid example and shows what a save stores", async () => {
    const edition = await hubeiEdition();
    const example = findForm(edition, "technique").examples.find((e) => e.kind === "valid");
    const answers = (example?.data as { answers: { method: string } }).answers;
    const { container } = render(
      <ConfigProvider theme={{ token: { motion: false } }}>
        <SectionPreview edition={edition} sectionKey="technique" />
      </ConfigProvider>,
    );
    const checked = container.querySelector<HTMLInputElement>(
      '[id^="root.method"] input:checked, input[name="root.method"]:checked',
    );
    expect(checked).not.toBeNull();
    fireEvent.click(container.querySelector(".sb-form-bar button") as HTMLElement);
    await waitFor(() => expect(container.querySelector(".sb-preview-saved")).not.toBeNull());
    const stored = JSON.parse(container.querySelector(".sb-preview-saved")?.textContent ?? "{}") as {
      method?: string;
    };
    expect(stored.method).toBe(answers.method);
  });
});
