/**
 * Test harness: hand-built `multipart/form-data` bodies, so tests can send what browsers never would
 * (raw names through `filename*`, two files, no file) and exactly control every part header.
 */
import { randomBytes } from "node:crypto";

/** One part: a file when `fileName` or `fileNameStar` is given, else a plain field. */
export interface MultipartPart {
  name: string;
  body: Buffer | string;
  /** Sent as `filename="…"`, verbatim (the caller keeps it header-safe). */
  fileName?: string;
  /** Sent as RFC 5987 `filename*=UTF-8''<percent-encoded>`, which may carry any character. */
  fileNameStar?: string;
  contentType?: string;
}

/** The body and its Content-Type header (with the boundary). */
export function multipartBody(parts: MultipartPart[]): { body: Buffer; contentType: string } {
  const boundary = `----shenbao${randomBytes(8).toString("hex")}`;
  const pieces: Buffer[] = [];
  for (const part of parts) {
    let disposition = `form-data; name="${part.name}"`;
    if (part.fileName !== undefined) disposition += `; filename="${part.fileName}"`;
    if (part.fileNameStar !== undefined)
      disposition += `; filename*=UTF-8''${encodeURIComponent(part.fileNameStar)}`;
    const headers = [`Content-Disposition: ${disposition}`];
    if (part.contentType) headers.push(`Content-Type: ${part.contentType}`);
    pieces.push(Buffer.from(`--${boundary}\r\n${headers.join("\r\n")}\r\n\r\n`, "utf8"));
    pieces.push(typeof part.body === "string" ? Buffer.from(part.body, "utf8") : part.body);
    pieces.push(Buffer.from("\r\n"));
  }
  pieces.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(pieces), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A body holding one file in the field `file`. */
export function singleFileBody(bytes: Buffer, fileName: string, contentType = "application/octet-stream") {
  return multipartBody([{ name: "file", body: bytes, fileName, contentType }]);
}
