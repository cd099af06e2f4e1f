/**
 * What a candidate changed in a returned section (REV-2): the leaf values that differ between the data at
 * the return and the data now, by dotted path, with the field's title from the section schema.
 */
import {
  findCatalogItem,
  isObject,
  schemaAt,
  type Catalog,
  type Json,
  type JsonSchema,
  type SectionData,
} from "@shenbao/rules";

/**
 * One changed field: its path, its title (or the path), the values before and after (null = empty), and
 * the same values as a reviewer reads them (option titles, catalog labels; null = empty).
 */
export interface FieldChange {
  path: string;
  label: string;
  before: Json;
  after: Json;
  beforeText: string | null;
  afterText: string | null;
}

/** A value as the form shows it: the option's title, the catalog item's label, else the value itself. */
function shown(
  field: JsonSchema | undefined,
  catalogs: Readonly<Record<string, Catalog>>,
  value: Json,
): string | null {
  if (value === null || value === "") return null;
  if (Array.isArray(value)) {
    const parts = value.map((item) =>
      shown(isObject(field?.items) ? field.items : undefined, catalogs, item),
    );
    return parts.filter((part) => part !== null).join("、");
  }
  const options = Array.isArray(field?.oneOf) ? field.oneOf.filter(isObject) : [];
  const option = options.find((candidate) => candidate.const === value);
  if (typeof option?.title === "string") return option.title;
  const catalog = typeof field?.["x-catalog"] === "string" ? catalogs[field["x-catalog"]] : undefined;
  if (catalog !== undefined && typeof value === "string") {
    const trail = findCatalogItem(catalog, value);
    if (trail !== undefined) return trail.map((item) => item.label).join(" / ");
  }
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Every leaf that differs between `before` and `after`, in document order. */
export function diffSectionData(
  schema: JsonSchema,
  before: SectionData,
  after: SectionData,
  catalogs: Readonly<Record<string, Catalog>> = {},
): FieldChange[] {
  const changes: FieldChange[] = [];
  const walk = (a: Json | undefined, b: Json | undefined, path: string): void => {
    if (isObject(a) || isObject(b)) {
      const left = isObject(a) ? a : {};
      const right = isObject(b) ? b : {};
      for (const key of new Set([...Object.keys(left), ...Object.keys(right)]))
        walk(left[key], right[key], path === "" ? key : `${path}.${key}`);
      return;
    }
    // Lists of objects (cases, teachers) compare item by item; lists of ids or values compare whole.
    if ((Array.isArray(a) && a.some(isObject)) || (Array.isArray(b) && b.some(isObject))) {
      const left = Array.isArray(a) ? a : [];
      const right = Array.isArray(b) ? b : [];
      for (let i = 0; i < Math.max(left.length, right.length); i++) walk(left[i], right[i], `${path}.${i}`);
      return;
    }
    if (JSON.stringify(a ?? null) === JSON.stringify(b ?? null)) return;
    const field = schemaAt(schema, path);
    const title = field?.title;
    changes.push({
      path,
      label: typeof title === "string" ? title : path,
      before: a ?? null,
      after: b ?? null,
      beforeText: shown(field, catalogs, a ?? null),
      afterText: shown(field, catalogs, b ?? null),
    });
  };
  walk(before, after, "");
  return changes;
}
