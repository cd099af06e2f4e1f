import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { getAt } from "@shenbao/rules";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AttachmentFieldUnknownError, UploadMalformedError } from "../errors.js";
import { FolderFiles } from "../files/folderFiles.js";
import type { Store } from "../ports/store.js";
import { collectionsOf } from "../store/collections.js";
import {
  openApplicationStore,
  startedApplication,
  type ApplicationTestContext,
} from "../../test/factories.js";
import { buildPng } from "../../test/filesFactories.js";
import { attachmentUploader, type UploadSource } from "./attachmentUploader.js";

let context: ApplicationTestContext;
let cleanupStore: () => Promise<void>;
let filesDir: string;
let files: FolderFiles;

beforeEach(async () => {
  const opened = await openApplicationStore();
  context = { store: opened.store, clock: opened.clock, edition: opened.edition, cipher: opened.cipher };
  cleanupStore = opened.cleanup;
  filesDir = await mkdtemp(path.join(os.tmpdir(), "shenbao-uploader-"));
  files = await FolderFiles.open(filesDir);
});
afterEach(async () => {
  await cleanupStore();
  await rm(filesDir, { recursive: true, force: true });
});

async function keptFiles(): Promise<string[]> {
  const entries = await readdir(filesDir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => !entry.isDirectory()).map((entry) => entry.name);
}

/** A source handing over `bytes` as one stream; `finished` as given (default: the request was fine). */
function sourceOf(bytes: Buffer, finished: Promise<void> = Promise.resolve()): UploadSource {
  return () => Promise.resolve({ stream: Readable.from([bytes]), fileName: "照片.png", finished });
}

/** The store with every transaction failing, as when the database goes away mid-upload. */
function failingTransactions(store: Store): Store {
  return new Proxy(store, {
    get(target, property) {
      if (property === "transaction") return () => Promise.reject(new Error("store unavailable"));
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

describe("attachmentUploader", () => {
  it("stores a file from any stream source with its metadata and an audit event", async () => {
    const { application } = await startedApplication(context, "apprentice");
    const bytes = buildPng(2, 2);

    const attachment = await attachmentUploader(
      { ...context, files },
      {
        actor: application.userId,
        application,
        sectionKey: "basicInfo",
        fieldPath: "photo",
        receive: sourceOf(bytes),
      },
    );

    expect(attachment).toMatchObject({
      name: "照片.png",
      mime: "image/png",
      size: bytes.length,
      applicationId: application._id,
    });
    expect(await keptFiles()).toEqual([attachment.fileKey]);
    const audit = await collectionsOf(context.store).audit.find({
      entity: "attachments",
      entityId: attachment._id,
    });
    expect(audit.items.map((event) => event.action)).toEqual(["attachment.upload"]);
  });

  it("asks the source for the file with the limits the edition declares", async () => {
    const { application } = await startedApplication(context, "apprentice");
    const receive = vi.fn(sourceOf(buildPng()));

    await attachmentUploader(
      { ...context, files },
      { actor: application.userId, application, sectionKey: "basicInfo", fieldPath: "photo", receive },
    );

    const basicInfo = context.edition.sections.find((section) => section.key === "basicInfo")!;
    expect(receive).toHaveBeenCalledWith(getAt(basicInfo.uiSchema, "photo.ui:options"));
  });

  it("never reads the file when the field is unknown", async () => {
    const { application } = await startedApplication(context, "apprentice");
    const receive = vi.fn(sourceOf(buildPng()));

    const upload = attachmentUploader(
      { ...context, files },
      { actor: application.userId, application, sectionKey: "basicInfo", fieldPath: "postcode", receive },
    );

    await expect(upload).rejects.toBeInstanceOf(AttachmentFieldUnknownError);
    expect(receive).not.toHaveBeenCalled();
  });

  it("deletes the stored file again when the metadata cannot be stored", async () => {
    const { application } = await startedApplication(context, "apprentice");

    const upload = attachmentUploader(
      { ...context, store: failingTransactions(context.store), files },
      {
        actor: application.userId,
        application,
        sectionKey: "basicInfo",
        fieldPath: "photo",
        receive: sourceOf(buildPng()),
      },
    );

    await expect(upload).rejects.toThrow("store unavailable");
    expect(await keptFiles()).toEqual([]);
    expect(await collectionsOf(context.store).attachments.count({ applicationId: application._id })).toBe(0);
  });

  it("deletes the stored file again when the rest of the request breaks a rule", async () => {
    const { application } = await startedApplication(context, "apprentice");
    const broken = Promise.reject(new UploadMalformedError("一次只能上传一个文件"));
    broken.catch(() => {});

    const upload = attachmentUploader(
      { ...context, files },
      {
        actor: application.userId,
        application,
        sectionKey: "basicInfo",
        fieldPath: "photo",
        receive: sourceOf(buildPng(), broken),
      },
    );

    await expect(upload).rejects.toBeInstanceOf(UploadMalformedError);
    expect(await keptFiles()).toEqual([]);
    expect(await collectionsOf(context.store).attachments.count({ applicationId: application._id })).toBe(0);
  });
});
