/**
 * The PC's poll of its 扫码登录 ticket (ACC-2): reports pending / expired, and once the phone confirmed,
 * redeems the ticket and starts the PC's session (the id rotates) in one transaction. The ticket's revision
 * makes redemption single-use even when two polls arrive together.
 */
import { rotateSession } from "../auth/sessions.js";
import { secretTokenMatches } from "../auth/secretTokens.js";
import { NotFoundError, RevisionConflictError } from "../errors.js";
import type { Stored } from "../ports/store.js";
import { collectionsOf, type LoginTicketDoc, type UserDoc } from "../store/collections.js";
import type { CommandDeps } from "./commandDeps.js";

/** The ticket polled, the PC's binding secret and its current session token, if any. */
export interface QrTicketPoll {
  ticketId: string;
  browserSecret: string | undefined;
  previousToken: string | undefined;
}

/**
 * What the PC sees. `expired` also covers a ticket already redeemed: either way this QR code signs nobody
 * in any more, and the page shows a new one.
 */
export type QrTicketPollResult =
  | { status: "pending"; expiresAt: number }
  | { status: "expired" }
  | { status: "confirmed"; user: Stored<UserDoc>; token: string };

/** Polls (and maybe redeems) the ticket; `NotFoundError` unless the caller is the browser that created it. */
export async function qrTicketRedeemer(
  deps: Pick<CommandDeps, "store" | "clock">,
  input: QrTicketPoll,
): Promise<QrTicketPollResult> {
  const { loginTickets } = collectionsOf(deps.store);
  const ticket = await loginTickets.get(input.ticketId);
  // Another browser learns nothing, not even whether the ticket exists.
  if (!ticket || !secretTokenMatches(input.browserSecret, ticket.browserHash)) throw new NotFoundError();
  const now = deps.clock.now();
  if (ticket.state === "redeemed" || now >= ticket.expiresAt) return { status: "expired" };
  if (ticket.state === "pending" || !ticket.userId) return { status: "pending", expiresAt: ticket.expiresAt };
  const userId = ticket.userId;

  try {
    return await deps.store.transaction(async (tx) => {
      const collections = collectionsOf(tx);
      const redeemed: LoginTicketDoc = { ...fieldsOf(ticket), state: "redeemed" };
      await collections.loginTickets.replace(ticket._id, ticket.rev, redeemed);
      const user = await collections.users.get(userId);
      if (!user) return { status: "expired" as const };
      const { token } = await rotateSession(collections.sessions, user._id, now, input.previousToken);
      return { status: "confirmed" as const, user, token };
    });
  } catch (error) {
    // A concurrent poll redeemed it: that poll's answer carries the session cookie, this one does not.
    if (error instanceof RevisionConflictError) return { status: "expired" };
    throw error;
  }
}

function fieldsOf(ticket: LoginTicketDoc): LoginTicketDoc {
  const { scanSecretHash, browserHash, state, userId, confirmedAt, expiresAt } = ticket;
  return {
    scanSecretHash,
    browserHash,
    state,
    expiresAt,
    ...(userId === undefined ? {} : { userId }),
    ...(confirmedAt === undefined ? {} : { confirmedAt }),
  };
}
