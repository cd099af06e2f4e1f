/**
 * The phone's half of 扫码登录 (ACC-2): a signed-in user who opened the QR link confirms, and the ticket
 * records who. Nothing about the PC or the user is returned to the phone.
 */
import { secretTokenMatches } from "../auth/secretTokens.js";
import { NotFoundError, QrTicketExpiredError, RevisionConflictError } from "../errors.js";
import { collectionsOf, type LoginTicketDoc } from "../store/collections.js";
import type { CommandDeps } from "./commandDeps.js";

/** The ticket, the secret from the QR link, and the confirming (signed-in) user. */
export interface QrTicketConfirmation {
  ticketId: string;
  scanSecret: string;
  userId: string;
}

/**
 * Marks a pending ticket confirmed by `userId`. Throws `NotFoundError` for an unknown ticket or a wrong
 * secret (ids reveal nothing) and `QrTicketExpiredError` when it timed out or was already confirmed.
 */
export async function qrTicketConfirmer(
  deps: Pick<CommandDeps, "store" | "clock">,
  input: QrTicketConfirmation,
): Promise<void> {
  const { loginTickets } = collectionsOf(deps.store);
  const ticket = await loginTickets.get(input.ticketId);
  if (!ticket || !secretTokenMatches(input.scanSecret, ticket.scanSecretHash)) throw new NotFoundError();
  const now = deps.clock.now();
  if (ticket.state !== "pending" || now >= ticket.expiresAt) throw new QrTicketExpiredError();
  const confirmed: LoginTicketDoc = {
    scanSecretHash: ticket.scanSecretHash,
    browserHash: ticket.browserHash,
    state: "confirmed",
    userId: input.userId,
    confirmedAt: now,
    expiresAt: ticket.expiresAt,
  };
  try {
    await loginTickets.replace(ticket._id, ticket.rev, confirmed);
  } catch (error) {
    // Another phone confirmed the same QR code a moment earlier: the first one wins.
    if (error instanceof RevisionConflictError) throw new QrTicketExpiredError();
    throw error;
  }
}
