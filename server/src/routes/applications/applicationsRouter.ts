/**
 * /api/applications — the candidate's application (APP-1…APP-6): start, read, choose the type, save
 * sections, submit and withdraw. Each handler validates, authorizes through the application policy, calls
 * one command and answers through the presenter.
 */
import Router from "@koa/router";
import type { Context } from "koa";
import type { AppDeps, AppState } from "../../app.js";
import { applicationStarter } from "../../commands/applicationStarter.js";
import { applicationSubmitter } from "../../commands/applicationSubmitter.js";
import { applicationWithdrawer } from "../../commands/applicationWithdrawer.js";
import { candidateTypeChooser } from "../../commands/candidateTypeChooser.js";
import { sectionSaver } from "../../commands/sectionSaver.js";
import { publishedEdition } from "../../editions/publishedEditions.js";
import { NotFoundError } from "../../errors.js";
import { authorize, authorizeStart, type ApplicationAction } from "../../policies/applicationPolicy.js";
import { requireSignedIn } from "../../policies/requireSignedIn.js";
import {
  presentApplication,
  presentApplicationDetails,
  presentSectionOf,
} from "../../presenters/applicationPresenter.js";
import { sectionApplies, type SectionData } from "@shenbao/rules";
import { collectionsOf } from "../../store/collections.js";
import { parseInput } from "../parseInput.js";
import {
  applicationParams,
  candidateTypeRequestSchema,
  sectionSaveRequestSchema,
  transitionRequestSchema,
} from "./applicationsSchemas.js";

/** Router for the candidate's applications. */
export function applicationsRouter(deps: AppDeps): Router<AppState> {
  const { store } = deps.ports;
  const commandDeps = { store, clock: deps.clock, cipher: deps.cipher };
  const saveDeps = {
    ...commandDeps,
    invitations: { queue: deps.ports.queue, cipher: deps.cipher, ttlMs: deps.invitations.ttlMs },
  };
  const { applications } = collectionsOf(store);
  const router = new Router<AppState>({ prefix: "/api/applications" });

  /** Loads `:id` and checks `action` on it; a malformed id is as unknown as a missing one. */
  async function load(ctx: Context & { state: AppState }, action: ApplicationAction) {
    const actor = requireSignedIn(ctx.state.actor);
    const parsed = applicationParams.safeParse(ctx.params);
    if (!parsed.success) throw new NotFoundError();
    const application = await applications.get(parsed.data.id);
    authorize(actor, action, application);
    const loaded = application!;
    const edition = await publishedEdition(store, loaded.editionKey, loaded.editionVersion);
    return { actor, application: loaded, edition, key: parsed.data.key };
  }

  router.post("/", async (ctx) => {
    const actor = authorizeStart(ctx.state.actor);
    const { application, created } = await applicationStarter(commandDeps, { userId: actor.userId });
    const edition = await publishedEdition(store, application.editionKey, application.editionVersion);
    ctx.status = created ? 201 : 200;
    ctx.body = presentApplication(edition, application);
  });

  router.get("/mine", async (ctx) => {
    const actor = requireSignedIn(ctx.state.actor);
    const { items } = await applications.find({ userId: actor.userId });
    const views = [];
    for (const application of items) {
      const edition = await publishedEdition(store, application.editionKey, application.editionVersion);
      views.push(presentApplication(edition, application));
    }
    ctx.body = { items: views.reverse() };
  });

  router.get("/:id", async (ctx) => {
    const { application, edition } = await load(ctx, "view");
    ctx.body = presentApplicationDetails(edition, application);
  });

  router.put("/:id/candidate-type", async (ctx) => {
    const { actor, application, edition } = await load(ctx, "edit");
    const body = parseInput(candidateTypeRequestSchema, ctx.request.body);
    const changed = await candidateTypeChooser(saveDeps, {
      application,
      actor: actor.userId,
      candidateType: body.candidateType,
      confirm: body.confirm,
      ...(body.rev === undefined ? {} : { rev: body.rev }),
    });
    ctx.body = presentApplication(edition, changed);
  });

  router.get("/:id/sections/:key", async (ctx) => {
    const { application, edition, key } = await load(ctx, "view");
    const section = edition.sections.find((candidate) => candidate.key === key);
    const type = { candidateType: application.candidateType ?? undefined };
    if (section === undefined || !sectionApplies(edition, section.key, type)) throw new NotFoundError();
    ctx.body = presentSectionOf(edition, application, section);
  });

  router.put("/:id/sections/:key", async (ctx) => {
    const { actor, application, edition, key } = await load(ctx, "edit");
    const body = parseInput(sectionSaveRequestSchema, ctx.request.body);
    const saved = await sectionSaver(saveDeps, {
      application,
      actor: actor.userId,
      key: key ?? "",
      rev: body.rev,
      data: body.data as SectionData,
      confirmVoid: body.confirmVoid === true,
    });
    const section = edition.sections.find((candidate) => candidate.key === key)!;
    ctx.body = presentSectionOf(edition, saved, section);
  });

  router.post("/:id/submit", async (ctx) => {
    const { actor, application, edition } = await load(ctx, "submit");
    const { rev } = parseInput(transitionRequestSchema, ctx.request.body ?? {});
    const submitted = await applicationSubmitter(
      { ...commandDeps, files: deps.ports.files },
      {
        application,
        actor: actor.userId,
        ...(rev === undefined ? {} : { rev }),
      },
    );
    ctx.body = presentApplication(edition, submitted);
  });

  router.post("/:id/withdraw", async (ctx) => {
    const { actor, application, edition } = await load(ctx, "withdraw");
    const { rev } = parseInput(transitionRequestSchema, ctx.request.body ?? {});
    const withdrawn = await applicationWithdrawer(commandDeps, {
      application,
      actor: actor.userId,
      ...(rev === undefined ? {} : { rev }),
    });
    ctx.body = presentApplication(edition, withdrawn);
  });

  return router;
}
