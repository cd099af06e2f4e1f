import { describe, expect, it } from "vitest";
import { deleteAt, getAt, isEmpty, joinPath, schemaAt, splitPath } from "./paths.js";

describe("paths", () => {
  it("reads and deletes values by dotted path", () => {
    const data = { a: { b: [{ c: 1 }] }, s: "x" };
    expect(getAt(data, "a.b.0.c")).toBe(1);
    expect(getAt(data, "s.length")).toBeUndefined();
    expect(getAt(data, "")).toBe(data);
    expect(deleteAt(data, "a.b.0.c")).toBe(true);
    expect(deleteAt(data, "a.b.0.c")).toBe(false);
    expect(deleteAt(data, "")).toBe(false);
    expect(data).toEqual({ a: { b: [{}] }, s: "x" });
  });

  it("joins and splits paths", () => {
    expect(joinPath("", "a", 0, "")).toBe("a.0");
    expect(splitPath("")).toEqual([]);
  });

  it("treats missing, null, blank and empty lists as empty, not false or 0", () => {
    expect([undefined, null, " ", []].every(isEmpty)).toBe(true);
    expect([false, 0, "a", ["x"], {}].some(isEmpty)).toBe(false);
  });

  it("finds sub-schemas through properties and items", () => {
    const schema = {
      type: "object",
      properties: { list: { type: "array", items: { properties: { x: { title: "X" } } } } },
    };
    expect(schemaAt(schema, "list.3.x")).toEqual({ title: "X" });
    expect(schemaAt(schema, "list.[].x")).toEqual({ title: "X" });
    expect(schemaAt(schema, "list.x")).toBeUndefined();
    expect(schemaAt(schema, "nope.deeper")).toBeUndefined();
    expect(schemaAt(schema, "toString")).toBeUndefined();
  });
});
