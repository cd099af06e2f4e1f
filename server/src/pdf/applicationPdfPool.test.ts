import { editionDir, loadEdition } from "@shenbao/forms";
import type { Edition, SectionData } from "@shenbao/rules";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { PdfBusyError, PdfTimeoutError } from "../errors.js";
import { pdfText } from "../../test/pdfText.js";
import type { ApplicationPdfInput } from "./applicationPdf.js";
import { createPdfPool, type PdfPool } from "./applicationPdfPool.js";

let edition: Edition;
let pool: PdfPool | undefined;
beforeAll(async () => {
  edition = await loadEdition(editionDir("hubei-2024"));
});
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

function input(name: string): ApplicationPdfInput {
  const example = edition.examples.find(
    (candidate) => candidate.file === "examples/valid-practice-application.json",
  );
  const data = example!.data as { candidateType: "practice"; sections: Record<string, SectionData> };
  return {
    edition,
    application: {
      candidateType: data.candidateType,
      status: "submitted",
      submittedAt: Date.UTC(2024, 5, 1),
      sections: Object.fromEntries(
        Object.entries(data.sections).map(([key, section]) => [
          key,
          { data: section, state: "complete", updatedAt: 0 },
        ]),
      ),
    },
    identitySummary: { name, idNumberMasked: "4201**********123X" },
    attachments: [],
  };
}

describe("createPdfPool", () => {
  it("draws the 申请表 in a worker thread and hands back its bytes (issue 11)", async () => {
    pool = createPdfPool({ timeoutMs: 60_000, threads: 1, maxQueue: 4 });
    const pdf = await pool.render(input("𠮷田"));
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(await pdfText(pdf)).toContain("𠮷田");
  });

  it("abandons a PDF that outlasts its time bound with 503 pdf_timeout", async () => {
    pool = createPdfPool({ timeoutMs: 1, threads: 1, maxQueue: 4 });
    const failure = await pool.render(input("张三")).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PdfTimeoutError);
    expect(failure).toMatchObject({ status: 503, id: "pdf_timeout" });
  });

  it("refuses new PDFs with 503 pdf_busy while the queue is full, rather than piling them up", async () => {
    pool = createPdfPool({ timeoutMs: 60_000, threads: 1, maxQueue: 1 });
    const outcomes = await Promise.allSettled([1, 2, 3, 4].map(() => pool!.render(input("张三"))));
    const refused = outcomes.filter((outcome) => outcome.status === "rejected");
    expect(refused.length).toBeGreaterThan(0);
    for (const outcome of refused)
      expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(PdfBusyError);
    expect(outcomes.some((outcome) => outcome.status === "fulfilled")).toBe(true);
  });
});
