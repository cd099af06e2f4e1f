/**
 * JSON Schema validation of sections with ajv (a deliberate addition to the json-logic-only rules
 * package, see README): the ajv instance that knows the edition's formats and keywords, for the server,
 * the linter and the generated browser validators (`standaloneValidators.ts`) alike.
 */
import { _, Ajv, stringify, type KeywordCxt } from "ajv";
import { leafValues } from "./catalogs.js";
import { SCHEMA_FORMATS } from "./schemaFormats.js";
import type { Catalog, JsonSchema } from "./types.js";

export { ATTACHMENT_ID } from "./schemaFormats.js";

/** Options of every Shenbao ajv instance; `code` is added when generating browser code. */
export const AJV_OPTIONS = { allErrors: true, verbose: true, strict: true, strictRequired: false } as const;

/**
 * Creates an ajv instance that knows the edition's keywords and formats; catalogs back `x-catalog`.
 * `x-catalog` is a code keyword (a Set of the catalog's leaf values in the generated code) so the same
 * definition also works in standalone code for the browser, which cannot compile schemas itself.
 */
export function createAjv(catalogs: Record<string, Catalog> = {}, options: object = {}): Ajv {
  const ajv = new Ajv({ ...AJV_OPTIONS, ...options });
  for (const [name, format] of Object.entries(SCHEMA_FORMATS)) ajv.addFormat(name, format);
  ajv.addKeyword({
    keyword: "x-catalog",
    type: "string",
    schemaType: "string",
    code(cxt: KeywordCxt) {
      const catalog = catalogs[cxt.schema as string];
      // A catalog the edition does not have accepts nothing (the linter reports the schema itself).
      if (catalog === undefined) {
        cxt.fail(_`true`);
        return;
      }
      const values = [...leafValues(catalog)];
      const set = cxt.gen.scopeValue("keyword", {
        key: `x-catalog:${cxt.schema as string}`,
        ref: new Set(values),
        code: _`new Set(${stringify(values)})`,
      });
      cxt.fail(_`!${set}.has(${cxt.data})`);
    },
  });
  // Message overrides are annotations for messages.ts, not validation.
  ajv.addKeyword({ keyword: "x-messages", schemaType: "object" });
  return ajv;
}

/** Problems compiling a schema with the edition's keywords (for the linter), as ajv reports them. */
export function schemaProblems(schema: JsonSchema): string[] {
  try {
    createAjv().compile(schema);
    return [];
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
}
