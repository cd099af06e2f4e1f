/**
 * The candidate's invitations (TCH-1…3, TCH-5): list per teacher with its state, select a looked-up person
 * (which invites them), revoke an unsigned invitation, ask the teacher of a signature that failed its check
 * to sign again, and download the QR code of a live one.
 *
 * Decision: the token is stored encrypted (besides its hash), so the owner can show the link and QR code
 * again at any time, as the guide's 「将二维码截图保存并发送」 expects; only the owner's session reaches it.
 */
import { editionText } from "@shenbao/rules";
import Router from "@koa/router";
import QRCode from "qrcode";
import type { AppDeps, AppState } from "../../app.js";
import { publicOriginOf } from "../../auth/signInServices.js";
import { invitationRevoker } from "../../commands/invitationRevoker.js";
import { signatureReissuer } from "../../commands/signatureReissuer.js";
import { teacherInviter } from "../../commands/teacherInviter.js";
import { publishedEdition } from "../../editions/publishedEditions.js";
import { NotFoundError } from "../../errors.js";
import { assertInvitationLive } from "../../invitations/invitationAccess.js";
import { invitationLink, invitationToken } from "../../invitations/invitationRecords.js";
import { effectiveState, isLive } from "../../invitations/invitationStates.js";
import { signatureVerdicts } from "../../invitations/signatureIntegrity.js";
import { authorize as authorizeApplication } from "../../policies/applicationPolicy.js";
import { authorize } from "../../policies/invitationPolicy.js";
import { presentApplication } from "../../presenters/applicationPresenter.js";
import { presentCandidateInvitation } from "../../presenters/invitationPresenter.js";
import { crossApplicationChecks } from "../../review/crossChecks.js";
import { collectionsOf } from "../../store/collections.js";
import { parseInput } from "../parseInput.js";
import { idParams, inviteBody } from "./invitationSchemas.js";

/** Router for `/api/applications/:id/invitations` and `/api/invitations/:id/…`. */
export function invitationsRouter(deps: AppDeps): Router<AppState> {
  const { store } = deps.ports;
  const { applications, invitations } = collectionsOf(store);
  const inviterDeps = {
    store,
    cipher: deps.cipher,
    clock: deps.clock,
    queue: deps.ports.queue,
    ttlMs: deps.invitations.ttlMs,
  };
  const router = new Router<AppState>();

  router.get("/api/applications/:id/invitations", async (ctx) => {
    const { id } = parseInput(idParams, ctx.params);
    const application = await applications.get(id);
    authorizeApplication(ctx.state.actor, "view", application);
    const edition = await publishedEdition(store, application!.editionKey, application!.editionVersion);
    const origin = publicOriginOf(ctx, deps.signIn);
    const now = deps.clock.now();
    const [{ items }, checks] = await Promise.all([
      invitations.find({ applicationId: id }, { sort: { _id: 1 } }),
      crossApplicationChecks(store, edition, application!),
    ]);
    // Issue 11: signatures are verified on read, their images included; tampering is shown, not hidden.
    const verdicts = await signatureVerdicts(
      store,
      { cipher: deps.cipher, files: deps.ports.files },
      edition,
      application!,
      items,
    );
    ctx.set("Cache-Control", "no-store");
    ctx.body = {
      instruction: editionText(edition, "recommenders.qrInstruction"),
      // Only the cross-application findings the edition's rules show to candidates (reviewers see all).
      checks: checks.filter((check) => check.showToCandidate).map(({ message }) => message),
      items: items.map((doc) =>
        presentCandidateInvitation(
          edition,
          doc,
          now,
          isLive(effectiveState(doc, now))
            ? invitationLink(origin, invitationToken(doc, deps.cipher))
            : undefined,
          verdicts.get(doc._id),
        ),
      ),
    };
  });

  router.post("/api/applications/:id/invitations", async (ctx) => {
    const { id } = parseInput(idParams, ctx.params);
    const application = await applications.get(id);
    const actor = authorizeApplication(ctx.state.actor, "edit", application);
    const body = parseInput(inviteBody, ctx.request.body);
    const result = await teacherInviter(inviterDeps, {
      application: application!,
      actor: actor.userId,
      role: body.role,
      ref: body.ref,
      ...(body.workProof === undefined ? {} : { workProof: body.workProof }),
      ...(body.rev === undefined ? {} : { rev: body.rev }),
    });
    const edition = await publishedEdition(
      store,
      result.application.editionKey,
      result.application.editionVersion,
    );
    const link = invitationLink(publicOriginOf(ctx, deps.signIn), result.token);
    ctx.status = 201;
    ctx.body = {
      instruction: editionText(edition, "recommenders.qrInstruction"),
      invitation: presentCandidateInvitation(edition, result.invitation, deps.clock.now(), link),
      application: presentApplication(edition, result.application),
    };
  });

  router.post("/api/invitations/:id/revoke", async (ctx) => {
    const { id } = parseInput(idParams, ctx.params);
    const invitation = await invitations.get(id);
    const actor = authorize(ctx.state.actor, "revoke", invitation);
    const result = await invitationRevoker(
      { store, clock: deps.clock },
      { invitation: invitation!, actor: actor.userId },
    );
    const edition = await publishedEdition(
      store,
      result.application.editionKey,
      result.application.editionVersion,
    );
    ctx.body = {
      invitation: presentCandidateInvitation(edition, result.invitation, deps.clock.now(), undefined),
      application: presentApplication(edition, result.application),
    };
  });

  // Issue 11: a signature that fails its check is voided on the candidate's request and its teacher invited again.
  router.post("/api/invitations/:id/reissue", async (ctx) => {
    const { id } = parseInput(idParams, ctx.params);
    const invitation = await invitations.get(id);
    const actor = authorize(ctx.state.actor, "reissue", invitation);
    const result = await signatureReissuer(
      { store, clock: deps.clock, invitations: inviterDeps, files: deps.ports.files },
      { invitation: invitation!, actor: actor.userId },
    );
    const edition = await publishedEdition(
      store,
      result.application.editionKey,
      result.application.editionVersion,
    );
    const link = invitationLink(
      publicOriginOf(ctx, deps.signIn),
      invitationToken(result.replacement, deps.cipher),
    );
    ctx.status = 201;
    ctx.body = {
      invitation: presentCandidateInvitation(edition, result.replacement, deps.clock.now(), link),
      application: presentApplication(edition, result.application),
    };
  });

  router.get("/api/invitations/:id/qr.png", async (ctx) => {
    const { id } = parseInput(idParams, ctx.params);
    const invitation = await invitations.get(id);
    authorize(ctx.state.actor, "view", invitation);
    if (invitation === null) throw new NotFoundError();
    // A dead invitation's link would only show the teacher an error page: say so to the candidate instead.
    assertInvitationLive(invitation, deps.clock.now());
    const link = invitationLink(publicOriginOf(ctx, deps.signIn), invitationToken(invitation, deps.cipher));
    ctx.set("Cache-Control", "private, no-store");
    ctx.set("Content-Disposition", `attachment; filename="invitation-${invitation._id}.png"`);
    ctx.type = "image/png";
    ctx.body = await QRCode.toBuffer(link, { type: "png", errorCorrectionLevel: "M", margin: 2, width: 480 });
  });

  return router;
}
