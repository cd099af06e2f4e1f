// The files port contract, run once per adapter that can start here (folder always, GridFS with MongoDB).
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { FileNotFoundError, FileTooLargeError, FileTypeNotAllowedError } from "../errors.js";
import type { PutOptions } from "../ports/files.js";
import { buildJpeg, buildLargePng, buildPdf, buildPng, openTestFiles } from "../../test/filesFactories.js";

const IMAGES: PutOptions = { maxBytes: 1024 * 1024, allowedTypes: ["image/png", "image/jpeg"] };
const DOCUMENTS: PutOptions = {
  maxBytes: 10 * 1024 * 1024,
  allowedTypes: ["image/png", "image/jpeg", "application/pdf"],
};

/** Streams `bytes` in pieces of `pieceSize`, as an HTTP upload would arrive. */
function streamOf(bytes: Buffer, pieceSize = 16 * 1024): Readable {
  return Readable.from(
    (function* () {
      for (let at = 0; at < bytes.length; at += pieceSize) yield bytes.subarray(at, at + pieceSize);
    })(),
  );
}

async function readAll(stream: Readable): Promise<Buffer> {
  const pieces: Buffer[] = [];
  for await (const piece of stream as AsyncIterable<Buffer>) pieces.push(piece);
  return Buffer.concat(pieces);
}

function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

const adapters = await openTestFiles();

