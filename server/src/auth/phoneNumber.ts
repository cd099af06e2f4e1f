/** Mainland mobile numbers as sign-in identifiers: one normal form, and how they are indexed and encrypted. */

/** Blind-index purpose of phone numbers (users, codes, rate limits all look phones up by it). */
export const PHONE_INDEX_PURPOSE = "phone";

const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;

/**
 * The 11-digit form of a mainland mobile number, or undefined. Accepts what people type: full-width digits
 * (Chinese input methods), spaces and dashes, and a +86 / 0086 prefix.
 */
export function normalizePhone(input: string): string | undefined {
  const compact = input
    .normalize("NFKC")
    .replace(/[\s-]/g, "")
    .replace(/^(?:\+86|0086)/, "");
  return MAINLAND_MOBILE.test(compact) ? compact : undefined;
}

/** Encryption context of a user's phone: the ciphertext only opens in that user's document. */
export function userPhoneContext(userId: string): string {
  return `user:${userId}:phone`;
}
