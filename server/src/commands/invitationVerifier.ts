/**
 * The identity check of the teacher (TCH-4 人脸识别): the configured face-verification provider decides
 * whether the person at the link is the registry person; the built-in provider also needs the one-time code
 * sent to the registry phone. Failures are counted and lock the invitation at the limit; a success gives a
 * short teacher session bound to this invitation and browser.
 */
import { hashSecretToken, newSecretToken } from "../auth/secretTokens.js";
import {
  FaceVerificationUnavailableError,
  InvitationCodeExpiredError,
  InvitationVerifyFailedError,
  InvitationVerifyLockedError,
} from "../errors.js";
import { assertVerifyOpen, resolveTeacherInvitation } from "../invitations/invitationAccess.js";
import { INVITATION_MAX_VERIFY_FAILURES, TEACHER_SESSION } from "../invitations/invitationSettings.js";
import { nextState } from "../invitations/invitationStates.js";
import { invitationFields } from "../invitations/invitationUpdates.js";
import type { FaceVerification } from "../ports/faceVerification.js";
import type { Stored } from "../ports/store.js";
import { registryIdNumberContext } from "../registry/registryRecords.js";
import { collectionsOf, type InvitationDoc } from "../store/collections.js";
import { appendAudit } from "./audit.js";
import type { CommandDeps } from "./commandDeps.js";
import { hashInvitationCode } from "./invitationCodeSender.js";
import { timingSafeEqual } from "node:crypto";

/** What the page submitted: the one-time code (built-in provider) and the provider's evidence. */
export interface VerifyInput {
  token: string;
  code?: string;
  evidence: Record<string, string>;
}

/** The verified invitation and the teacher session token for its cookie. */
export interface Verified {
  invitation: Stored<InvitationDoc>;
  sessionToken: string;
}

/** Checks the teacher's identity, or throws (and counts) a failure. */
export async function invitationVerifier(
  deps: Pick<CommandDeps, "store" | "cipher" | "clock"> & { face: FaceVerification },
  input: VerifyInput,
): Promise<Verified> {
  const now = deps.clock.now();
  const invitation = await resolveTeacherInvitation(deps.store, input.token, now);
  assertVerifyOpen(invitation);
  const { invitations, registry } = collectionsOf(deps.store);

  let passed = true;
  if (deps.face.requiresPhoneCode) {
    const code = invitation.code;
    if (code === undefined || now >= code.expiresAt) throw new InvitationCodeExpiredError();
    passed = sameHash(
      hashInvitationCode(deps.cipher, invitation._id, code.issuedAt, input.code ?? ""),
      code.codeHash,
    );
  }
  if (passed) {
    const person = await registry.get(invitation.registryId);
    if (person === null) throw new InvitationVerifyLockedError();
    const result = await deps.face.verify({
      reference: invitation._id,
      name: person.name,
      idNumber: deps.cipher.decrypt(person.idNumberEnc, registryIdNumberContext(person._id)),
      evidence: input.evidence,
    });
    if (result.outcome === "unavailable") throw new FaceVerificationUnavailableError();
    passed = result.outcome === "match";
  }

  const fields = invitationFields(invitation);
  if (!passed) {
    const failures = invitation.verifyFailures + 1;
    await invitations.replace(invitation._id, invitation.rev, { ...fields, verifyFailures: failures });
    if (failures >= INVITATION_MAX_VERIFY_FAILURES) throw new InvitationVerifyLockedError();
    throw new InvitationVerifyFailedError(INVITATION_MAX_VERIFY_FAILURES - failures);
  }
  const state = nextState(invitation.state, "verified") ?? invitation.state;
  const sessionToken = newSecretToken();
  const { code: _used, ...rest } = fields;
  const verified = await deps.store.transaction(async (tx) => {
    const stored = await collectionsOf(tx).invitations.replace(invitation._id, invitation.rev, {
      ...rest,
      state,
      verifiedAt: now,
      teacherSessionHash: hashSecretToken(sessionToken),
      teacherSessionExpiresAt: now + TEACHER_SESSION.ttlMs,
    });
    await appendAudit(tx, {
      actor: `teacher:${invitation._id}`,
      action: "invitation.verified",
      entity: "invitations",
      entityId: invitation._id,
      before: { state: invitation.state },
      after: { state, provider: deps.face.kind },
      at: now,
    });
    return stored;
  });
  return { invitation: verified, sessionToken };
}

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
