/**
 * Catalog-backed fields (`"x-catalog": "<id>"`): the values a field accepts and, for small flat
 * catalogs, the `oneOf` RJSF renders as a select.
 */
import type { Catalog, CatalogItem, Json } from "./types.js";

/** The selectable values of a catalog: leaves only, so a division must be a county (SEC-4). */
export function leafValues(catalog: Catalog): Set<string> {
  const values = new Set<string>();
  const walk = (items: CatalogItem[]) => {
    for (const item of items) {
      if (item.children !== undefined && item.children.length > 0) walk(item.children);
      else values.add(item.value);
    }
  };
  walk(catalog.items);
  return values;
}

/** True when no item has children. */
export function isFlat(catalog: Catalog): boolean {
  return catalog.items.every((item) => item.children === undefined || item.children.length === 0);
}

/** The `oneOf: [{ const, title }]` options of a flat catalog. */
export function catalogOptions(catalog: Catalog): Json[] {
  return catalog.items.map((item) => ({ const: item.value, title: item.label }));
}

/** Finds the item with this value anywhere in the catalog, with its ancestors (province, city). */
export function findCatalogItem(catalog: Catalog, value: string): CatalogItem[] | undefined {
  const walk = (items: CatalogItem[], trail: CatalogItem[]): CatalogItem[] | undefined => {
    for (const item of items) {
      if (item.value === value) return [...trail, item];
      const found = item.children === undefined ? undefined : walk(item.children, [...trail, item]);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return walk(catalog.items, []);
}
