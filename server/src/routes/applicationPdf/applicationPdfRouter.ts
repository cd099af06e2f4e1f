/** GET /api/applications/:id/pdf — the 申请表 of one's own application as a PDF download (APP-7). */
import Router from "@koa/router";
import type { AppDeps, AppState } from "../../app.js";
import { NotFoundError } from "../../errors.js";
import { contentDisposition } from "../../files/fileNames.js";
import { applicationPdfInput } from "../../pdf/applicationPdfInput.js";
import { authorize } from "../../policies/applicationPolicy.js";
import { requireSignedIn } from "../../policies/requireSignedIn.js";
import { collectionsOf } from "../../store/collections.js";
import { parseInput } from "../parseInput.js";
import { applicationPdfParams } from "./applicationPdfSchemas.js";

/** The file name the browser saves the form under. */
export const APPLICATION_PDF_NAME = "申请表.pdf";

/** Router for the printable application form. */
export function applicationPdfRouter(deps: AppDeps): Router<AppState> {
  const { applications } = collectionsOf(deps.ports.store);
  const router = new Router<AppState>();
  router.get("/api/applications/:id/pdf", async (ctx) => {
    requireSignedIn(ctx.state.actor);
    const { id } = parseInput(applicationPdfParams, ctx.params);
    const application = await applications.get(id);
    authorize(ctx.state.actor, "view", application);
    // Only narrows the type: authorize already answered 404 for a missing application.
    if (application === null) throw new NotFoundError();
    const input = await applicationPdfInput(
      { store: deps.ports.store, cipher: deps.cipher, files: deps.ports.files },
      application,
    );
    ctx.set("Content-Disposition", contentDisposition(APPLICATION_PDF_NAME));
    ctx.set("X-Content-Type-Options", "nosniff");
    ctx.set("Cache-Control", "private, no-store");
    ctx.type = "application/pdf";
    // Drawn in a worker thread with a time bound: a large application must not stall other users (issue 11).
    ctx.body = await deps.pdf.render(input);
  });
  return router;
}
