import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalHash, canonicalJson } from "./canonicalJson.js";

describe("canonicalJson", () => {
  it("sorts keys at every depth and writes no whitespace", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: "x" } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}',
    );
  });

  it("gives the same text for the same value whatever the key order", () => {
    expect(canonicalJson({ x: 1, y: [1, 2] })).toBe(canonicalJson({ y: [1, 2], x: 1 }));
    expect(canonicalHash({ x: 1, y: [1, 2] })).toBe(canonicalHash({ y: [1, 2], x: 1 }));
  });

  it("keeps array order and escapes strings as JSON does", () => {
    expect(canonicalJson(["b", "a", '引"号\n'])).toBe('["b","a","引\\"号\\n"]');
  });

  it("orders keys by code unit, not by locale", () => {
    expect(canonicalJson({ b: 0, B: 0, 中: 0, a: 0 })).toBe('{"B":0,"a":0,"b":0,"中":0}');
  });

  it("omits undefined properties and writes -0 as 0", () => {
    expect(canonicalJson({ a: undefined, b: -0 })).toBe('{"b":0}');
  });

  it("refuses what JSON cannot carry faithfully", () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson([undefined])).toThrow(TypeError);
    expect(() => canonicalJson(new Date(0))).toThrow(TypeError);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/cyclic/);
  });

  it("hashes the canonical text with sha256", () => {
    expect(canonicalHash({ b: 2, a: 1 })).toBe(createHash("sha256").update('{"a":1,"b":2}').digest("hex"));
  });
});
