// @vitest-environment jsdom
import "../test/domPolyfills.js";
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Edition } from "@shenbao/rules";
import { createMemoryAttachmentClient } from "../memoryAttachmentClient.js";
import { fieldTitle } from "../test/editionLabels.js";
import { hubeiEdition } from "../test/hubeiEdition.js";
import { renderEngine } from "../test/renderEngine.js";

let edition: Edition;
beforeAll(async () => {
  edition = await hubeiEdition();
});
beforeEach(() => {
  // signature_pad needs a 2D context, which jsdom lacks; a do-nothing one records strokes well enough.
  const context = new Proxy({}, { get: () => () => undefined });
  vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockReturnValue(context as never);
  vi.spyOn(HTMLCanvasElement.prototype, "toDataURL").mockReturnValue("data:image/png;base64,iVBORw0KGgo=");
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe("SignatureWidget", () => {
  it("uploads the drawn PNG through the attachment client and saves its id", async () => {
    const attachmentClient = createMemoryAttachmentClient();
    const { saved } = renderEngine({ edition, sectionKey: "evaluation", attachmentClient });
    expect(screen.getByText(fieldTitle(edition, "evaluation", "signature"))).toBeTruthy();
    fireEvent.click(await screen.findByText("手写签名"));
    // jsdom's window is wider than high: the pad opens at once.
    const canvas = screen.getByLabelText("签名区域");
    fireEvent.pointerDown(canvas, { clientX: 10, clientY: 10, buttons: 1, pointerId: 1, isPrimary: true });
    fireEvent.pointerMove(canvas, { clientX: 60, clientY: 30, buttons: 1, pointerId: 1, isPrimary: true });
    fireEvent.pointerUp(canvas, { clientX: 60, clientY: 30, pointerId: 1, isPrimary: true });
    fireEvent.mouseDown(canvas, { clientX: 10, clientY: 10, buttons: 1, which: 1 });
    fireEvent.mouseMove(document, { clientX: 60, clientY: 30, buttons: 1, which: 1 });
    fireEvent.mouseUp(document, { clientX: 60, clientY: 30, which: 1 });
    fireEvent.click(screen.getByText("确认"));
    await screen.findByText("重新签名");
    expect(attachmentClient.calls.upload).toEqual(["signature"]);
    fireEvent.click(screen.getByText("保存"));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(typeof saved[0]?.signature).toBe("string");
    expect(saved[0]?.signature).not.toBe("");
  });

  it("refuses to confirm an empty pad", async () => {
    renderEngine({ edition, sectionKey: "evaluation" });
    fireEvent.click(await screen.findByText("手写签名"));
    fireEvent.click(screen.getByText("确认"));
    expect(await screen.findByText("请先在签名区域内签名")).toBeTruthy();
  });
});
