/**
 * The hubei-2024 edition as the browser tests read it: section titles, candidate type labels, field titles,
 * catalog labels and the example answers to type. Nothing a user reads is written in the tests themselves
 * (FORM-1): it all comes from the edition's JSON, so a relabelled field changes what the tests look for.
 */
import { editionDir, loadEdition } from "@shenbao/forms";
import type {
  Catalog,
  CatalogItem,
  Edition,
  Json,
  JsonSchema,
  SectionData,
  SectionDefinition,
} from "@shenbao/rules";

/** The edition every journey runs against: the one the server publishes on first start. */
export const EDITION_KEY = "hubei-2024";

/** Loads the edition from its folder, as the server does on first start. */
export function loadHubeiEdition(): Promise<Edition> {
  return loadEdition(editionDir(EDITION_KEY));
}

/** The section definition of `key`; throws on an unknown key so a renamed section fails loudly. */
export function sectionOf(edition: Edition, key: string): SectionDefinition {
  const section = edition.sections.find((candidate) => candidate.key === key);
  if (section === undefined) throw new Error(`edition ${edition.key} has no section ${key}`);
  return section;
}

/** The label of a candidate type (`apprentice` → the guide's wording). */
export function candidateTypeLabel(edition: Edition, value: string): string {
  const type = edition.candidateTypes.find((candidate) => candidate.value === value);
  if (type === undefined) throw new Error(`edition ${edition.key} has no candidate type ${value}`);
  return type.label;
}

/** The schema node at a dotted path of a section (`summary.materials`, `cases.items.name` is `cases.0.name`). */
export function schemaAtPath(section: SectionDefinition, path: string): JsonSchema {
  let node: JsonSchema = section.schema;
  for (const part of path.split(".")) {
    const next = /^\d+$/.test(part)
      ? node.items
      : (node.properties as Record<string, Json> | undefined)?.[part];
    if (next === undefined || next === null || typeof next !== "object" || Array.isArray(next))
      throw new Error(`section ${section.key} has no field ${path}`);
    node = next as JsonSchema;
  }
  return node;
}

/** The title a user reads for a field of a section. */
export function fieldTitle(section: SectionDefinition, path: string): string {
  const title = schemaAtPath(section, path).title;
  if (typeof title !== "string") throw new Error(`field ${section.key}.${path} has no title`);
  return title;
}

/** A message the edition declares for a field (`x-messages`), e.g. the five-case rule of 医案. */
export function fieldMessage(section: SectionDefinition, path: string, keyword: string): string {
  const messages = schemaAtPath(section, path)["x-messages"] as Record<string, Json> | undefined;
  const message = messages?.[keyword];
  if (typeof message !== "string") throw new Error(`field ${section.key}.${path} has no ${keyword} message`);
  return message;
}

/** The answers of a section example file, by file name (`valid-external-with-medicine.json`). */
export function sectionExample(section: SectionDefinition, fileName: string): SectionData {
  const example = section.examples.find((candidate) => candidate.file.endsWith(`/${fileName}`));
  const answers = (example?.data as { answers?: SectionData } | undefined)?.answers;
  if (answers === undefined) throw new Error(`section ${section.key} has no example ${fileName}`);
  return answers;
}

/** The section answers of a whole-application example (`valid-apprentice-application.json`). */
export function applicationExample(edition: Edition, fileName: string): Record<string, SectionData> {
  const example = edition.examples.find((candidate) => candidate.file.endsWith(fileName));
  const sections = (example?.data as { sections?: Record<string, SectionData> } | undefined)?.sections;
  if (sections === undefined) throw new Error(`edition ${edition.key} has no example ${fileName}`);
  return sections;
}

/** The chain of labels from the top of a catalog down to `value` (湖北省 / 武汉市 / 江岸区), or throws. */
export function catalogPath(catalog: Catalog, value: string): string[] {
  const walk = (items: CatalogItem[], trail: string[]): string[] | undefined => {
    for (const item of items) {
      const here = [...trail, item.label];
      if (item.value === value && (item.children === undefined || item.children.length === 0)) return here;
      const below = item.children ? walk(item.children, here) : undefined;
      if (below !== undefined) return below;
    }
    return undefined;
  };
  const found = walk(catalog.items, []);
  if (found === undefined) throw new Error(`catalog ${catalog.id} has no leaf ${value}`);
  return found;
}

/** The catalog named by `id`; throws when the edition lacks it. */
export function catalogOf(edition: Edition, id: string): Catalog {
  const catalog = edition.catalogs[id];
  if (catalog === undefined) throw new Error(`edition ${edition.key} has no catalog ${id}`);
  return catalog;
}
