/**
 * The administrators' queue of 实名认证 requests (ID-4, REV-4): list by state, approve, reject with a
 * reason. Numbers are only ever shown masked here; the provider's description tells what checks ran.
 */
import Router from "@koa/router";
import type { AppDeps, AppState } from "../../app.js";
import { identityReviewer } from "../../commands/identityReviewer.js";
import { NotFoundError } from "../../errors.js";
import { authorize } from "../../policies/identityPolicy.js";
import { presentIdentityForAdmin } from "../../presenters/identityPresenter.js";
import { collectionsOf } from "../../store/collections.js";
import { parseInput } from "../parseInput.js";
import { idParams, rejectBody, requestsQuery } from "./identitySchemas.js";

/** Router for `/api/admin/identity-requests…`. */
export function identityRequestsRouter(deps: AppDeps): Router<AppState> {
  const { identities } = collectionsOf(deps.ports.store);
  const commandDeps = {
    store: deps.ports.store,
    clock: deps.clock,
    invitations: { queue: deps.ports.queue, cipher: deps.cipher, ttlMs: deps.invitations.ttlMs },
  };
  const router = new Router<AppState>();

  router.get("/api/admin/identity-requests", async (ctx) => {
    authorize(ctx.state.actor, "listRequests");
    const { state, cursor, limit } = parseInput(requestsQuery, ctx.query);
    // Ids grow with creation time, so the oldest request is reviewed first.
    const page = await identities.find({ state }, { sort: { _id: 1 }, limit, ...(cursor && { cursor }) });
    ctx.body = {
      items: page.items.map((doc) => presentIdentityForAdmin(doc, deps.cipher)),
      next: page.next ?? null,
      provider: deps.identity.check.describe(),
    };
  });

  for (const decision of ["approve", "reject"] as const) {
    router.post(`/api/admin/identity-requests/:id/${decision}`, async (ctx) => {
      const { id } = parseInput(idParams, ctx.params);
      const request = await identities.get(id);
      if (!request) {
        authorize(ctx.state.actor, "listRequests");
        throw new NotFoundError();
      }
      const actor = authorize(ctx.state.actor, "review", { ownerId: request.userId });
      const decided = await identityReviewer(
        commandDeps,
        decision === "approve"
          ? { identityId: id, adminId: actor.userId, decision }
          : {
              identityId: id,
              adminId: actor.userId,
              decision,
              reason: parseInput(rejectBody, ctx.request.body).reason,
            },
      );
      ctx.body = { identity: presentIdentityForAdmin(decided, deps.cipher) };
    });
  }

  return router;
}
