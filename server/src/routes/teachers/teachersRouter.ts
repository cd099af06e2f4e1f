/**
 * Teachers of an application (TCH-1): `POST /api/applications/:id/teachers/lookup` finds a physician in the
 * registry for the candidate to choose. Other people's applications answer 404.
 */
import Router from "@koa/router";
import type { AppDeps, AppState } from "../../app.js";
import { teacherFinder } from "../../commands/teacherFinder.js";
import { authorize } from "../../policies/applicationPolicy.js";
import { presentTeacherLookup } from "../../presenters/teacherLookupPresenter.js";
import { publishedEdition } from "../../editions/publishedEditions.js";
import { collectionsOf } from "../../store/collections.js";
import { parseInput } from "../parseInput.js";
import { applicationIdParams, teacherLookupBody } from "./teacherSchemas.js";

/** Router for `/api/applications/:id/teachers`. */
export function teachersRouter(deps: AppDeps): Router<AppState> {
  const { applications } = collectionsOf(deps.ports.store);
  const finderDeps = {
    rateLimiter: deps.rateLimiter,
    store: deps.ports.store,
    cipher: deps.cipher,
    clock: deps.clock,
    registry: deps.registry,
    regionLookup: deps.identity.regionLookup,
  };
  const router = new Router<AppState>();

  router.post("/api/applications/:id/teachers/lookup", async (ctx) => {
    const { id } = parseInput(applicationIdParams, ctx.params);
    const application = await applications.get(id);
    const actor = authorize(ctx.state.actor, "edit", application);
    const { role, name, idNumber } = parseInput(teacherLookupBody, ctx.request.body);
    const result = await teacherFinder(finderDeps, {
      userId: actor.userId,
      application: application!,
      role,
      name,
      idNumber,
    });
    const edition = await publishedEdition(
      deps.ports.store,
      application!.editionKey,
      application!.editionVersion,
    );
    ctx.body = presentTeacherLookup(edition, result, role);
  });

  return router;
}
