/**
 * Reads the one file of a `multipart/form-data` upload (field `file`) with busboy as a stream, never
 * buffering it; the request may hold nothing else but a few tiny fields. The files port does the real
 * size and type checks; the limits here only stop a request early that cannot pass them.
 */
import type { IncomingMessage } from "node:http";
import busboy from "busboy";
import { FileTooLargeError, UploadMalformedError } from "../../errors.js";
import type { IncomingFile } from "../../commands/attachmentUploader.js";
import type { AttachmentFieldLimits } from "../../commands/attachmentFieldLimits.js";

/** The form field that carries the file. */
export const FILE_FIELD = "file";

// Room for the multipart boundaries and part headers around the file itself.
const MULTIPART_OVERHEAD = 16 * 1024;

/** One upload being read from a request, and how to throw away what is left of it after a failure. */
export interface MultipartUpload {
  receive(limits: AttachmentFieldLimits): Promise<IncomingFile>;
  /** Reads and discards the rest of the body, so the client sees the error answer rather than a reset. */
  discard(): void;
}

/** Prepares to read the single file of `req`; nothing is read until `receive` is called with the limits. */
export function multipartUpload(req: IncomingMessage): MultipartUpload {
  let parser: busboy.Busboy | undefined;
  return {
    receive: (limits) => {
      if (!/^multipart\/form-data\s*;/i.test(req.headers["content-type"] ?? "")) {
        return Promise.reject(new UploadMalformedError());
      }
      const declared = Number(req.headers["content-length"]);
      // A declared body that cannot fit is refused before a byte of it is read.
      if (Number.isFinite(declared) && declared > limits.maxBytes + MULTIPART_OVERHEAD) {
        return Promise.reject(new FileTooLargeError(limits.maxBytes));
      }
      let bb: busboy.Busboy;
      try {
        bb = busboy({
          headers: req.headers,
          // Browsers send the file name as raw UTF-8 in `filename="…"`; busboy would read it as latin1.
          defParamCharset: "utf8",
          limits: {
            files: 1,
            fields: 4,
            parts: 5,
            fieldSize: 1024,
            headerPairs: 16,
            // One byte over the limit is enough for the files port to refuse the upload.
            fileSize: limits.maxBytes + 1,
          },
        });
      } catch {
        // Unparseable Content-Type (no boundary).
        return Promise.reject(new UploadMalformedError());
      }
      parser = bb;
      return new Promise<IncomingFile>((resolve, reject) => {
        let delivered = false;
        let violation: Error | undefined;
        const finished = new Promise<void>((settle, fail) => {
          bb.once("close", () => (violation ? fail(violation) : settle()));
          bb.once("error", (error: unknown) => fail(violation ?? error));
        });
        // Until the file is handed over, `finished` has no listener of its own; failures reach `reject`.
        finished.catch((error: unknown) => {
          if (!delivered) reject(error instanceof Error ? error : new UploadMalformedError());
        });
        const breaks = (message?: string) => () => {
          violation ??= new UploadMalformedError(message);
        };
        bb.on("filesLimit", breaks("一次只能上传一个文件"));
        bb.on("partsLimit", breaks());
        bb.on("fieldsLimit", breaks());
        bb.on("file", (name, stream, info) => {
          if (name !== FILE_FIELD || delivered) {
            violation ??= new UploadMalformedError();
            stream.resume();
            return;
          }
          delivered = true;
          resolve({ stream, fileName: info.filename ?? "", finished });
        });
        // A request without any file part ends here with no violation: still no file.
        bb.once("close", () => {
          if (!delivered) reject(violation ?? new UploadMalformedError());
        });
        req.pipe(bb);
      });
    },
    discard: () => {
      if (parser) req.unpipe(parser);
      req.resume();
    },
  };
}
