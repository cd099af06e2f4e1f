/**
 * /api/auth/qr-tickets — 扫码登录 (ACC-2). The PC page creates a ticket and shows its QR code, then polls
 * it; a signed-in phone opens the link and confirms; the PC's next poll signs it in. The link carries its
 * secret in the fragment, so it never reaches a server log or a Referer header.
 */
import Router from "@koa/router";
import type { Context } from "koa";
import QRCode from "qrcode";
import type { AppDeps, AppState } from "../../app.js";
import { QR_TICKET } from "../../auth/authSettings.js";
import { publicOriginOf } from "../../auth/signInServices.js";
import { qrTicketConfirmer } from "../../commands/qrTicketConfirmer.js";
import { qrTicketIssuer } from "../../commands/qrTicketIssuer.js";
import { qrTicketRedeemer } from "../../commands/qrTicketRedeemer.js";
import { NotFoundError } from "../../errors.js";
import { sessionTokenOf, setSessionCookie } from "../../middleware/session.js";
import { requireSignedIn } from "../../policies/requireSignedIn.js";
import { presentMe } from "../../presenters/mePresenter.js";
import { parseInput } from "../parseInput.js";
import { qrConfirmRequestSchema } from "./authSchemas.js";

/** The page of the phone-side confirmation, in the renderer. */
export const QR_CONFIRM_PAGE = "/qr-login";

const TICKET_ID = /^[0-9a-f]{32}$/;

/** Router for 扫码登录 tickets. */
export function qrTicketsRouter(deps: AppDeps): Router<AppState> {
  const commandDeps = {
    store: deps.ports.store,
    clock: deps.clock,
    cipher: deps.cipher,
    rateLimiter: deps.rateLimiter,
  };
  const router = new Router<AppState>({ prefix: "/api/auth/qr-tickets" });

  router.post("/", async (ctx) => {
    const { ticket, scanSecret, browserSecret } = await qrTicketIssuer(commandDeps, {
      address: ctx.ip,
      browserSecret: ctx.cookies.get(QR_TICKET.cookieName),
    });
    const url = `${publicOriginOf(ctx, deps.signIn)}${QR_CONFIRM_PAGE}#${ticket._id}.${scanSecret}`;
    setBindingCookie(ctx, browserSecret);
    ctx.status = 201;
    ctx.body = {
      ticketId: ticket._id,
      qrPng: await QRCode.toDataURL(url, { errorCorrectionLevel: "M", margin: 1, width: 240 }),
      url,
      expiresAt: new Date(ticket.expiresAt).toISOString(),
      pollAfterMs: QR_TICKET.pollAfterMs,
    };
  });

  router.get("/:id", async (ctx) => {
    ctx.set("Cache-Control", "no-store");
    const result = await qrTicketRedeemer(commandDeps, {
      ticketId: ticketIdOf(ctx.params.id),
      browserSecret: ctx.cookies.get(QR_TICKET.cookieName),
      previousToken: sessionTokenOf(ctx),
    });
    if (result.status === "confirmed") {
      setSessionCookie(ctx, result.token);
      ctx.body = { status: "confirmed", user: presentMe(result.user, deps.cipher) };
    } else if (result.status === "pending") {
      ctx.body = {
        status: "pending",
        expiresAt: new Date(result.expiresAt).toISOString(),
        pollAfterMs: QR_TICKET.pollAfterMs,
      };
    } else {
      ctx.body = { status: "expired" };
    }
  });

  router.post("/:id/confirm", async (ctx) => {
    const actor = requireSignedIn(ctx.state.actor);
    const { secret } = parseInput(qrConfirmRequestSchema, ctx.request.body);
    await qrTicketConfirmer(commandDeps, {
      ticketId: ticketIdOf(ctx.params.id),
      scanSecret: secret,
      userId: actor.userId,
    });
    ctx.body = { status: "confirmed" };
  });

  return router;
}

function ticketIdOf(id: string | undefined): string {
  if (!id || !TICKET_ID.test(id)) throw new NotFoundError();
  return id;
}

/** The PC's binding secret: HttpOnly, sent only to the ticket routes, gone with the browser session. */
function setBindingCookie(ctx: Context, secret: string): void {
  ctx.cookies.set(QR_TICKET.cookieName, secret, {
    httpOnly: true,
    sameSite: "lax",
    secure: ctx.secure,
    path: QR_TICKET.cookiePath,
    overwrite: true,
  });
}
