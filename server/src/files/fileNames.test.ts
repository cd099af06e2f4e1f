import { describe, expect, it } from "vitest";
import { asciiFileName, contentDisposition, sanitizeFileName } from "./fileNames.js";

/** Splits a Content-Disposition value into its parameters, the way a strict client would. */
function parameters(header: string): Record<string, string> {
  const [, ...parts] = header.split(/;\s*(?=[a-z*]+=)/);
  return Object.fromEntries(parts.map((part) => part.split(/=(.*)/s).slice(0, 2) as [string, string]));
}

describe("sanitizeFileName", () => {
  it.each([
    ['病历"; x.pdf\r\nSet-Cookie: a', "病历 ; x.pdf Set-Cookie a"],
    ["../../etc/passwd", "etc passwd"],
    ["..\\..\\windows\\system32.dll", "windows system32.dll"],
    [".htaccess", "htaccess"],
    ["报告\u202Efdp.exe", "报告 fdp.exe"],
    ["a\u0000b\u2028c", "a b c"],
    ["   ", "file"],
    ["", "file"],
    ["化验单.PDF", "化验单.PDF"],
  ])("cleans %j to %j", (raw, clean) => {
    expect(sanitizeFileName(raw)).toBe(clean);
  });

  it("caps a long name at 120 characters and keeps its extension", () => {
    const clean = sanitizeFileName(`${"很长的文件名".repeat(50)}.jpeg`);

    expect(Array.from(clean)).toHaveLength(120);
    expect(clean).toMatch(/^很长的文件名.*[^ ]\.jpeg$/);
  });
});

describe("asciiFileName", () => {
  it.each([
    ["photo 1.png", "photo 1.png"],
    ["病历.pdf", "file.pdf"],
    ["病历", "file"],
    ["2024年 证明.jpg", "2024_ _.jpg"],
    ["50%;off.pdf", "50_off.pdf"],
  ])("turns %j into %j", (name, ascii) => {
    expect(asciiFileName(name)).toBe(ascii);
  });
});

describe("contentDisposition", () => {
  it("offers an ASCII fallback and the exact UTF-8 name", () => {
    expect(contentDisposition("申请表.pdf")).toBe(
      `attachment; filename="file.pdf"; filename*=UTF-8''%E7%94%B3%E8%AF%B7%E8%A1%A8.pdf`,
    );
  });

  it("cannot be broken by quotes, CR/LF or path separators in the name", () => {
    const header = contentDisposition('病历"; x.pdf\r\nSet-Cookie: a/../b');

    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toMatch(/^[\x20-\x7e]+$/);
    const { filename, "filename*": extended } = parameters(header);
    expect(filename).toMatch(/^"[^"\\]*"$/);
    expect(filename).not.toContain("/");
    expect(decodeURIComponent(extended!.replace(/^UTF-8''/, ""))).toBe("病历 ; x.pdf Set-Cookie a .. b");
    expect(Object.keys(parameters(header))).toEqual(["filename", "filename*"]);
  });

  it("percent-encodes the characters RFC 8187 does not allow bare", () => {
    expect(contentDisposition("a'b(c)!.png", "inline")).toBe(
      `inline; filename="a_b(c)_.png"; filename*=UTF-8''a%27b%28c%29!.png`,
    );
  });
});