for (const { name, files, contents, cleanup } of adapters) {
  describe(`files contract [${name}]`, () => {
    afterAll(cleanup);

    it.each([
      ["PNG", buildPng(4, 3), "image/png"],
      ["JPEG", buildJpeg(), "image/jpeg"],
      ["PDF", buildPdf("申报 test"), "application/pdf"],
    ])(
      "stores a %s and gives back the same bytes with their size, type and sha256",
      async (_, bytes, mime) => {
        const stored = await files.put(streamOf(bytes, 7), DOCUMENTS);

        expect(stored).toEqual({ key: stored.key, size: bytes.length, mime, sha256: sha256(bytes) });
        expect(await readAll(await files.get(stored.key))).toEqual(bytes);
      },
    );

    it("accepts a file of exactly maxBytes", async () => {
      const bytes = buildPng(10, 10);
      const stored = await files.put(streamOf(bytes), { ...IMAGES, maxBytes: bytes.length });

      expect(stored.size).toBe(bytes.length);
    });

    it("rejects a file over maxBytes and keeps nothing, even after part of it was written", async () => {
      const before = await contents();
      const bytes = buildLargePng(3 * 1024 * 1024);

      await expect(files.put(streamOf(bytes), IMAGES)).rejects.toBeInstanceOf(FileTooLargeError);
      expect(await contents()).toEqual(before);
    });

    it("stops reading an oversized upload as soon as the limit is passed", async () => {
      let produced = 0;
      const endless = Readable.from(
        (function* () {
          yield buildPng();
          for (;;) {
            produced += 64 * 1024;
            yield Buffer.alloc(64 * 1024);
          }
        })(),
      );

      await expect(files.put(endless, IMAGES)).rejects.toBeInstanceOf(FileTooLargeError);
      expect(produced).toBeLessThan(IMAGES.maxBytes + 4 * 64 * 1024);
      expect(endless.destroyed).toBe(true);
    });

    it("rejects a text file named .png by its magic bytes and keeps nothing", async () => {
      const before = await contents();
      const dir = await mkdtemp(path.join(os.tmpdir(), "shenbao-upload-"));
      const fakePng = path.join(dir, "照片.png");
      await writeFile(fakePng, "这不是图片 — just text pretending to be a PNG\n".repeat(200));
      try {
        const error = await files.put(createReadStream(fakePng), IMAGES).catch((e: unknown) => e);

        expect(error).toBeInstanceOf(FileTypeNotAllowedError);
        expect(await contents()).toEqual(before);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it("rejects a recognised type that the field does not allow", async () => {
      const before = await contents();

      const error = await files.put(streamOf(buildPdf()), IMAGES).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(FileTypeNotAllowedError);
      expect((error as FileTypeNotAllowedError).details).toMatchObject({ detected: "application/pdf" });
      expect(await contents()).toEqual(before);
    });

    it("rejects an empty upload as an undetectable type", async () => {
      await expect(files.put(Readable.from([]), IMAGES)).rejects.toBeInstanceOf(FileTypeNotAllowedError);
    });

    it("generates URL-safe random keys unrelated to the uploaded file's name", async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), "shenbao-upload-"));
      const named = path.join(dir, "id-card-front.png");
      await writeFile(named, buildPng());
      try {
        const first = await files.put(createReadStream(named), IMAGES);
        const second = await files.put(createReadStream(named), IMAGES);

        expect(first.key).toMatch(/^[A-Za-z0-9_-]{22,}$/);
        expect(first.key).not.toContain("id-card");
        expect(second.key).not.toBe(first.key);
        expect(second.sha256).toBe(first.sha256);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it("answers FileNotFoundError for an unknown key", async () => {
      const stored = await files.put(streamOf(buildPng()), IMAGES);
      const unknown = stored.key.slice(0, -1) + (stored.key.endsWith("A") ? "B" : "A");

      await expect(files.get(unknown)).rejects.toBeInstanceOf(FileNotFoundError);
    });

    it.each([
      "",
      "..",
      "../secret",
      "../../etc/passwd",
      "/etc/passwd",
      "a/../../b",
      "%2e%2e%2fsecret",
      "x".repeat(300),
    ])("answers FileNotFoundError for the malformed key %j", async (key) => {
      await expect(files.get(key)).rejects.toBeInstanceOf(FileNotFoundError);
      await expect(files.delete(key)).resolves.toBeUndefined();
    });

    it("does not resolve a key relative to a stored one", async () => {
      const stored = await files.put(streamOf(buildPng()), IMAGES);

      // Spellings that a path join would resolve back to the stored file (e.g. "<shard>/../<key>").
      for (const alias of [
        `${stored.key.slice(0, 2)}/../${stored.key}`,
        `./${stored.key}`,
        `${stored.key}/`,
      ]) {
        await expect(files.get(alias)).rejects.toBeInstanceOf(FileNotFoundError);
      }
      expect(await readAll(await files.get(stored.key))).toEqual(buildPng());
    });

    it("deletes a file so get answers not found, and deleting again is harmless", async () => {
      const before = await contents();
      const stored = await files.put(streamOf(buildPng()), IMAGES);
      const other = await files.put(streamOf(buildJpeg()), IMAGES);

      await files.delete(stored.key);

      await expect(files.get(stored.key)).rejects.toBeInstanceOf(FileNotFoundError);
      await expect(files.delete(stored.key)).resolves.toBeUndefined();
      expect(await readAll(await files.get(other.key))).toEqual(buildJpeg());
      await files.delete(other.key);
      expect(await contents()).toEqual(before);
    });

    it("streams a 5 MB upload through and back intact", async () => {
      const bytes = buildLargePng(5 * 1024 * 1024);

      const stored = await files.put(streamOf(bytes, 64 * 1024), DOCUMENTS);

      expect(stored.size).toBe(bytes.length);
      expect(stored.sha256).toBe(sha256(bytes));
      const back = await readAll(await files.get(stored.key));
      expect(back.length).toBe(bytes.length);
      expect(sha256(back)).toBe(stored.sha256);
    });

    it("keeps nothing when the upload stream fails midway", async () => {
      const before = await contents();
      const bytes = buildLargePng(2 * 1024 * 1024);
      const broken = Readable.from(
        (async function* () {
          for (let at = 0; at < 1024 * 1024; at += 64 * 1024) yield bytes.subarray(at, at + 64 * 1024);
          throw new Error("connection reset by candidate");
        })(),
      );

      await expect(files.put(broken, DOCUMENTS)).rejects.toThrow("connection reset by candidate");
      expect(await contents()).toEqual(before);
    });

    it("keeps concurrent uploads apart", async () => {
      const uploads = [buildPng(2, 2), buildJpeg(), buildPdf("one"), buildPdf("two")];

      const stored = await Promise.all(uploads.map((bytes) => files.put(streamOf(bytes, 5), DOCUMENTS)));

      for (const [index, file] of stored.entries()) {
        expect(await readAll(await files.get(file.key))).toEqual(uploads[index]);
      }
      expect(new Set(stored.map((file) => file.key)).size).toBe(uploads.length);
    });

    it("reports healthy", async () => {
      expect(await files.health()).toEqual({ ok: true });
    });
  });
}

it("runs the contract against every adapter that can start here", () => {
  expect(adapters.map((adapter) => adapter.name)).toContain("folder");
});
