import { describe, expect, it } from "vitest";
import { fontRuns } from "./fontRuns.js";

const inPrimary = (codePoint: number) => codePoint < 0x20000;
const inFallback = (codePoint: number) => codePoint === 0x20bb7;

describe("fontRuns", () => {
  it("sends only the characters the primary font lacks to the fallback, whole code points at a time", () => {
    expect(fontRuns("申请人：𠮷田𠮷", inPrimary, inFallback)).toEqual([
      { text: "申请人：", fallback: false },
      { text: "𠮷", fallback: true },
      { text: "田", fallback: false },
      { text: "𠮷", fallback: true },
    ]);
  });

  it("keeps a character neither font has with the primary one, and text the primary covers in one run", () => {
    expect(fontRuns("王\u{2A6D6}堃", inPrimary, inFallback)).toEqual([
      { text: "王\u{2A6D6}堃", fallback: false },
    ]);
    expect(fontRuns("", inPrimary, inFallback)).toEqual([]);
  });
});
