// @vitest-environment jsdom
import "../test/domPolyfills.js";
import { act, cleanup, fireEvent, waitFor, within } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Edition } from "@shenbao/rules";
import { createMemoryAttachmentClient } from "../memoryAttachmentClient.js";
import { hubeiEdition } from "../test/hubeiEdition.js";
import { renderEngine } from "../test/renderEngine.js";

let edition: Edition;
beforeAll(async () => {
  edition = await hubeiEdition();
});
afterEach(cleanup);

function fileOf(name: string, type: string, size: number): File {
  const file = new File(["x"], name, { type });
  // A real 3 MB buffer is not needed: the widget only reads the declared size.
  Object.defineProperty(file, "size", { value: size });
  return file;
}

/**
 * The attachment field whose RJSF id is `id`. Queries here use text and selectors, not roles: role
 * queries read computed styles, which jsdom computes over all of antd's injected CSS — minutes per query.
 */
function field(id: string): HTMLElement {
  const element = document.querySelector(`label[for="${id}"]`)?.closest<HTMLElement>(".sb-form-item");
  if (element === null || element === undefined) throw new Error(`no field ${id}`);
  return element;
}

/** Picks files in the upload input of the attachment field `id`, once the lazily loaded widget is there. */
async function pick(id: string, ...files: File[]) {
  const input = await waitFor(
    () => {
      const found = field(id).querySelector('input[type="file"]');
      if (found === null) throw new Error(`no upload input for ${id}`);
      return found;
    },
    { timeout: 10_000 },
  );
  fireEvent.change(input, { target: { files } });
}

function saveButton(): HTMLElement {
  const button = document.querySelector<HTMLElement>(".sb-form-bar button");
  if (button === null) throw new Error("no save button");
  return button;
}

const progressOf = (id: string) => field(id).querySelector('[role="progressbar"]');
const uploadButton = (id: string) => within(field(id)).queryByText("上传文件");

describe("AttachmentWidget", () => {
  it("rejects an over-size file with a Chinese message and never uploads it", async () => {
    const client = createMemoryAttachmentClient();
    renderEngine({ edition, sectionKey: "basicInfo", attachmentClient: client });
    await pick("root.photo", fileOf("big.jpg", "image/jpeg", 3 * 1024 * 1024));
    expect(
      await within(field("root.photo")).findByText("「big.jpg」大小为 3 MB，超过 2 MB 的上限"),
    ).toBeTruthy();
    expect(client.calls.upload).toEqual([]);
  });

  it("rejects a file of a type the field does not accept", async () => {
    const client = createMemoryAttachmentClient();
    renderEngine({ edition, sectionKey: "basicInfo", attachmentClient: client });
    await pick("root.photo", fileOf("scan.pdf", "application/pdf", 1000));
    expect(
      await within(field("root.photo")).findByText("「scan.pdf」格式不支持，请上传 JPG、PNG 格式的文件"),
    ).toBeTruthy();
    expect(client.calls.upload).toEqual([]);
  });

  it("shows upload progress, then the file, and saves its id", async () => {
    const client = createMemoryAttachmentClient({ hold: true });
    const { saved } = renderEngine({ edition, sectionKey: "basicInfo", attachmentClient: client });
    expect(uploadButton("root.photo")).not.toBeNull();
    await pick("root.photo", fileOf("photo.png", "image/png", 200 * 1024));

    await waitFor(() => expect(progressOf("root.photo")?.getAttribute("aria-valuenow")).toBe("0"));
    expect(client.held.map((upload) => upload.fieldPath)).toEqual(["photo"]);
    act(() => client.held[0]?.progress(40));
    expect(progressOf("root.photo")?.getAttribute("aria-valuenow")).toBe("40");

    await act(async () => {
      client.held[0]?.complete();
    });
    expect(progressOf("root.photo")).toBeNull();
    expect(within(field("root.photo")).getByText("photo.png")).toBeTruthy();
    // One photo is the limit: no second upload button.
    expect(uploadButton("root.photo")).toBeNull();

    fireEvent.click(saveButton());
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]?.photo).toBe([...client.stored.keys()][0]);
  });

  it("deletes a file uploaded in this visit from the store", async () => {
    const client = createMemoryAttachmentClient();
    const { saved } = renderEngine({ edition, sectionKey: "basicInfo", attachmentClient: client });
    await pick("root.photo", fileOf("photo.png", "image/png", 1000));
    const remove = await waitFor(() => {
      const button = field("root.photo").querySelector<HTMLElement>('button[aria-label="删除 photo.png"]');
      if (button === null) throw new Error("not uploaded yet");
      return button;
    });
    fireEvent.click(remove);
    expect(within(field("root.photo")).queryByText("photo.png")).toBeNull();
    expect(client.calls.remove).toHaveLength(1);
    fireEvent.click(saveButton());
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]?.photo).toBeUndefined();
  });

  it("names saved attachments of a reopened section by what the client describes, not 附件 n", async () => {
    const client = createMemoryAttachmentClient();
    const stored = await client.upload(fileOf("my-photo.jpg", "image/jpeg", 1024), {
      fieldPath: "photo",
      onProgress: () => undefined,
    });
    renderEngine({
      edition,
      sectionKey: "basicInfo",
      attachmentClient: client,
      answers: { photo: stored.id },
    });
    expect(await within(field("root.photo")).findByText("my-photo.jpg")).toBeTruthy();
    expect(within(field("root.photo")).queryByText("附件 1")).toBeNull();
  });
});
