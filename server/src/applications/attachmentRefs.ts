/**
 * Attachment ids inside section data must name live uploads of this application and this field (issue 11):
 * an id never uploaded, uploaded to another application (someone else's ID card) or deleted would
 * otherwise be stored, listed in the 申请表 and shown to reviewers as evidence.
 */
import {
  isAttachmentField,
  type Edition,
  type Json,
  type JsonSchema,
  type SectionData,
} from "@shenbao/rules";
import { AttachmentRefInvalidError } from "../errors.js";
import type { Store } from "../ports/store.js";
import { collectionsOf } from "../store/collections.js";

/** One attachment id in section data and the field it sits in, list indexes dropped (`cases.x`). */
export interface AttachmentRef {
  id: string;
  field: string;
  /** Where in the data, indexes kept, for the error message (`cases.2.x`). */
  path: string;
}

type JsonObject = { [key: string]: Json };

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const join = (base: string, segment: string | number) =>
  base === "" ? String(segment) : `${base}.${segment}`;

/** A stored field path without its list indexes: `education.1.diploma` → `education.diploma`. */
export function fieldOf(path: string): string {
  return path
    .split(".")
    .filter((segment) => !/^\d+$/.test(segment))
    .join(".");
}

/** Every attachment id `data` holds in the attachment fields of `schema`. */
export function attachmentRefs(schema: JsonSchema, data: Json | undefined): AttachmentRef[] {
  const refs: AttachmentRef[] = [];
  const walk = (node: JsonSchema, value: Json | undefined, field: string, path: string) => {
    if (isAttachmentField(node)) {
      const ids = Array.isArray(value) ? value : [value];
      ids.forEach((id, index) => {
        if (typeof id === "string" && id !== "")
          refs.push({ id, field, path: Array.isArray(value) ? join(path, index) : path });
      });
      return;
    }
    if (isObject(node.properties) && isObject(value)) {
      for (const [name, sub] of Object.entries(node.properties))
        if (isObject(sub) && Object.hasOwn(value, name))
          walk(sub, value[name], join(field, name), join(path, name));
    } else if (isObject(node.items) && Array.isArray(value)) {
      const items = node.items;
      value.forEach((item, index) => walk(items, item, field, join(path, index)));
    }
  };
  walk(schema, data, "", "");
  return refs;
}

/**
 * Throws `AttachmentRefInvalidError` naming the first id in `data` (section `key`) that is not a live upload
 * of `applicationId` into that very field.
 */
export async function assertOwnAttachments(
  store: Pick<Store, "collection">,
  edition: Edition,
  input: { applicationId: string; key: string; data: SectionData },
): Promise<void> {
  const section = edition.sections.find((candidate) => candidate.key === input.key);
  if (section === undefined) return;
  const refs = attachmentRefs(section.schema, input.data);
  if (refs.length === 0) return;
  const ids = [...new Set(refs.map((ref) => ref.id))];
  const { items } = await collectionsOf(store).attachments.find({ _id: { $in: ids } }, { limit: ids.length });
  const live = new Map(items.map((attachment) => [attachment._id, attachment]));
  for (const ref of refs) {
    const attachment = live.get(ref.id);
    if (
      attachment === undefined ||
      attachment.applicationId !== input.applicationId ||
      attachment.sectionKey !== input.key ||
      fieldOf(attachment.fieldPath) !== ref.field
    )
      throw new AttachmentRefInvalidError(ref.path);
  }
}
