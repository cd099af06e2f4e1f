/** One-time sign-in codes: drawn from the CSPRNG, stored only as a keyed hash, compared in constant time. */
import { randomInt, timingSafeEqual } from "node:crypto";
import type { PersonalDataCipher } from "../crypto/personalData.js";
import { SIGN_IN_CODE } from "./authSettings.js";

const PURPOSE = "signInCode";

/** A fresh code, e.g. "048213" (leading zeros kept). */
export function generateSignInCode(): string {
  return String(randomInt(0, 10 ** SIGN_IN_CODE.digits)).padStart(SIGN_IN_CODE.digits, "0");
}

/**
 * The stored form of a code: an HMAC under a key derived from the personal-data root key, bound to the
 * phone and the moment of issue, so a leaked table yields neither codes nor hashes reusable elsewhere.
 */
export function hashSignInCode(
  cipher: PersonalDataCipher,
  phoneIndex: string,
  issuedAt: number,
  code: string,
): string {
  return cipher.blindIndex(`${phoneIndex}:${issuedAt}:${code}`, PURPOSE);
}

/** Whether `code` is the one hashed into `stored`, under any key of the keyring (codes outlive a rotation). */
export function signInCodeMatches(
  cipher: PersonalDataCipher,
  stored: { phoneIndex: string; issuedAt: number; codeHash: string },
  code: string,
): boolean {
  const expected = Buffer.from(stored.codeHash);
  let matched = false;
  for (const candidate of cipher.blindIndexCandidates(
    `${stored.phoneIndex}:${stored.issuedAt}:${code}`,
    PURPOSE,
  )) {
    const actual = Buffer.from(candidate);
    if (actual.length === expected.length && timingSafeEqual(actual, expected)) matched = true;
  }
  return matched;
}

/** The SMS text; the code is only ever here and in the outbox, never in a log. */
export function signInCodeText(code: string): string {
  const minutes = SIGN_IN_CODE.ttlMs / 60_000;
  return `【申报】您的登录验证码是${code}，${minutes}分钟内有效。如非本人操作，请忽略本短信。`;
}
