/**
 * Creating one invitation inside a store transaction (TCH-3): a fresh 256-bit token kept as sha256 (for
 * the link's look-up) and encrypted (so the owner can show the QR code again), the expiry, and the jobs
 * enqueued in the same transaction. Used by the inviter and by the re-invitation after 已失效.
 */
import { hashSecretToken, newSecretToken } from "../auth/secretTokens.js";
import type { PersonalDataCipher } from "../crypto/personalData.js";
import type { Queue } from "../ports/queue.js";
import type { RegistryRole } from "../ports/registryProvider.js";
import type { Stored, StoreTx } from "../ports/store.js";
import { collectionsOf, type InvitationDoc } from "../store/collections.js";
import { newId } from "../store/newId.js";
import { appendAudit } from "../commands/audit.js";
import { enqueueInvitationJobsIn } from "./invitationJobs.js";
import { invitationTokenContext } from "./invitationRecords.js";

/** Who is invited for what. */
export interface InvitationSpec {
  applicationId: string;
  candidateId: string;
  role: RegistryRole;
  registryId: string;
  teacherName: string;
  teacherMaskedIdNumber: string;
  workProof?: string;
  /** The invalidated invitation this one replaces. */
  replaces?: string;
}

/** The new invitation and its token (the only time the caller gets it in clear besides decrypting). */
export interface IssuedInvitation {
  invitation: Stored<InvitationDoc>;
  token: string;
}

/** Inserts a pending invitation and enqueues its jobs in `tx`, with the audit event. */
export async function issueInvitationIn(
  tx: StoreTx,
  deps: { queue: Queue; cipher: PersonalDataCipher; ttlMs: number },
  spec: InvitationSpec,
  context: { actor: string; now: number; id?: string },
): Promise<IssuedInvitation> {
  const { now } = context;
  const id = context.id ?? newId(now);
  const token = newSecretToken();
  const doc: InvitationDoc = {
    ...spec,
    tokenHash: hashSecretToken(token),
    tokenEnc: deps.cipher.encrypt(token, invitationTokenContext(id)),
    state: "pending",
    issuedAt: now,
    expiresAt: now + deps.ttlMs,
    remindersSent: [],
    verifyFailures: 0,
  };
  const invitation = await collectionsOf(tx).invitations.insert({ ...doc, _id: id });
  await enqueueInvitationJobsIn(deps.queue, tx, invitation, now);
  await appendAudit(tx, {
    actor: context.actor,
    action: "invitation.create",
    entity: "invitations",
    entityId: id,
    before: null,
    after: {
      applicationId: spec.applicationId,
      role: spec.role,
      state: "pending",
      expiresAt: invitation.expiresAt,
      replaces: spec.replaces ?? null,
    },
    at: now,
  });
  return { invitation, token };
}
