/**
 * Reads the labels a user sees from the edition itself, so tests drive the UI by those labels without
 * writing any of the edition's Chinese field labels or options into renderer code.
 */
import {
  findCatalogItem,
  findForm,
  schemaAt,
  type Edition,
  type JsonSchema,
  type SectionData,
} from "@shenbao/rules";

/** The Chinese label of a catalog value (e.g. techniqueMethods `external`). */
export function catalogLabel(edition: Edition, catalogId: string, value: string): string {
  const catalog = edition.catalogs[catalogId];
  const label = catalog === undefined ? undefined : findCatalogItem(catalog, value)?.at(-1)?.label;
  if (label === undefined) throw new Error(`catalog ${catalogId} has no value ${value}`);
  return label;
}

/** The schema of a field of a section by dotted path. */
export function fieldSchema(edition: Edition, key: string, path: string): JsonSchema {
  const schema = schemaAt(findForm(edition, key).schema, path);
  if (schema === undefined) throw new Error(`${key} has no field ${path}`);
  return schema;
}

/** The `title` of a field of a section by dotted path. */
export function fieldTitle(edition: Edition, key: string, path: string): string {
  const title = fieldSchema(edition, key, path).title;
  if (typeof title !== "string") throw new Error(`${key}.${path} has no title`);
  return title;
}

/** The answers of a section's example file whose name ends with `name` (e.g. `valid-five-cases.json`). */
export function exampleAnswers(edition: Edition, key: string, name: string): SectionData {
  const example = findForm(edition, key).examples.find((e) => e.file.endsWith(name));
  const data = example?.data as { answers?: SectionData } | undefined;
  if (data?.answers === undefined) throw new Error(`${key} has no example ${name}`);
  return structuredClone(data.answers);
}
