/**
 * /api/review — the reviewers' console (REV-1…REV-3, REV-5, REV-6): the queue of applications routed to the
 * reviewer's division, one application read-only with its decisions, per-section lock / return, the
 * on-site form, passing to the next level, the audit trail, the full ID number (audited), and exports.
 * Each handler validates, authorizes through the review policy, calls one command and presents.
 */
import Router from "@koa/router";
import type { Context } from "koa";
import type { AppDeps, AppState } from "../../app.js";
import { identityNumberRevealer } from "../../commands/identityNumberRevealer.js";
import { identityPhotoRevealer } from "../../commands/identityPhotoRevealer.js";
import { onsiteConfirmer } from "../../commands/onsiteConfirmer.js";
import { reviewPasser } from "../../commands/reviewPasser.js";
import { sectionReviewer } from "../../commands/sectionReviewer.js";
import { currentEdition, publishedEdition } from "../../editions/publishedEditions.js";
import { NotFoundError } from "../../errors.js";
import { authorizeReview, requireReviewer, type ReviewAction } from "../../policies/reviewPolicy.js";
import { requireSignedIn } from "../../policies/requireSignedIn.js";
import {
  presentAuditEvent,
  presentQueueItem,
  presentReviewApplication,
} from "../../presenters/reviewPresenter.js";
import { crossApplicationChecks } from "../../review/crossChecks.js";
import { queueFilter } from "../../review/reviewQueue.js";
import { divisionOf, REVIEW_LEVEL_LABELS } from "../../review/reviewRouting.js";
import { exportRows, publicListRows, writeXlsx } from "../../review/reviewExports.js";
import { collectionsOf } from "../../store/collections.js";
import type { SectionData } from "@shenbao/rules";
import { parseInput } from "../parseInput.js";
import {
  decisionRequest,
  onsiteRequest,
  passRequest,
  photoSide,
  queueQuery,
  reviewParams,
} from "./reviewSchemas.js";

