/**
 * /api/editions — the published form editions the portal renders (FORM-5). A published version never
 * changes, so a version's URL is cached for good; "current" is revalidated by its ETag (the version),
 * as a new edition may be published at any time. Each version's schema validators are served as a
 * generated ES module, so pages validate without compiling code (issue 12: no `unsafe-eval`).
 */
import Router from "@koa/router";
import type { Context } from "koa";
import { standaloneValidators, type Edition } from "@shenbao/rules";
import type { AppDeps, AppState } from "../../app.js";
import { currentEdition, currentOpening, publishedEdition } from "../../editions/publishedEditions.js";
import { NoPublishedEditionError, NotFoundError } from "../../errors.js";
import { presentEdition, presentPortal } from "../../presenters/editionPresenter.js";
import { editionParams } from "./editionsSchemas.js";

function answer(ctx: Context, edition: Edition, cacheControl: string): void {
  ctx.set("Cache-Control", cacheControl);
  ctx.etag = `"${edition.key}@${edition.version}"`;
  ctx.status = 200;
  if (ctx.fresh) {
    ctx.status = 304;
    return;
  }
  ctx.body = presentEdition(edition);
}

// Generated once per published version and process: a version never changes.
const validatorModules = new WeakMap<Edition, string>();

function validatorsModuleOf(edition: Edition): string {
  let source = validatorModules.get(edition);
  if (source === undefined) {
    source = standaloneValidators(edition);
    validatorModules.set(edition, source);
  }
  return source;
}

/** Router for reading published editions; public, as they hold no personal data. */
export function editionsRouter(deps: AppDeps): Router<AppState> {
  const { store } = deps.ports;
  const router = new Router<AppState>({ prefix: "/api/editions" });

  router.get("/portal", async (ctx) => {
    let opening: Awaited<ReturnType<typeof currentOpening>> | null = null;
    try {
      opening = await currentOpening(store, deps.clock.now());
    } catch (error) {
      if (!(error instanceof NoPublishedEditionError)) throw error;
    }
    // A newly opened edition shows within a minute; the answer holds no personal data.
    ctx.set("Cache-Control", "public, max-age=60");
    ctx.body = presentPortal(opening);
  });

  router.get("/current", async (ctx) => {
    answer(ctx, await currentEdition(store, deps.clock.now()), "public, no-cache");
  });

  router.get("/:key/:version", async (ctx) => {
    const parsed = editionParams.safeParse(ctx.params);
    if (!parsed.success) throw new NotFoundError();
    const edition = await publishedEdition(store, parsed.data.key, parsed.data.version);
    answer(ctx, edition, "public, max-age=31536000, immutable");
  });

  router.get("/:key/:version/validators.js", async (ctx) => {
    const parsed = editionParams.safeParse(ctx.params);
    if (!parsed.success) throw new NotFoundError();
    const edition = await publishedEdition(store, parsed.data.key, parsed.data.version);
    ctx.set("Cache-Control", "public, max-age=31536000, immutable");
    ctx.type = "text/javascript; charset=utf-8";
    ctx.body = validatorsModuleOf(edition);
  });

  return router;
}
