// The 申请表 worker thread (issue 11): drawing a PDF is synchronous CPU work, so it runs here, off the
// event loop that answers every other user. Worker threads do not inherit the TypeScript loader the
// server runs under, so the drawing module is imported through tsx's API.
import { tsImport } from "tsx/esm/api";

const { applicationPdfBytes } = await tsImport("./applicationPdfBytes.ts", import.meta.url);

/** Piscina's task: the drawing input in, the PDF bytes out (transferred, not copied). */
export default async function renderInWorker(input) {
  const bytes = await applicationPdfBytes(input);
  return bytes;
}
