/**
 * How a teacher's request finds its invitation (TCH-3, TCH-4): by the link's token alone, no user account.
 * Unknown tokens answer 404; expired, revoked, signed (a replay) and invalidated ones 410, each with its own
 * Chinese message; none of these checks writes anything.
 */
import { secretTokenMatches } from "../auth/secretTokens.js";
import {
  InvitationExpiredError,
  InvitationInvalidatedError,
  InvitationNotFoundError,
  InvitationRevokedError,
  InvitationSignedError,
  InvitationVerifyLockedError,
  TeacherSessionRequiredError,
} from "../errors.js";
import type { Store, Stored } from "../ports/store.js";
import { collectionsOf, type InvitationDoc } from "../store/collections.js";
import { findInvitationByToken } from "./invitationRecords.js";
import { INVITATION_MAX_VERIFY_FAILURES } from "./invitationSettings.js";
import { effectiveState } from "./invitationStates.js";

/** The live invitation of `token`, or the error the teacher's page shows. */
export async function resolveTeacherInvitation(
  store: Store,
  token: string,
  now: number,
): Promise<Stored<InvitationDoc>> {
  const invitation = await findInvitationByToken(collectionsOf(store), token);
  if (invitation === undefined) throw new InvitationNotFoundError();
  assertInvitationLive(invitation, now);
  return invitation;
}

/** Throws the 410 error of a signed, expired, revoked or invalidated invitation; a live one passes. */
export function assertInvitationLive(invitation: InvitationDoc, now: number): void {
  switch (effectiveState(invitation, now)) {
    case "signed":
      throw new InvitationSignedError();
    case "expired":
      throw new InvitationExpiredError();
    case "revoked":
      throw new InvitationRevokedError();
    case "invalidated":
      throw new InvitationInvalidatedError();
    default:
      return;
  }
}

/** Too many failed identity checks lock the invitation (only a new invitation helps). */
export function assertVerifyOpen(invitation: InvitationDoc): void {
  if (invitation.verifyFailures >= INVITATION_MAX_VERIFY_FAILURES) throw new InvitationVerifyLockedError();
}

/** The summary and signing need the short session a successful check set on this browser. */
export function assertTeacherSession(
  invitation: InvitationDoc,
  sessionToken: string | undefined,
  now: number,
): void {
  const valid =
    invitation.state === "verified" &&
    invitation.teacherSessionExpiresAt !== undefined &&
    now < invitation.teacherSessionExpiresAt &&
    secretTokenMatches(sessionToken, invitation.teacherSessionHash);
  if (!valid) throw new TeacherSessionRequiredError();
}
