/**
 * /api/admin/reviewers and /api/admin/audit — administrators appoint and revoke reviewers (REV-1) and read
 * the global audit log, newest first (REV-6). Administrators only.
 */
import Router from "@koa/router";
import type { AppDeps, AppState } from "../../app.js";
import { userPhoneContext } from "../../auth/phoneNumber.js";
import { reviewerAppointer, reviewerRevoker } from "../../commands/reviewerAppointer.js";
import { currentEdition } from "../../editions/publishedEditions.js";
import { NotFoundError } from "../../errors.js";
import { maskPhone } from "../../identity/idNumber.js";
import { requireAdmin } from "../../policies/adminPolicy.js";
import { presentAuditEvent } from "../../presenters/reviewPresenter.js";
import type { Stored } from "../../ports/store.js";
import { divisionOf, REVIEW_LEVEL_LABELS } from "../../review/reviewRouting.js";
import { collectionsOf, type UserDoc } from "../../store/collections.js";
import { parseInput } from "../parseInput.js";
import { appointRequest, auditQuery, reviewParams } from "../review/reviewSchemas.js";

/** Router of reviewer appointments and the global audit log. */
export function reviewersAdminRouter(deps: AppDeps): Router<AppState> {
  const { store } = deps.ports;
  const { users, audit } = collectionsOf(store);
  const router = new Router<AppState>({ prefix: "/api/admin" });

  async function present(user: Stored<UserDoc>) {
    const edition = await currentEdition(store, deps.clock.now());
    const scope = user.reviewerScope!;
    return {
      id: user._id,
      phoneMasked: user.phoneEncrypted
        ? maskPhone(deps.cipher.decrypt(user.phoneEncrypted, userPhoneContext(user._id)))
        : "",
      level: scope.level,
      levelLabel: REVIEW_LEVEL_LABELS[scope.level],
      division: scope.division,
      divisionName: divisionOf(edition, scope.division)?.path.join("") ?? scope.division,
      appointedAt: new Date(scope.appointedAt).toISOString(),
    };
  }

  router.get("/reviewers", async (ctx) => {
    requireAdmin(ctx.state.actor);
    const { items } = await users.find(
      { "reviewerScope.division": { $gt: "" } },
      { sort: { "reviewerScope.division": 1 }, limit: 1000 },
    );
    const reviewers = items.filter((user) => user.roles.includes("reviewer"));
    ctx.body = { items: await Promise.all(reviewers.map(present)) };
  });

  router.post("/reviewers", async (ctx) => {
    const admin = requireAdmin(ctx.state.actor);
    const body = parseInput(appointRequest, ctx.request.body);
    const edition = await currentEdition(store, deps.clock.now());
    const user = await reviewerAppointer(
      { store, clock: deps.clock, cipher: deps.cipher },
      { edition, actor: admin.userId, ...body },
    );
    ctx.status = 201;
    ctx.body = await present(user);
  });

  router.delete("/reviewers/:id", async (ctx) => {
    const admin = requireAdmin(ctx.state.actor);
    const parsed = reviewParams.safeParse(ctx.params);
    if (!parsed.success) throw new NotFoundError();
    await reviewerRevoker({ store, clock: deps.clock }, { actor: admin.userId, userId: parsed.data.id });
    ctx.status = 204;
  });

  router.get("/audit", async (ctx) => {
    requireAdmin(ctx.state.actor);
    const query = parseInput(auditQuery, ctx.query);
    const page = await audit.find(
      {},
      { sort: { at: -1 }, limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) },
    );
    ctx.body = { items: page.items.map(presentAuditEvent), next: page.next ?? null };
  });

  return router;
}
