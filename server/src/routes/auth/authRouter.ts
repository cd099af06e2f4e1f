/**
 * /api/auth — the built-in phone + one-time-code sign-in (ACC-1) and sign-out. WeChat (`wechatRouter`) and
 * 扫码登录 (`qrTicketsRouter`) mount beside these; sessions are the same for every provider.
 */
import Router from "@koa/router";
import type { AppDeps, AppState } from "../../app.js";
import type { CommandDeps } from "../../commands/commandDeps.js";
import { sessionRevoker } from "../../commands/sessionRevoker.js";
import { signInCodeRedeemer } from "../../commands/signInCodeRedeemer.js";
import { signInCodeSender } from "../../commands/signInCodeSender.js";
import { clearSessionCookie, sessionTokenOf, setSessionCookie } from "../../middleware/session.js";
import { requireSignedIn } from "../../policies/requireSignedIn.js";
import { presentMe } from "../../presenters/mePresenter.js";
import { parseInput } from "../parseInput.js";
import { codeRequestSchema, signInRequestSchema } from "./authSchemas.js";

/** Router for sign-in codes, sign-in and sign-out. */
export function authRouter(deps: AppDeps): Router<AppState> {
  const commandDeps: CommandDeps & { rateLimiter: AppDeps["rateLimiter"] } = {
    rateLimiter: deps.rateLimiter,
    store: deps.ports.store,
    cipher: deps.cipher,
    sender: deps.sender,
    clock: deps.clock,
  };
  const router = new Router<AppState>({ prefix: "/api/auth" });

  router.post("/code", async (ctx) => {
    const { phone } = parseInput(codeRequestSchema, ctx.request.body);
    // ctx.ip honours X-Forwarded-For only when SHENBAO_TRUST_PROXY is set, so clients cannot pick their own.
    ctx.body = await signInCodeSender(commandDeps, { phone, address: ctx.ip });
  });

  router.post("/sign-in", async (ctx) => {
    const { phone, code } = parseInput(signInRequestSchema, ctx.request.body);
    const previousToken = sessionTokenOf(ctx);
    const { user, token } = await signInCodeRedeemer(commandDeps, {
      phone,
      code,
      ...(previousToken ? { previousToken } : {}),
    });
    setSessionCookie(ctx, token);
    ctx.body = presentMe(user, deps.cipher);
  });

  router.post("/sign-out", async (ctx) => {
    const token = sessionTokenOf(ctx);
    if (token) await sessionRevoker(commandDeps, { token });
    clearSessionCookie(ctx);
    ctx.status = 204;
  });

  router.post("/sign-out-everywhere", async (ctx) => {
    const actor = requireSignedIn(ctx.state.actor);
    await sessionRevoker(commandDeps, { userId: actor.userId });
    clearSessionCookie(ctx);
    ctx.status = 204;
  });

  // Which sign-in methods this deployment offers, so the sign-in page shows only working buttons (ACC-1).
  router.get("/providers", (ctx) => {
    ctx.body = { phone: true, qr: true, wechat: deps.signIn.wechat !== undefined };
  });

  return router;
}
