/**
 * Attachments (issue 4): upload into a field of one's own draft application, download (or preview) a file
 * one may read, delete one's own. Other people's applications and files answer 404.
 */
import { ATTACHMENT_PREVIEW_CSP } from "../../middleware/securityHeaders.js";
import Router from "@koa/router";
import type { AppDeps, AppState } from "../../app.js";
import { attachmentRemover } from "../../commands/attachmentRemover.js";
import { attachmentUploader } from "../../commands/attachmentUploader.js";
import { NotFoundError } from "../../errors.js";
import { contentDisposition } from "../../files/fileNames.js";
import { authorize as authorizeApplication } from "../../policies/applicationPolicy.js";
import { authorize } from "../../policies/attachmentPolicy.js";
import { requireSignedIn } from "../../policies/requireSignedIn.js";
import { presentAttachment } from "../../presenters/attachmentPresenter.js";
import { collectionsOf } from "../../store/collections.js";
import { parseInput } from "../parseInput.js";
import { applicationIdParams, attachmentIdParams, downloadQuery, uploadQuery } from "./attachmentSchemas.js";
import { multipartUpload } from "./multipartFile.js";

// Only these render inline as previews; anything else is always a download.
const PREVIEW_TYPES: ReadonlySet<string> = new Set(["image/png", "image/jpeg", "application/pdf"]);

/** Router for `/api/applications/:id/attachments` and `/api/attachments/:id`. */
export function attachmentsRouter(deps: AppDeps): Router<AppState> {
  const { applications, attachments } = collectionsOf(deps.ports.store);
  const commandDeps = {
    store: deps.ports.store,
    clock: deps.clock,
    files: deps.ports.files,
    invitations: { queue: deps.ports.queue, cipher: deps.cipher, ttlMs: deps.invitations.ttlMs },
  };
  const router = new Router<AppState>();

  router.post("/api/applications/:id/attachments", async (ctx) => {
    const actor = requireSignedIn(ctx.state.actor);
    const { id } = parseInput(applicationIdParams, ctx.params);
    const { section, field } = parseInput(uploadQuery, ctx.query);
    const application = await applications.get(id);
    // Uploading is editing the application: its own policy decides (404 for anyone but the owner).
    authorizeApplication(actor, "edit", application);
    // Only narrows the type: authorize already answered 404 for a missing application.
    if (application === null) throw new NotFoundError();
    const upload = multipartUpload(ctx.req);
    try {
      const attachment = await attachmentUploader(commandDeps, {
        actor: actor.userId,
        application,
        sectionKey: section,
        fieldPath: field,
        receive: upload.receive,
      });
      ctx.status = 201;
      ctx.body = presentAttachment(attachment);
    } catch (error) {
      upload.discard();
      throw error;
    }
  });

  router.get("/api/attachments/:id", async (ctx) => {
    const actor = requireSignedIn(ctx.state.actor);
    const { id } = parseInput(attachmentIdParams, ctx.params);
    const { inline } = parseInput(downloadQuery, ctx.query);
    const attachment = await attachments.get(id);
    if (attachment === null) throw new NotFoundError();
    // Reviewers read files of applications routed to them (REV-1); the owner needs no second read.
    const application =
      attachment.ownerId === actor.userId ? null : await applications.get(attachment.applicationId);
    authorize(actor, "read", attachment, application);
    const body = await deps.ports.files.get(attachment.fileKey);
    const disposition = inline && PREVIEW_TYPES.has(attachment.mime) ? "inline" : "attachment";
    ctx.set("Content-Disposition", contentDisposition(attachment.name, disposition));
    // The type is the one detected from the bytes; nosniff keeps browsers from guessing another.
    ctx.set("X-Content-Type-Options", "nosniff");
    ctx.set("Cache-Control", "private, no-store");
    // The attachment widget previews PDFs in a frame of our own page; no other site may frame them.
    ctx.set("Content-Security-Policy", ATTACHMENT_PREVIEW_CSP);
    ctx.set("X-Frame-Options", "SAMEORIGIN");
    ctx.type = attachment.mime;
    ctx.length = attachment.size;
    ctx.body = body;
  });

  router.delete("/api/attachments/:id", async (ctx) => {
    const actor = requireSignedIn(ctx.state.actor);
    const { id } = parseInput(attachmentIdParams, ctx.params);
    const attachment = await attachments.get(id);
    if (attachment === null) throw new NotFoundError();
    authorize(actor, "delete", attachment);
    await attachmentRemover(commandDeps, { actor: actor.userId, attachment });
    ctx.status = 204;
  });

  return router;
}
