/**
 * 实名认证 for the signed-in user (ID-1…ID-5): read one's own state, upload document photos, the automatic
 * check, a manual or other-document request, and 「撤回认证」. Other users' records answer 404.
 */
import Router from "@koa/router";
import type { AppDeps, AppState } from "../../app.js";
import { identityPhotoUploader, IDENTITY_PHOTO_LIMITS } from "../../commands/identityPhotoUploader.js";
import { identityRequester } from "../../commands/identityRequester.js";
import { identityVerifier } from "../../commands/identityVerifier.js";
import { identityWithdrawer } from "../../commands/identityWithdrawer.js";
import { NotFoundError } from "../../errors.js";
import { autoCheckFailures } from "../../identity/autoCheckAttempts.js";
import { currentIdentityOf } from "../../identity/identityRecords.js";
import type { IdentityCommandDeps } from "../../identity/identityServices.js";
import { authorize } from "../../policies/identityPolicy.js";
import { requireSignedIn } from "../../policies/requireSignedIn.js";
import { presentIdentity, presentOwnIdentityPage } from "../../presenters/identityPresenter.js";
import { collectionsOf } from "../../store/collections.js";
import { multipartUpload } from "../attachments/multipartFile.js";
import { parseInput } from "../parseInput.js";
import { idParams, requestBody, verifyBody } from "./identitySchemas.js";

/** The command dependencies the identity routes pass on. */
export function identityCommandDeps(deps: AppDeps): IdentityCommandDeps {
  return {
    store: deps.ports.store,
    files: deps.ports.files,
    cipher: deps.cipher,
    clock: deps.clock,
    identity: deps.identity,
    invitations: { queue: deps.ports.queue, cipher: deps.cipher, ttlMs: deps.invitations.ttlMs },
  };
}

/** Router for `/api/identity…`. */
export function identityRouter(deps: AppDeps): Router<AppState> {
  const collections = collectionsOf(deps.ports.store);
  const commandDeps = identityCommandDeps(deps);
  const router = new Router<AppState>();

  router.get("/api/identity", async (ctx) => {
    const actor = requireSignedIn(ctx.state.actor);
    const current = await currentIdentityOf(collections, actor.userId);
    const failures = await autoCheckFailures(collections, actor.userId);
    // The identity page is the one place the owner sees their own full number.
    ctx.body = presentOwnIdentityPage(
      current,
      deps.cipher,
      { failures, maxAttempts: deps.identity.maxAttempts },
      deps.identity.check.describe(),
    );
  });

  router.post("/api/identity/photos", async (ctx) => {
    const actor = requireSignedIn(ctx.state.actor);
    const upload = multipartUpload(ctx.req);
    try {
      const incoming = await upload.receive({
        accept: IDENTITY_PHOTO_LIMITS.allowedTypes,
        maxBytes: IDENTITY_PHOTO_LIMITS.maxBytes,
        maxCount: 1,
      });
      const photo = await identityPhotoUploader(commandDeps, { ownerId: actor.userId, incoming });
      ctx.status = 201;
      ctx.body = { id: photo._id, mime: photo.mime, size: photo.size };
    } catch (error) {
      upload.discard();
      throw error;
    }
  });

  router.get("/api/identity/photos/:id", async (ctx) => {
    const { id } = parseInput(idParams, ctx.params);
    const photo = await collections.identityPhotos.get(id);
    if (!photo) {
      requireSignedIn(ctx.state.actor);
      throw new NotFoundError();
    }
    authorize(ctx.state.actor, "readPhoto", { ownerId: photo.ownerId });
    const body = await deps.ports.files.get(photo.fileKey);
    // The type was detected from the bytes; nosniff keeps browsers from guessing another.
    ctx.set("X-Content-Type-Options", "nosniff");
    ctx.set("Cache-Control", "private, no-store");
    ctx.set("Content-Disposition", "inline");
    ctx.type = photo.mime;
    ctx.length = photo.size;
    ctx.body = body;
  });

  router.post("/api/identity/verify", async (ctx) => {
    const actor = requireSignedIn(ctx.state.actor);
    const input = parseInput(verifyBody, ctx.request.body);
    const verified = await identityVerifier(commandDeps, { userId: actor.userId, ...input });
    ctx.body = { identity: presentIdentity(verified, deps.cipher, { revealNumber: false }) };
  });

  router.post("/api/identity/requests", async (ctx) => {
    const actor = requireSignedIn(ctx.state.actor);
    const input = parseInput(requestBody, ctx.request.body);
    const pending = await identityRequester(commandDeps, { userId: actor.userId, ...input });
    ctx.status = 201;
    ctx.body = { identity: presentIdentity(pending, deps.cipher, { revealNumber: false }) };
  });

  router.post("/api/identity/withdraw", async (ctx) => {
    const actor = requireSignedIn(ctx.state.actor);
    const withdrawn = await identityWithdrawer(commandDeps, { userId: actor.userId });
    ctx.body = { identity: presentIdentity(withdrawn, deps.cipher, { revealNumber: false }) };
  });

  return router;
}
