/** GET /api/me — the signed-in user, for the portal header and 个人中心 (ACC-4). */
import Router from "@koa/router";
import type { AppDeps, AppState } from "../../app.js";
import { NotSignedInError } from "../../errors.js";
import { requireSignedIn } from "../../policies/requireSignedIn.js";
import { presentMe } from "../../presenters/mePresenter.js";
import { collectionsOf } from "../../store/collections.js";
import { currentIdentityOf } from "../../identity/identityRecords.js";

/** Router for the current user. */
export function meRouter(deps: AppDeps): Router<AppState> {
  const collections = collectionsOf(deps.ports.store);
  const router = new Router<AppState>();
  router.get("/api/me", async (ctx) => {
    const actor = requireSignedIn(ctx.state.actor);
    const user = await collections.users.get(actor.userId);
    if (!user) throw new NotSignedInError();
    ctx.body = presentMe(user, deps.cipher, await currentIdentityOf(collections, user._id));
  });
  return router;
}
