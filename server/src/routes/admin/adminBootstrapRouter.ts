/**
 * POST /api/admin/bootstrap — the first administrator (issue 4 item 6): a signed-in user presents the
 * one-time token from the start-up log's link and becomes administrator. The token is the authorization.
 */
import Router from "@koa/router";
import type { AppDeps, AppState } from "../../app.js";
import { adminBootstrapRedeemer } from "../../commands/adminBootstrapRedeemer.js";
import { requireSignedIn } from "../../policies/requireSignedIn.js";
import { presentMe } from "../../presenters/mePresenter.js";
import { parseInput } from "../parseInput.js";
import { adminBootstrapRequestSchema } from "./adminSchemas.js";

/** Router for the administrator bootstrap. */
export function adminBootstrapRouter(deps: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  router.post("/api/admin/bootstrap", async (ctx) => {
    const actor = requireSignedIn(ctx.state.actor);
    const { token } = parseInput(adminBootstrapRequestSchema, ctx.request.body);
    const user = await adminBootstrapRedeemer(
      { store: deps.ports.store, clock: deps.clock },
      { userId: actor.userId, token },
    );
    ctx.body = presentMe(user, deps.cipher);
  });
  return router;
}
