import { describe, expect, it } from "vitest";
import { buildEdition } from "../test/buildEdition.js";
import { catalogOptions, findCatalogItem, isFlat, leafValues } from "./catalogs.js";

const { kinds, places } = buildEdition().catalogs;

describe("catalogs", () => {
  it("accepts only leaves of a hierarchical catalog", () => {
    expect([...leafValues(places!)]).toEqual(["p11"]);
    expect([...leafValues(kinds!)]).toEqual(["a", "b"]);
  });

  it("tells flat from hierarchical and builds select options", () => {
    expect(isFlat(kinds!)).toBe(true);
    expect(isFlat(places!)).toBe(false);
    expect(catalogOptions(kinds!)).toEqual([
      { const: "a", title: "A" },
      { const: "b", title: "B" },
    ]);
  });

  it("finds an item with its ancestors", () => {
    expect(findCatalogItem(places!, "p11")?.map((item) => item.value)).toEqual(["p", "p1", "p11"]);
    expect(findCatalogItem(places!, "q")).toBeUndefined();
  });
});
