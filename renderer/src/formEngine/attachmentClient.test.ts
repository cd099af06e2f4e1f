import { describe, expect, it } from "vitest";
import { fileNameOfDisposition } from "./attachmentClient.js";

describe("fileNameOfDisposition", () => {
  it("prefers the UTF-8 filename* the server sends for Chinese names", () => {
    expect(
      fileNameOfDisposition(
        `inline; filename="_.pdf"; filename*=UTF-8''${encodeURIComponent("执业证书 1.pdf")}`,
      ),
    ).toBe("执业证书 1.pdf");
  });

  it("falls back to the quoted ASCII filename, and to nothing without a header", () => {
    expect(fileNameOfDisposition('attachment; filename="photo.png"')).toBe("photo.png");
    expect(fileNameOfDisposition(null)).toBeUndefined();
  });
});
