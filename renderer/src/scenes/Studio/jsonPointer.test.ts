import { describe, expect, it } from "vitest";
import { pointerOffset, pointerSegments } from "./jsonPointer.js";

const text = JSON.stringify({ a: { "b/c": [1, { d: "x" }], e: "{[" }, f: [true, null], "g~h": 2 }, null, 2);

describe("pointerOffset", () => {
  it("finds members, array items and escaped names", () => {
    expect(text.slice(pointerOffset(text, "/a/b~1c"))).toMatch(/^"b\/c"/);
    expect(text.slice(pointerOffset(text, "/a/b~1c/1/d"))).toMatch(/^"d": "x"/);
    expect(text.slice(pointerOffset(text, "/a/e"))).toMatch(/^"e": "\{\["/);
    expect(text.slice(pointerOffset(text, "/f/1"))).toMatch(/^null/);
    expect(text.slice(pointerOffset(text, "/g~0h"))).toMatch(/^"g~h"/);
    expect(pointerOffset(text, "")).toBe(0);
  });

  it("falls back to the deepest existing parent, also in broken text", () => {
    expect(text.slice(pointerOffset(text, "/a/missing"))).toMatch(/^\{\s+"b\/c"/);
    expect(pointerOffset('{ "a": { "b": ', "/a/b/c")).toBeGreaterThan(0);
    expect(pointerSegments("/x~1y/0")).toEqual(["x/y", "0"]);
  });
});
