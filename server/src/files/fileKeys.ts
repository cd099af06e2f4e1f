/**
 * File keys shared by every files adapter: random, URL-safe, and never derived from anything the user sent,
 * so a key can be used as a path segment or document field without escaping.
 */
import { randomBytes } from "node:crypto";

// 16 bytes = 128 bits of randomness; base64url without padding gives exactly 22 characters.
const KEY_BYTES = 16;
const KEY_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/** A fresh key for one stored file. */
export function newFileKey(): string {
  return randomBytes(KEY_BYTES).toString("base64url");
}

/** Whether `key` has the shape `newFileKey()` produces; adapters treat anything else as unknown. */
export function isFileKey(key: unknown): key is string {
  return typeof key === "string" && KEY_PATTERN.test(key);
}
