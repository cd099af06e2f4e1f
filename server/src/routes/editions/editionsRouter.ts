/**
 * /api/editions — the published form editions the portal renders (FORM-5). A published version never
 * changes, so a version's URL is cached for good; "current" is revalidated by its ETag (the version),
 * as a new edition may be published at any time.
 */
import Router from "@koa/router";
import type { Context } from "koa";
import type { Edition } from "@shenbao/rules";
import type { AppDeps, AppState } from "../../app.js";
import { currentEdition, publishedEdition } from "../../editions/publishedEditions.js";
import { NotFoundError } from "../../errors.js";
import { presentEdition } from "../../presenters/editionPresenter.js";
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

/** Router for reading published editions; public, as they hold no personal data. */
export function editionsRouter(deps: AppDeps): Router<AppState> {
  const { store } = deps.ports;
  const router = new Router<AppState>({ prefix: "/api/editions" });

  router.get("/current", async (ctx) => {
    answer(ctx, await currentEdition(store, deps.clock.now()), "public, no-cache");
  });

  router.get("/:key/:version", async (ctx) => {
    const parsed = editionParams.safeParse(ctx.params);
    if (!parsed.success) throw new NotFoundError();
    const edition = await publishedEdition(store, parsed.data.key, parsed.data.version);
    answer(ctx, edition, "public, max-age=31536000, immutable");
  });

  return router;
}
