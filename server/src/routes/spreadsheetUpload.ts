/**
 * An uploaded spreadsheet for the administrators' imports (physician registry, edition catalogs): read
 * whole within a size bound, and its format taken from the name's extension, confirmed by the bytes.
 */
import type { Readable } from "node:stream";
import { FileTooLargeError } from "../errors.js";

/** The formats an import reads. */
export type SpreadsheetFormat = "xlsx" | "csv";

// Every xlsx is a zip archive: local file header "PK\x03\x04".
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * xlsx must be a zip and CSV must be text (no NUL byte); anything else is refused with `refuse`, which
 * turns the Chinese message into the importer's own 4xx error.
 */
export function spreadsheetFormat(
  fileName: string,
  bytes: Buffer,
  refuse: (message: string) => Error,
): SpreadsheetFormat {
  const extension = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase();
  const isZip = bytes.subarray(0, 4).equals(ZIP_MAGIC);
  if (extension === "xlsx") {
    if (!isZip) throw refuse("该文件不是有效的 .xlsx 文件，请用 Excel 另存为 .xlsx 后重新导入");
    return "xlsx";
  }
  if (extension === "csv") {
    if (isZip || bytes.subarray(0, 8192).includes(0)) throw refuse("该文件不是文本格式的 .csv 文件");
    return "csv";
  }
  throw refuse("只能导入 .xlsx 或 .csv 文件");
}

/** The whole upload, refused with 413 as soon as it passes `maxBytes`. */
export async function readUpload(stream: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = chunk as Buffer;
    size += bytes.length;
    if (size > maxBytes) throw new FileTooLargeError(maxBytes);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}
