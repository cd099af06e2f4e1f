/**
 * The one-time code of the built-in identity check (TCH-4): sent to the registry phone, never to a number
 * the page names, so only the registry person can receive it. One code a minute, five an hour per
 * invitation; the code is stored only as a keyed hash bound to the invitation and its moment of issue.
 */
import { randomInt } from "node:crypto";
import type { RateLimiter } from "../auth/rateLimiter.js";
import { NotFoundError, RateLimitedError } from "../errors.js";
import { maskPhone } from "../identity/idNumber.js";
import { assertVerifyOpen, resolveTeacherInvitation } from "../invitations/invitationAccess.js";
import { invitationCodeText, invitationEdition, registryPhoneOf } from "../invitations/invitationMessages.js";
import { INVITATION_CODE, INVITATION_RATE_LIMITS } from "../invitations/invitationSettings.js";
import { invitationFields } from "../invitations/invitationUpdates.js";
import type { PersonalDataCipher } from "../crypto/personalData.js";
import type { FaceVerification } from "../ports/faceVerification.js";
import { collectionsOf } from "../store/collections.js";
import type { CommandDeps } from "./commandDeps.js";

/** Blind-index purpose of invitation codes (a key of its own). */
const CODE_PURPOSE = "invitationCode";

/** The stored form of `code` for invitation `id` issued at `issuedAt`. */
export function hashInvitationCode(
  cipher: PersonalDataCipher,
  id: string,
  issuedAt: number,
  code: string,
): string {
  return cipher.blindIndex(`${id}:${issuedAt}:${code}`, CODE_PURPOSE);
}

/** Where the code went (masked) and when the page may ask again. */
export interface CodeSent {
  maskedPhone: string;
  expiresAt: number;
  resendAt: number;
}

/** Issues and sends a new code for the live invitation of `token`. */
export async function invitationCodeSender(
  deps: Pick<CommandDeps, "store" | "cipher" | "clock" | "sender"> & {
    face: FaceVerification;
    rateLimiter: RateLimiter;
  },
  input: { token: string },
): Promise<CodeSent> {
  if (!deps.face.requiresPhoneCode) throw new NotFoundError();
  const now = deps.clock.now();
  const invitation = await resolveTeacherInvitation(deps.store, input.token, now);
  assertVerifyOpen(invitation);
  if (invitation.code && now < invitation.code.issuedAt + INVITATION_CODE.resendCooldownMs)
    throw new RateLimitedError((invitation.code.issuedAt + INVITATION_CODE.resendCooldownMs - now) / 1000);
  const { invitations } = collectionsOf(deps.store);
  await deps.rateLimiter.hit(INVITATION_RATE_LIMITS.codePerInvitation, invitation._id);
  const code = String(randomInt(0, 10 ** INVITATION_CODE.digits)).padStart(INVITATION_CODE.digits, "0");
  const phone = await registryPhoneOf(deps.store, deps.cipher, invitation);
  const edition = await invitationEdition(deps.store, invitation);
  const expiresAt = now + INVITATION_CODE.ttlMs;
  // Stored before it is sent: a code that reached the phone is always one the server can check.
  await invitations.replace(invitation._id, invitation.rev, {
    ...invitationFields(invitation),
    code: { codeHash: hashInvitationCode(deps.cipher, invitation._id, now, code), issuedAt: now, expiresAt },
  });
  await deps.sender.send({
    to: phone,
    channel: "sms",
    template: "invitationCode",
    text: invitationCodeText(edition, code),
    idempotencyKey: `invitation:${invitation._id}:code:${now}`,
  });
  return { maskedPhone: maskPhone(phone), expiresAt, resendAt: now + INVITATION_CODE.resendCooldownMs };
}
