/**
 * Test harness for the files port: one opened adapter per backend that can start here, each in its own
 * empty folder or database, plus builders for small but well-formed PNG, JPEG and PDF files.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { deflateSync } from "node:zlib";
import { MongoClient } from "mongodb";
import { inject } from "vitest";
import { FolderFiles } from "../src/files/folderFiles.js";
import { GridfsFiles } from "../src/files/gridfsFiles.js";
import type { Files } from "../src/ports/files.js";

/** One adapter under test: `contents()` lists everything it has persisted, to prove nothing was left behind. */
export interface TestFiles {
  name: "folder" | "gridfs";
  files: Files;
  contents(): Promise<string[]>;
  cleanup(): Promise<void>;
}

/** Opens every files adapter available in this run: the folder always, GridFS when a MongoDB URI is provided. */
export async function openTestFiles(
  mongodbUri: string | undefined = inject("mongodbUri"),
): Promise<TestFiles[]> {
  const opened = [await openFolderFiles()];
  if (mongodbUri) opened.push(await openGridfsFiles(mongodbUri));
  return opened;
}

async function openFolderFiles(): Promise<TestFiles> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "shenbao-files-"));
  const files = await FolderFiles.open(dir);
  return {
    name: "folder",
    files,
    // Every file, temp or final, at any depth; empty shard folders are not content.
    contents: async () =>
      (await readdir(dir, { recursive: true, withFileTypes: true }))
        .filter((entry) => !entry.isDirectory())
        .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
        .sort(),
    cleanup: async () => {
      await files.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function openGridfsFiles(uri: string): Promise<TestFiles> {
  const dbName = `shenbao_files_test_${randomBytes(6).toString("hex")}`;
  const files = await GridfsFiles.connect(uri, dbName);
  // A separate client to look at the raw collections, so the check does not go through the adapter.
  const client = await new MongoClient(uri).connect();
  const db = client.db(dbName);
  return {
    name: "gridfs",
    files,
    contents: async () => {
      const fileDocs = await db.collection("files.files").find({}).toArray();
      const chunkDocs = await db.collection("files.chunks").find({}).toArray();
      return [
        ...fileDocs.map((doc) => `files:${String(doc._id)}`),
        ...chunkDocs.map((doc) => `chunks:${String(doc.files_id)}#${String(doc.n)}`),
      ].sort();
    },
    cleanup: async () => {
      await files.close();
      // The jongodb test server has no dropDatabase; dropping the bucket's collections leaves nothing either.
      await db.dropDatabase().catch(async () => {
        for (const name of ["files.files", "files.chunks"])
          await db
            .collection(name)
            .drop()
            .catch(() => false);
      });
      await client.close();
    },
  };
}

/** A valid truecolor PNG of `width`×`height` pixels; random pixels make it incompressible when needed. */
export function buildPng(width = 1, height = 1, pixels?: Buffer): Buffer {
  const rowBytes = width * 3;
  const raw = Buffer.alloc((rowBytes + 1) * height);
  const source = pixels ?? Buffer.alloc(rowBytes * height, 0x80);
  for (let y = 0; y < height; y++) {
    // Each scanline starts with filter type 0 (none).
    source.copy(raw, y * (rowBytes + 1) + 1, y * rowBytes, (y + 1) * rowBytes);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // bit depth 8, color type RGB, deflate, adaptive filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", ihdr),
    pngChunk("IDAT", deflateSync(raw, { level: pixels ? 0 : 9 })),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

/** A PNG of about `bytes` bytes (never less), for uploads that must span many stream and GridFS chunks. */
export function buildLargePng(bytes: number): Buffer {
  const width = 512;
  const height = Math.ceil(bytes / (width * 3));
  return buildPng(width, height, randomBytes(width * 3 * height));
}

/**
 * A valid baseline JPEG: one 8×8 gray block whose DC and AC Huffman tables each hold a single one-bit
 * code, so the entropy-coded scan is just "DC diff 0, end of block".
 */
export function buildJpeg(): Buffer {
  const segment = (marker: number, body: number[]) => [
    0xff,
    marker,
    (body.length + 2) >> 8,
    (body.length + 2) & 0xff,
    ...body,
  ];
  const oneSymbolTable = (tableClass: number) => [tableClass << 4, 1, ...new Array<number>(15).fill(0), 0x00];
  return Buffer.from([
    ...[0xff, 0xd8], // SOI
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0]), // APP0 JFIF 1.01, no thumbnail
    ...segment(0xdb, [0x00, ...new Array<number>(64).fill(1)]), // DQT 0, all ones
    ...segment(0xc0, [8, 0, 8, 0, 8, 1, 1, 0x11, 0]), // SOF0 8×8, one component
    ...segment(0xc4, oneSymbolTable(0)), // DHT DC 0
    ...segment(0xc4, oneSymbolTable(1)), // DHT AC 0
    ...segment(0xda, [1, 1, 0x00, 0, 63, 0]), // SOS
    0x3f, // bits "0" (DC category 0) + "0" (EOB), padded with ones
    ...[0xff, 0xd9], // EOI
  ]);
}

/** A valid one-page PDF with a correct cross-reference table. */
export function buildPdf(text = "Shenbao"): Buffer {
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    streamObject(`BT /F1 12 Tf 20 50 Td (${text}) Tj ET`),
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`).join("");
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

function streamObject(content: string): string {
  return `<< /Length ${Buffer.byteLength(content)} >>\nstream\n${content}\nendstream`;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

// zlib.crc32 needs Node 22; the engines field still allows Node 20.
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
