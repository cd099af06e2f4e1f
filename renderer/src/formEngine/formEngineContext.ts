/**
 * What FormEngine hands every field and widget through RJSF `formContext`: the edition's catalogs and
 * the attachment port. One accessor, so widgets never cast `formContext` themselves.
 */
import type { Registry } from "@rjsf/utils";
import type { Catalog } from "@shenbao/rules";
import type { AttachmentClient } from "./attachmentClient.js";
import type { PendingEdits } from "./pendingEdits.js";

/** The RJSF `formContext` of FormEngine forms. */
export interface FormEngineContext {
  /** The edition's catalogs keyed by id (`ui:options.catalog` names one). */
  catalogs: Record<string, Catalog>;
  attachmentClient: AttachmentClient;
  /** antd theme option: read-only fields render as disabled controls. */
  readonlyAsDisabled?: boolean;
  /** Where text widgets report typing RJSF has not heard yet (absent: they hand it over after a pause). */
  pendingEdits?: PendingEdits;
  /** A reviewer's comments by dotted field path, shown under those fields (REV-2). */
  fieldNotes?: Record<string, string>;
}

/** The FormEngine context from a field's or widget's registry. */
export function engineContext(registry: Registry): FormEngineContext {
  return registry.formContext as FormEngineContext;
}

/** The catalog a field names in `ui:options.catalog`, if the edition has it. */
export function catalogOf(registry: Registry, options: object): Catalog | undefined {
  const id = (options as { catalog?: unknown }).catalog;
  return typeof id === "string" ? engineContext(registry).catalogs[id] : undefined;
}

/** The dotted answer path of an RJSF id (`root.cases.2.phone` → `cases.2.phone`); FormEngine uses "." ids. */
export function pathOfId(id: string): string {
  if (id === ID_PREFIX) return "";
  return id.startsWith(`${ID_PREFIX}${ID_SEPARATOR}`) ? id.slice(ID_PREFIX.length + 1) : id;
}

/** RJSF id prefix and separator FormEngine renders with, chosen so ids map back to dotted paths. */
export const ID_PREFIX = "root";
/** See `ID_PREFIX`. */
export const ID_SEPARATOR = ".";
