/**
 * Test harness for generated PDFs: the text a reader would copy out of them, extracted by poppler's
 * `pdftotext` (Debian package poppler-utils), so tests see what a PDF viewer sees.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Reads a stream to its end. */
export async function readStream(stream: Readable): Promise<Buffer> {
  const pieces: Buffer[] = [];
  for await (const piece of stream as AsyncIterable<Buffer>) pieces.push(piece);
  return Buffer.concat(pieces);
}

/** The text of every page of `pdf`, pages separated by form feeds, as `pdftotext -layout` gives it. */
export async function pdfText(pdf: Buffer): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "shenbao-pdf-"));
  try {
    const file = path.join(dir, "form.pdf");
    await writeFile(file, pdf);
    const { stdout } = await run("pdftotext", ["-enc", "UTF-8", "-layout", file, "-"], {
      maxBuffer: 32 * 1024 * 1024,
    });
    return stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** `text` without any whitespace, so a value wrapped over two lines still matches. */
export function squeeze(text: string): string {
  return text.replace(/\s+/g, "");
}
