/**
 * The teacher's pages (TCH-4), authenticated by the link's token, no user account: open (the notice, marks
 * 已查看), ask for the one-time code, pass the identity check (which sets a short session cookie bound to
 * the invitation), read the candidate's summary, and sign. Dead or unknown tokens answer 410 / 404 with a
 * Chinese message and change nothing.
 */
import Router from "@koa/router";
import type { Context } from "koa";
import type { SectionData } from "@shenbao/rules";
import type { AppDeps, AppState } from "../../app.js";
import { evaluationSigner } from "../../commands/evaluationSigner.js";
import { invitationCodeSender } from "../../commands/invitationCodeSender.js";
import { invitationVerifier } from "../../commands/invitationVerifier.js";
import { invitationViewer } from "../../commands/invitationViewer.js";
import { publishedEdition } from "../../editions/publishedEditions.js";
import { NotFoundError } from "../../errors.js";
import { assertTeacherSession, resolveTeacherInvitation } from "../../invitations/invitationAccess.js";
import { TEACHER_SESSION } from "../../invitations/invitationSettings.js";
import { invitationSummary } from "../../invitations/invitationSummary.js";
import {
  presentSignedEvaluation,
  presentTeacherInvitation,
  presentTeacherSummary,
} from "../../presenters/invitationPresenter.js";
import { collectionsOf } from "../../store/collections.js";
import { parseInput } from "../parseInput.js";
import { signBody, tokenParams, verifyBody } from "./teacherInvitationSchemas.js";

/** Router for `/api/t/:token…`. */
export function teacherInvitationsRouter(deps: AppDeps): Router<AppState> {
  const { store, files } = deps.ports;
  const face = deps.invitations.face;
  const router = new Router<AppState>({ prefix: "/api/t/:token" });
  const tokenOf = (ctx: Context) => parseInput(tokenParams, ctx.params).token;
  const sessionOf = (ctx: Context) => ctx.cookies.get(TEACHER_SESSION.cookieName) || undefined;

  // Links and answers carry a bearer secret: never cached, never sent on as a Referer.
  router.use(async function teacherHeaders(ctx, next) {
    ctx.set("Cache-Control", "no-store");
    ctx.set("Referrer-Policy", "no-referrer");
    await next();
  });

  router.get("/", async (ctx) => {
    const invitation = await invitationViewer({ store, clock: deps.clock }, { token: tokenOf(ctx) });
    const application = await collectionsOf(store).applications.get(invitation.applicationId);
    if (application === null) throw new NotFoundError();
    const edition = await publishedEdition(store, application.editionKey, application.editionVersion);
    const now = deps.clock.now();
    let sessionActive = true;
    try {
      assertTeacherSession(invitation, sessionOf(ctx), now);
    } catch {
      sessionActive = false;
    }
    ctx.body = presentTeacherInvitation(edition, invitation, now, face, sessionActive);
  });

  router.post("/verify/code", async (ctx) => {
    const sent = await invitationCodeSender(
      {
        store,
        cipher: deps.cipher,
        clock: deps.clock,
        sender: deps.sender,
        face,
        rateLimiter: deps.rateLimiter,
      },
      { token: tokenOf(ctx) },
    );
    ctx.body = {
      maskedPhone: sent.maskedPhone,
      expiresAt: new Date(sent.expiresAt).toISOString(),
      resendAt: new Date(sent.resendAt).toISOString(),
    };
  });

  router.post("/verify", async (ctx) => {
    const body = parseInput(verifyBody, ctx.request.body ?? {});
    const { invitation, sessionToken } = await invitationVerifier(
      { store, cipher: deps.cipher, clock: deps.clock, face },
      {
        token: tokenOf(ctx),
        ...(body.code === undefined ? {} : { code: body.code }),
        evidence: { ...body.evidence, ...(body.last6 === undefined ? {} : { last6: body.last6 }) },
      },
    );
    ctx.cookies.set(TEACHER_SESSION.cookieName, sessionToken, {
      httpOnly: true,
      sameSite: "strict",
      secure: ctx.secure,
      path: TEACHER_SESSION.cookiePath,
      overwrite: true,
    });
    ctx.body = {
      state: invitation.state,
      sessionExpiresAt: new Date(invitation.teacherSessionExpiresAt ?? 0).toISOString(),
    };
  });

  router.get("/summary", async (ctx) => {
    const now = deps.clock.now();
    const invitation = await resolveTeacherInvitation(store, tokenOf(ctx), now);
    assertTeacherSession(invitation, sessionOf(ctx), now);
    const application = await collectionsOf(store).applications.get(invitation.applicationId);
    if (application === null) throw new NotFoundError();
    const edition = await publishedEdition(store, application.editionKey, application.editionVersion);
    ctx.body = presentTeacherSummary(await invitationSummary(store, deps.cipher, edition, application));
  });

  router.post("/sign", async (ctx) => {
    const body = parseInput(signBody, ctx.request.body);
    const signed = await evaluationSigner(
      { store, cipher: deps.cipher, clock: deps.clock, files },
      {
        token: tokenOf(ctx),
        sessionToken: sessionOf(ctx),
        evaluation: body.evaluation as SectionData,
        signaturePng: Buffer.from(body.signaturePng, "base64"),
      },
    );
    ctx.cookies.set(TEACHER_SESSION.cookieName, null, { path: TEACHER_SESSION.cookiePath, overwrite: true });
    ctx.status = 201;
    ctx.body = presentSignedEvaluation(signed);
  });

  return router;
}
