/**
 * Single-purpose secrets handed to a browser or printed in a link (WeChat state, 扫码登录 tickets, the
 * administrator bootstrap): 256 random bits, stored only as sha256, compared in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

// base64url of 32 bytes, unpadded: anything else is not ours and is not worth a store read.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** A fresh secret, URL- and cookie-safe. */
export function newSecretToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Whether `value` could be a token from `newSecretToken`; cheap filter before any lookup. */
export function isSecretToken(value: unknown): value is string {
  return typeof value === "string" && TOKEN_SHAPE.test(value);
}

/** The stored form of a token. A plain sha256 suffices: the token has 256 bits of entropy. */
export function hashSecretToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Whether `token` is the one hashed into `storedHash`, without leaking how much of it matched. */
export function secretTokenMatches(token: unknown, storedHash: string | undefined): boolean {
  if (!isSecretToken(token) || storedHash === undefined) return false;
  const actual = Buffer.from(hashSecretToken(token), "hex");
  const expected = Buffer.from(storedHash, "hex");
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
