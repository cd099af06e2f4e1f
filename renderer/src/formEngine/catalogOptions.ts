/**
 * Option lists for the catalog widgets, derived once per catalog object (catalogs are immutable
 * edition data, so a WeakMap cache keyed by the catalog is safe and keeps keystrokes cheap).
 */
import type { Catalog, CatalogItem } from "@shenbao/rules";

/** A selectable leaf as antd Select renders it; `search` holds the labels a keyword may match. */
export interface LeafOption {
  value: string;
  label: string;
  search: string;
}

/** An antd Select option group (not selectable) holding the leaves directly under one catalog group. */
export interface GroupOption {
  label: string;
  title: string;
  options: LeafOption[];
}

/** A Cascader option: groups (province, city) carry children, leaves (county) none. */
export interface CascaderOption {
  value: string;
  label: string;
  children?: CascaderOption[];
}

const hasChildren = (item: CatalogItem): item is CatalogItem & { children: CatalogItem[] } =>
  item.children !== undefined && item.children.length > 0;

const selectCache = new WeakMap<Catalog, (LeafOption | GroupOption)[]>();

/**
 * Select options for a catalog: flat catalogs as plain leaves; hierarchical ones grouped by the chain of
 * group labels (department / subgroup), only leaves selectable, as FORMAT.md requires of `x-catalog` values.
 */
export function selectOptions(catalog: Catalog): (LeafOption | GroupOption)[] {
  const cached = selectCache.get(catalog);
  if (cached !== undefined) return cached;
  const result: (LeafOption | GroupOption)[] = [];
  const walk = (items: CatalogItem[], trail: string[]) => {
    const leaves: LeafOption[] = [];
    for (const item of items) {
      if (hasChildren(item)) continue;
      leaves.push({ value: item.value, label: item.label, search: [...trail, item.label].join(" ") });
    }
    if (leaves.length > 0) {
      if (trail.length === 0) result.push(...leaves);
      else result.push({ label: trail.join(" / "), title: trail.join(" / "), options: leaves });
    }
    for (const item of items) if (hasChildren(item)) walk(item.children, [...trail, item.label]);
  };
  walk(catalog.items, []);
  selectCache.set(catalog, result);
  return result;
}

/** Keyword filter for catalog selects: matches the leaf label or any of its group labels. */
export function matchesKeyword(input: string, option: unknown): boolean {
  const search = (option as Partial<LeafOption> | undefined)?.search;
  return typeof search === "string" && search.toLowerCase().includes(input.trim().toLowerCase());
}

const cascaderCache = new WeakMap<Catalog, { options: CascaderOption[]; paths: Map<string, string[]> }>();

/** Cascader options of a hierarchical catalog and, per leaf value, the value path leading to it. */
export function cascaderOptions(catalog: Catalog): {
  options: CascaderOption[];
  paths: Map<string, string[]>;
} {
  const cached = cascaderCache.get(catalog);
  if (cached !== undefined) return cached;
  const paths = new Map<string, string[]>();
  const convert = (items: CatalogItem[], trail: string[]): CascaderOption[] =>
    items.map((item) => {
      const path = [...trail, item.value];
      if (!hasChildren(item)) {
        paths.set(item.value, path);
        return { value: item.value, label: item.label };
      }
      return { value: item.value, label: item.label, children: convert(item.children, path) };
    });
  const built = { options: convert(catalog.items, []), paths };
  cascaderCache.set(catalog, built);
  return built;
}
