/**
 * PDF drawing off the event loop, with a time bound (issue 11): a large application took ~18 s of
 * synchronous pdfkit work, and every other user waited. Piscina runs the drawing in worker threads; a PDF
 * that takes longer than the bound is abandoned (its thread ended) and answered 503, and when the queue is
 * full new requests are answered 503 at once rather than piling up.
 */
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import { PdfBusyError, PdfTimeoutError } from "../errors.js";
import type { ApplicationPdfInput } from "./applicationPdf.js";

/** How the pool is sized and bounded. */
export interface PdfPoolOptions {
  /** Longest a PDF may take, queueing included. */
  timeoutMs: number;
  /** Worker threads drawing at once (the machine's other cores serve requests). */
  threads: number;
  /** PDFs waiting for a thread before new ones are refused. */
  maxQueue: number;
}

/** Draws 申请表 PDFs in worker threads. */
export interface PdfPool {
  render(input: ApplicationPdfInput): Promise<Buffer>;
  close(): Promise<void>;
}

const WORKER = fileURLToPath(new URL("./applicationPdfWorker.mjs", import.meta.url));

/** Starts a pool; threads start on first use and end after a minute idle. */
export function createPdfPool(options: PdfPoolOptions): PdfPool {
  const piscina = new Piscina({
    filename: WORKER,
    minThreads: 0,
    maxThreads: options.threads,
    maxQueue: options.maxQueue,
    idleTimeout: 60_000,
  });
  return {
    async render(input) {
      if (piscina.queueSize >= options.maxQueue) throw new PdfBusyError();
      try {
        const bytes = (await piscina.run(input, {
          signal: AbortSignal.timeout(options.timeoutMs),
        })) as Uint8Array;
        return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      } catch (error) {
        if ((error as Error).name === "AbortError" || (error as Error).name === "TimeoutError")
          throw new PdfTimeoutError();
        throw error;
      }
    },
    close: () => piscina.destroy(),
  };
}
