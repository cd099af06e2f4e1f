/**
 * Issues a 扫码登录 ticket for a PC browser (ACC-2): short-lived and single-use, with two secrets stored only
 * hashed: one for the QR link (whoever scans it may confirm) and one for the PC's cookie (only that
 * browser may poll and redeem).
 */
import { QR_TICKET, RATE_LIMITS } from "../auth/authSettings.js";
import type { RateLimiter } from "../auth/rateLimiter.js";
import { hashSecretToken, isSecretToken, newSecretToken } from "../auth/secretTokens.js";
import type { Stored } from "../ports/store.js";
import { collectionsOf, type LoginTicketDoc } from "../store/collections.js";
import type { CommandDeps } from "./commandDeps.js";

/** Who asks: the PC's client address and its binding secret from an earlier ticket, if any. */
export interface QrTicketRequest {
  address: string;
  browserSecret: string | undefined;
}

/** The stored ticket, the secret for the QR link and the secret for the PC's cookie. */
export interface QrTicketIssued {
  ticket: Stored<LoginTicketDoc>;
  scanSecret: string;
  browserSecret: string;
}

/** Creates a pending ticket valid for `QR_TICKET.ttlMs`; throws `RateLimitedError` past the per-address limit. */
export async function qrTicketIssuer(
  deps: Pick<CommandDeps, "store" | "clock" | "cipher"> & { rateLimiter: RateLimiter },
  request: QrTicketRequest,
): Promise<QrTicketIssued> {
  const now = deps.clock.now();
  const { loginTickets } = collectionsOf(deps.store);
  await deps.rateLimiter.hit(
    RATE_LIMITS.qrTicketPerAddress,
    deps.cipher.blindIndex(request.address, "rateLimit.address"),
  );
  // The PC keeps its binding secret across renewals, so a second tab's ticket does not orphan the first's.
  const browserSecret = isSecretToken(request.browserSecret) ? request.browserSecret : newSecretToken();
  const scanSecret = newSecretToken();
  const ticket = await loginTickets.insert({
    scanSecretHash: hashSecretToken(scanSecret),
    browserHash: hashSecretToken(browserSecret),
    state: "pending",
    expiresAt: now + QR_TICKET.ttlMs,
  });
  return { ticket, scanSecret, browserSecret };
}
