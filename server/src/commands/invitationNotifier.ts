/**
 * The `notify` and `remind` work of an invitation (TCH-3), called by their tasks: re-checks the invitation
 * document (the source of truth), sends through the sender port under a deterministic idempotency key, then
 * records it. A run repeated after a crash finds the key taken and only records what is missing.
 */
import { setTimeout as wait } from "node:timers/promises";
import { PermanentJobError } from "../errors.js";
import { invitationMessage } from "../invitations/invitationMessages.js";
import { DAY_MS } from "../invitations/invitationSettings.js";
import { effectiveState, isLive, nextState } from "../invitations/invitationStates.js";
import { changeInvitation, invitationFields } from "../invitations/invitationUpdates.js";
import { collectionsOf } from "../store/collections.js";
import { appendAudit } from "./audit.js";
import type { CommandDeps } from "./commandDeps.js";

/** What the messaging commands need; `notifyDelayMs` is the fault tests' hook (0 otherwise). */
export type InvitationNotifierDeps = Pick<CommandDeps, "store" | "cipher" | "clock" | "sender"> & {
  jobOrigin: string;
  notifyDelayMs?: number;
};

/** What a run did, for the task's log. */
export type NotifyOutcome = "sent" | "duplicate" | "skipped";

/** Sends the invitation's link to the registry phone unless it is no longer live; marks it 已发送. */
export async function invitationNotifier(
  deps: InvitationNotifierDeps,
  input: { invitationId: string },
): Promise<NotifyOutcome> {
  const invitation = await collectionsOf(deps.store).invitations.get(input.invitationId);
  if (invitation === null) throw new PermanentJobError(`invitation ${input.invitationId} does not exist`);
  if (!isLive(effectiveState(invitation, deps.clock.now()))) return "skipped";
  const { status } = await deps.sender.send(await invitationMessage(deps, invitation, "notify"));
  // Fault tests kill the worker here: sent, but neither recorded nor the job completed.
  if (deps.notifyDelayMs) await wait(deps.notifyDelayMs);
  await changeInvitation(deps.store, invitation._id, (current) => {
    const state = nextState(current.state, "notified");
    if (state === undefined || current.sentAt !== undefined) return undefined;
    const now = deps.clock.now();
    return {
      doc: { ...invitationFields(current), state, sentAt: now },
      result: undefined,
      after: (tx) =>
        appendAudit(tx, {
          actor: "system:invitationNotify",
          action: "invitation.sent",
          entity: "invitations",
          entityId: current._id,
          before: { state: current.state },
          after: { state },
          at: now,
        }),
    };
  });
  return status;
}

/** Sends the reminder of `day` while the invitation is unsigned and live; records it so it goes once. */
export async function invitationReminder(
  deps: InvitationNotifierDeps,
  input: { invitationId: string; day: number },
): Promise<NotifyOutcome> {
  const invitation = await collectionsOf(deps.store).invitations.get(input.invitationId);
  if (invitation === null) throw new PermanentJobError(`invitation ${input.invitationId} does not exist`);
  const now = deps.clock.now();
  if (!isLive(effectiveState(invitation, now)) || invitation.remindersSent.includes(input.day))
    return "skipped";
  // A job that fires early (clocks of machines disagree) fails to be retried later: completing it would
  // keep its job id, and so the reminder, out of the queue for the whole retention.
  if (now < invitation.issuedAt + input.day * DAY_MS)
    throw new Error(`reminder of day ${input.day} is early`);
  const { status } = await deps.sender.send(
    await invitationMessage(deps, invitation, { remindDay: input.day }),
  );
  await changeInvitation(deps.store, invitation._id, (current) =>
    current.remindersSent.includes(input.day)
      ? undefined
      : {
          doc: { ...invitationFields(current), remindersSent: [...current.remindersSent, input.day] },
          result: undefined,
        },
  );
  return status;
}
