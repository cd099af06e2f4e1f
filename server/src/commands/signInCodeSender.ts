/**
 * Sends a one-time sign-in code to a phone (ACC-1, issue 4): enforces the resend cooldown and the per-phone
 * and per-address limits, replaces the phone's code with a fresh one (stored hashed), then sends it.
 */
import type { RateLimiter } from "../auth/rateLimiter.js";
import { RATE_LIMITS, SIGN_IN_CODE } from "../auth/authSettings.js";
import { normalizePhone, PHONE_INDEX_PURPOSE } from "../auth/phoneNumber.js";
import { generateSignInCode, hashSignInCode, signInCodeText } from "../auth/signInCodes.js";
import { DuplicateKeyError, InvalidPhoneError, RateLimitedError, RevisionConflictError } from "../errors.js";
import { collectionsOf, type SignInCodeDoc } from "../store/collections.js";
import type { CommandDeps } from "./commandDeps.js";

/** Who asks: the phone as typed and the client address (for the per-address limit). */
export interface SignInCodeRequest {
  phone: string;
  address: string;
}

/** What the page needs to show: how long the code lives and when another may be asked for. */
export interface SignInCodeSent {
  expiresInSeconds: number;
  resendAfterSeconds: number;
}

/** Issues and sends a code; throws `InvalidPhoneError` or `RateLimitedError` (with `retryAfter`). */
export async function signInCodeSender(
  deps: CommandDeps & { rateLimiter: RateLimiter },
  request: SignInCodeRequest,
): Promise<SignInCodeSent> {
  const phone = normalizePhone(request.phone);
  if (!phone) throw new InvalidPhoneError();
  const { cipher, clock } = deps;
  const { signInCodes } = collectionsOf(deps.store);
  const now = clock.now();
  const phoneIndex = cipher.blindIndex(phone, PHONE_INDEX_PURPOSE);

  // The cooldown is checked first and costs no counter: pressing 「获取验证码」 twice should not eat the quota.
  const [current] = (await signInCodes.find({ phoneIndex }, { limit: 1 })).items;
  if (current && now - current.issuedAt < SIGN_IN_CODE.resendCooldownMs) {
    throw new RateLimitedError((current.issuedAt + SIGN_IN_CODE.resendCooldownMs - now) / 1000);
  }
  await deps.rateLimiter.hit(
    RATE_LIMITS.codePerAddress,
    cipher.blindIndex(request.address, "rateLimit.address"),
  );
  await deps.rateLimiter.hit(RATE_LIMITS.codePerPhone, phoneIndex);

  const code = generateSignInCode();
  const doc: SignInCodeDoc = {
    phoneIndex,
    codeHash: hashSignInCode(cipher, phoneIndex, now, code),
    issuedAt: now,
    expiresAt: now + SIGN_IN_CODE.ttlMs,
    attempts: 0,
    state: "active",
  };
  let stored;
  try {
    stored = current
      ? await signInCodes.replace(current._id, current.rev, doc)
      : await signInCodes.insert(doc);
  } catch (error) {
    // A concurrent request (maybe on another web process) issued a code for this phone a moment ago.
    if (error instanceof DuplicateKeyError || error instanceof RevisionConflictError) {
      throw new RateLimitedError(SIGN_IN_CODE.resendCooldownMs / 1000);
    }
    throw error;
  }
  await deps.sender.send({
    to: phone,
    channel: "sms",
    template: "signInCode",
    text: signInCodeText(code),
    // One issue of one phone's code: a retried send of the same code is dropped, a new code is not.
    idempotencyKey: `signInCode:${stored._id}:${stored.rev}`,
  });
  return {
    expiresInSeconds: SIGN_IN_CODE.ttlMs / 1000,
    resendAfterSeconds: SIGN_IN_CODE.resendCooldownMs / 1000,
  };
}
