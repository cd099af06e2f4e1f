/**
 * Chinese error messages built from a field's `title` in the edition (ajv-i18n is not used: messages
 * must name the field the way the guide does). Templates hold no field labels; those come from JSON.
 * A field may override any template with `"x-messages": { "<ajv keyword>": "…" }`.
 */
import type { ErrorObject } from "ajv";
import { isObject, joinPath, schemaAt, splitPath } from "./paths.js";
import type { Json, JsonSchema } from "./types.js";

/** The format name of attachment-id fields (FORMAT.md). */
export const ATTACHMENT_FORMAT = "attachment";

/** A field's label: its schema title, else its last path segment. */
export function fieldTitle(schema: JsonSchema | undefined, path: string): string {
  const title = schema?.title;
  return typeof title === "string" ? title : (splitPath(path).at(-1) ?? "");
}

/** True for a single or multiple attachment field. */
export function isAttachmentField(schema: JsonSchema | undefined): boolean {
  if (schema === undefined) return false;
  if (schema.format === ATTACHMENT_FORMAT) return true;
  const items = schema.items;
  return isObject(items) && items.format === ATTACHMENT_FORMAT;
}

function isChoiceField(schema: JsonSchema): boolean {
  return (
    "x-catalog" in schema ||
    "enum" in schema ||
    "oneOf" in schema ||
    "const" in schema ||
    schema.type === "boolean"
  );
}

function override(schema: JsonSchema | undefined, keyword: string): string | undefined {
  const messages = schema?.["x-messages"];
  const text = isObject(messages) ? messages[keyword] : undefined;
  return typeof text === "string" ? text : undefined;
}

/** "Which item of which list, inside which group", built from the titles along the path. */
export function pathContext(root: JsonSchema, path: string): string {
  const segments = splitPath(path);
  const labels: string[] = [];
  for (let i = 0; i < segments.length - 1; i += 1) {
    const segment = segments[i] as string;
    const here = joinPath(...segments.slice(0, i + 1));
    if (/^\d+$/.test(segment)) {
      const list = fieldTitle(schemaAt(root, joinPath(...segments.slice(0, i))), "");
      labels.pop();
      labels.push(`${list}第${Number(segment) + 1}项`);
    } else {
      labels.push(fieldTitle(schemaAt(root, here), here));
    }
  }
  return labels.filter((label) => label !== "").join(" · ");
}

/** Prefixes a message with the path context, if any. */
export function withContext(root: JsonSchema, path: string, message: string): string {
  const context = pathContext(root, path);
  return context === "" ? message : `${context}：${message}`;
}

/** The message for a missing required value: upload / choose / fill in + the field title. */
export function requiredMessage(root: JsonSchema, path: string): string {
  const schema = schemaAt(root, path);
  const title = fieldTitle(schema, path);
  const custom = override(schema, "required");
  const verb = isAttachmentField(schema)
    ? "请上传"
    : schema?.const === true
      ? "请勾选"
      : schema !== undefined && isChoiceField(schema)
        ? "请选择"
        : "请填写";
  return withContext(root, path, custom ?? `${verb}${title}`);
}

/** Converts an ajv instance path (`/cases/0/name`) to a dotted path (`cases.0.name`). */
export function dottedPath(instancePath: string): string {
  return instancePath
    .split("/")
    .slice(1)
    .map((segment) => segment.replaceAll("~1", "/").replaceAll("~0", "~"))
    .join(".");
}

/** The dotted path and Chinese message for one ajv error (run with `verbose: true`). */
export function ajvErrorMessage(root: JsonSchema, error: ErrorObject): { path: string; message: string } {
  const base = dottedPath(error.instancePath);
  if (error.keyword === "required") {
    const path = joinPath(base, String(error.params.missingProperty));
    return { path, message: requiredMessage(root, path) };
  }
  if (error.keyword === "additionalProperties") {
    const path = joinPath(base, String(error.params.additionalProperty));
    return {
      path,
      message: withContext(
        root,
        path,
        `不允许填写未定义的字段「${String(error.params.additionalProperty)}」`,
      ),
    };
  }
  const schema = isObject(error.parentSchema) ? (error.parentSchema as JsonSchema) : undefined;
  const title = fieldTitle(schema, base);
  const custom = override(schema, error.keyword);
  return { path: base, message: withContext(root, base, custom ?? coreMessage(error, title, schema)) };
}

function coreMessage(error: ErrorObject, title: string, schema: JsonSchema | undefined): string {
  const limit = error.params.limit as Json;
  switch (error.keyword) {
    case "type":
      return `${title}格式不正确`;
    case "minLength":
      return `${title}至少应有${String(limit)}个字`;
    case "maxLength":
      return `${title}不能超过${String(limit)}个字`;
    case "pattern":
      return `${title}格式不正确`;
    case "format":
      // Only two formats are registered (validator.ts); ajv rejects schemas naming others.
      return error.params.format === ATTACHMENT_FORMAT ? `${title}不是有效的附件` : `${title}不是有效的日期`;
    case "minimum":
      return `${title}不能小于${String(limit)}`;
    case "maximum":
      return `${title}不能大于${String(limit)}`;
    case "exclusiveMinimum":
      return `${title}应大于${String(limit)}`;
    case "exclusiveMaximum":
      return `${title}应小于${String(limit)}`;
    case "minItems":
      if (limit === 1) return isAttachmentField(schema) ? `请上传${title}` : `请填写${title}`;
      return `${title}至少需要${String(limit)}项`;
    case "maxItems":
      return `${title}最多${String(limit)}项`;
    case "uniqueItems":
      return `${title}不能重复`;
    case "const":
      if (schema?.const === true) return `请勾选${title}`;
      return `${title}不在可选范围内`;
    case "enum":
    case "oneOf":
    case "x-catalog":
      return `${title}不在可选范围内`;
    default:
      return `${title}填写不正确`;
  }
}