/** Router of the reviewers' console. */
export function reviewRouter(deps: AppDeps): Router<AppState> {
  const { store } = deps.ports;
  const commandDeps = { store, clock: deps.clock, cipher: deps.cipher };
  const { applications, reviewQueue, invitations, audit } = collectionsOf(store);
  const router = new Router<AppState>({ prefix: "/api/review" });

  async function load(ctx: Context & { state: AppState }, action: ReviewAction) {
    const actor = requireSignedIn(ctx.state.actor);
    const parsed = reviewParams.safeParse(ctx.params);
    if (!parsed.success) throw new NotFoundError();
    const application = await applications.get(parsed.data.id);
    authorizeReview(actor, action, application);
    const loaded = application!;
    const edition = await publishedEdition(store, loaded.editionKey, loaded.editionVersion);
    return { actor, application: loaded, edition, key: parsed.data.key };
  }

  async function present(ctx: Context & { state: AppState }, id: string) {
    const actor = requireSignedIn(ctx.state.actor);
    const application = (await applications.get(id))!;
    const edition = await publishedEdition(store, application.editionKey, application.editionVersion);
    const [entry, teachers, checks] = await Promise.all([
      reviewQueue.get(id),
      invitations.find({ applicationId: id }),
      crossApplicationChecks(store, edition, application),
    ]);
    return presentReviewApplication(edition, application, {
      actor,
      entry,
      invitations: teachers.items.filter((invitation) => invitation.state !== "revoked"),
      checks,
    });
  }

  router.get("/me", async (ctx) => {
    const reviewer = requireReviewer(ctx.state.actor);
    const { edition } = await openEdition();
    const division = divisionOf(edition, reviewer.reviewerScope.division);
    ctx.body = {
      level: reviewer.reviewerScope.level,
      levelLabel: REVIEW_LEVEL_LABELS[reviewer.reviewerScope.level],
      division: reviewer.reviewerScope.division,
      divisionName: division?.path.join("") ?? reviewer.reviewerScope.division,
      editionKey: edition.key,
      editionVersion: edition.version,
    };
  });

  router.get("/applications", async (ctx) => {
    const reviewer = requireReviewer(ctx.state.actor);
    const query = parseInput(queueQuery, ctx.query);
    const filter = queueFilter(deps.cipher, reviewer.reviewerScope, query);
    if (filter === undefined) {
      ctx.body = { items: [], next: null, total: 0 };
      return;
    }
    const sort = { submittedAt: query.sort === "submittedAt" ? 1 : -1 } as const;
    const [page, total] = await Promise.all([
      reviewQueue.find(filter, {
        sort,
        limit: query.limit,
        ...(query.cursor ? { cursor: query.cursor } : {}),
      }),
      reviewQueue.count(filter),
    ]);
    const { edition } = await openEdition();
    ctx.body = {
      items: page.items.map((entry) => presentQueueItem(edition, entry)),
      next: page.next ?? null,
      total,
    };
  });

  router.get("/applications/:id", async (ctx) => {
    const { application } = await load(ctx, "view");
    ctx.body = await present(ctx, application._id);
  });

  router.get("/applications/:id/identity", async (ctx) => {
    const { actor, application } = await load(ctx, "viewIdentity");
    ctx.set("Cache-Control", "private, no-store");
    ctx.body = await identityNumberRevealer(commandDeps, { application, actor: actor.userId });
  });

  // One side of the identity-document photo, for the reviewers who may see the full number; audited.
  router.get("/applications/:id/identity/photos/:side", async (ctx) => {
    const side = parseInput(photoSide, ctx.params.side);
    const { actor, application } = await load(ctx, "viewIdentity");
    const photo = await identityPhotoRevealer(
      { ...commandDeps, files: deps.ports.files },
      { application, actor: actor.userId, side },
    );
    ctx.set("X-Content-Type-Options", "nosniff");
    ctx.set("Cache-Control", "private, no-store");
    ctx.set("Content-Disposition", "inline");
    ctx.type = photo.mime;
    ctx.length = photo.size;
    ctx.body = photo.body;
  });

  router.post("/applications/:id/sections/:key/decision", async (ctx) => {
    const { actor, application, edition, key } = await load(ctx, "decide");
    const body = parseInput(decisionRequest, ctx.request.body);
    await sectionReviewer(commandDeps, {
      application,
      edition,
      actor: actor.userId,
      key: key ?? "",
      decision: body.decision,
      comment: body.comment,
      fieldComments: body.fieldComments,
      rev: body.rev,
    });
    ctx.body = await present(ctx, application._id);
  });

  router.post("/applications/:id/onsite", async (ctx) => {
    const { actor, application, edition } = await load(ctx, "confirmOnsite");
    const body = parseInput(onsiteRequest, ctx.request.body);
    await onsiteConfirmer(commandDeps, {
      application,
      edition,
      actor: actor.userId,
      answers: body.answers as SectionData,
      rev: body.rev,
    });
    ctx.body = await present(ctx, application._id);
  });

  router.post("/applications/:id/pass", async (ctx) => {
    const { actor, application, edition } = await load(ctx, "pass");
    const body = parseInput(passRequest, ctx.request.body);
    await reviewPasser(commandDeps, {
      application,
      edition,
      actor: actor.userId,
      level: actor.reviewerScope!.level,
      rev: body.rev,
    });
    ctx.body = await present(ctx, application._id);
  });

  router.get("/applications/:id/audit", async (ctx) => {
    const { application } = await load(ctx, "audit");
    const { items } = await audit.find(
      { entity: "applications", entityId: application._id },
      { sort: { at: 1 }, limit: 500 },
    );
    ctx.body = { items: items.map(presentAuditEvent) };
  });

  router.get("/export.xlsx", async (ctx) => {
    const reviewer = requireReviewer(ctx.state.actor);
    const query = parseInput(queueQuery, ctx.query);
    // Outside the scope: an export with the header row only.
    const filter = queueFilter(deps.cipher, reviewer.reviewerScope, query) ?? { _id: "" };
    const { edition } = await openEdition();
    const total = await reviewQueue.count(filter);
    ctx.set("Content-Disposition", `attachment; filename*=UTF-8''${encodeURIComponent("审核名单.xlsx")}`);
    ctx.set("Cache-Control", "private, no-store");
    // Rows are known before the first byte: the page shows progress as rows written / this total.
    ctx.set("X-Export-Rows", String(total));
    ctx.type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    ctx.body = writeXlsx(exportRows(store, edition, filter, query.sort), "审核名单");
  });

  router.get("/public-list", async (ctx) => {
    const reviewer = requireReviewer(ctx.state.actor);
    const { edition } = await openEdition();
    const rows: string[][] = [];
    for await (const row of publicListRows(store, edition, reviewer.reviewerScope)) rows.push(row);
    const [header, ...body] = rows;
    ctx.body = { header, rows: body };
  });

  router.get("/public-list.xlsx", async (ctx) => {
    const reviewer = requireReviewer(ctx.state.actor);
    const { edition } = await openEdition();
    ctx.set("Content-Disposition", `attachment; filename*=UTF-8''${encodeURIComponent("公示名单.xlsx")}`);
    ctx.set("Cache-Control", "private, no-store");
    ctx.type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    ctx.body = writeXlsx(publicListRows(store, edition, reviewer.reviewerScope), "公示名单");
  });

  // Queue lines name counties and candidate types by the open edition's catalogs.
  async function openEdition() {
    return { edition: await currentEdition(store, deps.clock.now()) };
  }

  return router;
}
