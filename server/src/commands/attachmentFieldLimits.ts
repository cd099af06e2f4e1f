/**
 * What an attachment field of an edition accepts: its uiSchema `ui:options` (accept, maxBytes, maxCount),
 * found by walking the section's schema and uiSchema along a dotted field path, through array `items`.
 */
import { isAttachmentField, splitPath, type Edition, type Json, type JsonSchema } from "@shenbao/rules";
import { AttachmentFieldUnknownError } from "../errors.js";

/** The limits an upload into one attachment field must meet; they come from the edition, never the client. */
export interface AttachmentFieldLimits {
  /** MIME types as detected from magic bytes. */
  accept: string[];
  maxBytes: number;
  maxCount: number;
}

type JsonObject = { [key: string]: Json };

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

// Field names are ASCII identifiers in every edition; anything else (`__proto__`, "", "a b") is no field.
const SEGMENT = /^(?:[A-Za-z_][A-Za-z0-9_]*|\d{1,4})$/;

function child(node: JsonObject | undefined, name: string): JsonObject | undefined {
  const value = node !== undefined && Object.hasOwn(node, name) ? node[name] : undefined;
  return isObject(value) ? value : undefined;
}

/**
 * The limits of the attachment field at `fieldPath` of section `sectionKey` (`photo`, `cases.2.x`,
 * `summary.materials`, or one slot of a multi-file field like `summary.materials.3`).
 * Throws `AttachmentFieldUnknownError` (400) when the path names no attachment field with complete options.
 */
export function attachmentFieldLimits(
  edition: Edition,
  sectionKey: string,
  fieldPath: string,
): AttachmentFieldLimits {
  const unknown = () => new AttachmentFieldUnknownError({ section: sectionKey, field: fieldPath });
  const section = edition.sections.find((candidate) => candidate.key === sectionKey);
  const segments = splitPath(fieldPath);
  if (section === undefined || segments.length === 0 || !segments.every((s) => SEGMENT.test(s)))
    throw unknown();

  let schema: JsonSchema | undefined = section.schema;
  let ui: JsonObject | undefined = section.uiSchema;
  for (const segment of segments) {
    if (schema === undefined) throw unknown();
    if (/^\d+$/.test(segment)) {
      if (schema.type !== "array") throw unknown();
      const items = child(schema, "items");
      // One slot of a multi-file field keeps the field's own uiSchema: RJSF puts the widget on the array.
      ui = isAttachmentField(schema) ? ui : child(ui, "items");
      schema = items;
    } else {
      schema = child(child(schema, "properties"), segment);
      ui = child(ui, segment);
    }
  }
  if (!isAttachmentField(schema) || ui?.["ui:widget"] !== "attachment") throw unknown();

  const options = child(ui, "ui:options");
  const accept = options?.accept;
  const maxBytes = options?.maxBytes;
  const maxCount = options?.maxCount ?? 1;
  if (
    !Array.isArray(accept) ||
    accept.length === 0 ||
    !accept.every((type): type is string => typeof type === "string") ||
    typeof maxBytes !== "number" ||
    !Number.isInteger(maxBytes) ||
    maxBytes <= 0 ||
    typeof maxCount !== "number"
  ) {
    throw unknown();
  }
  return { accept, maxBytes, maxCount };
}
