/** The 申请表 as one buffer: what the PDF worker thread hands back (see applicationPdfWorker.mjs). */
import { renderApplicationPdf, type ApplicationPdfInput } from "./applicationPdf.js";

/**
 * Draws the PDF of `input` and collects its bytes. Across a thread boundary Buffers arrive as plain
 * Uint8Arrays, which pdfkit does not take as images, so signature images are made Buffers again.
 */
export async function applicationPdfBytes(input: ApplicationPdfInput): Promise<Uint8Array> {
  const evaluations = input.evaluations?.map((evaluation) =>
    evaluation.signature === undefined
      ? evaluation
      : { ...evaluation, signature: { ...evaluation.signature, png: Buffer.from(evaluation.signature.png) } },
  );
  const chunks: Buffer[] = [];
  for await (const chunk of renderApplicationPdf({ ...input, evaluations })) chunks.push(chunk as Buffer);
  const joined = Buffer.concat(chunks);
  return new Uint8Array(joined.buffer, joined.byteOffset, joined.byteLength);
}
