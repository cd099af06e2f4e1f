/**
 * The string formats editions use (FORMAT.md), in the shape ajv takes: one definition for the server's
 * ajv and for the browser, which hands these to the generated validators (`standaloneValidators.ts`).
 */
import { isDate } from "./operators/isDate.js";

/** Attachment ids are opaque tokens issued by the server's file store (FORMAT.md). */
export const ATTACHMENT_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** Format name → ajv format definition. */
export const SCHEMA_FORMATS = {
  date: { type: "string", validate: (value: string) => isDate(value) },
  attachment: { type: "string", validate: ATTACHMENT_ID },
} as const;
