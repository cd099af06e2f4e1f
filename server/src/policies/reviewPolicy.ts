/**
 * Who may do what in review (REV-1…REV-3, REV-6). A reviewer acts only on applications routed to their
 * division or below, and only at their own level: a county reviewer locks / returns sections and records the
 * on-site confirmation, each level passes the application on while it holds it. Administrators may read
 * applications and their audit, never decide. Anyone else is told the application does not exist.
 */
import { ForbiddenError, NotFoundError } from "../errors.js";
import { routeInScope } from "../review/reviewRouting.js";
import type { ApplicationDoc, ReviewerScope, ReviewStage } from "../store/collections.js";
import type { Actor } from "./actor.js";
import { requireSignedIn } from "./requireSignedIn.js";

/**
 * `view` the application read-only; `viewIdentity` its full ID number and identity photos (audited);
 * `decide` lock or return a section; `confirmOnsite` record the on-site form; `pass` send it to the next
 * level (the province's pass is the final approval); `audit` read its audit trail.
 */
export type ReviewAction = "view" | "viewIdentity" | "decide" | "confirmOnsite" | "pass" | "audit";

type Reviewed = Pick<ApplicationDoc, "review">;

const reviewerIn = (actor: Actor, application: Reviewed): ReviewerScope | undefined => {
  const scope = actor.reviewerScope;
  const route = application.review?.route;
  return scope && route && routeInScope(scope, route) ? scope : undefined;
};
const holding = (scope: ReviewerScope | undefined, stages: ReviewStage[], stage: ReviewStage | undefined) =>
  scope !== undefined && stage !== undefined && stages.includes(stage);
const isAdmin = (actor: Actor) => actor.roles.includes("admin");

// One line per action, so a reader sees every grant in one place.
const RULES: Record<ReviewAction, (actor: Actor, application: Reviewed) => boolean> = {
  view: (actor, app) => reviewerIn(actor, app) !== undefined || (isAdmin(actor) && app.review !== undefined),
  viewIdentity: (actor, app) => reviewerIn(actor, app) !== undefined,
  // Returned sections may be decided again while the candidate fixes others: locking waits for the resubmit.
  decide: (actor, app) =>
    reviewerIn(actor, app)?.level === "county" &&
    holding(reviewerIn(actor, app), ["county", "returned"], app.review?.stage),
  confirmOnsite: (actor, app) => reviewerIn(actor, app)?.level === "county" && app.review?.stage === "county",
  pass: (actor, app) => {
    const scope = reviewerIn(actor, app);
    return scope !== undefined && app.review?.stage === scope.level;
  },
  audit: (actor, app) => reviewerIn(actor, app) !== undefined || (isAdmin(actor) && app.review !== undefined),
};

/** True when `action` is allowed; for pages that show or hide buttons. */
export function mayReview(actor: Actor, action: ReviewAction, application: Reviewed): boolean {
  return RULES[action](actor, application);
}

/**
 * Returns the actor when `action` is allowed on `application`. `NotSignedInError` without a session;
 * `NotFoundError` (404) when the actor may not even view it; `ForbiddenError` (403) when they may view it but
 * not do this (e.g. a city reviewer locking a section, or a decision at a stage that has passed).
 */
export function authorizeReview(
  actor: Actor | undefined,
  action: ReviewAction,
  application: Reviewed | null,
): Actor {
  const signedIn = requireSignedIn(actor);
  if (application === null || !RULES.view(signedIn, application)) throw new NotFoundError();
  if (!RULES[action](signedIn, application))
    throw new ForbiddenError("当前审核阶段或您的审核权限不允许此操作");
  return signedIn;
}

/** The signed-in reviewer and their scope (the queue, exports), or 403 for anyone else. */
export function requireReviewer(actor: Actor | undefined): Actor & { reviewerScope: ReviewerScope } {
  const signedIn = requireSignedIn(actor);
  const scope = signedIn.reviewerScope;
  if (!signedIn.roles.includes("reviewer") || scope === undefined) throw new ForbiddenError("您不是审核人员");
  return { ...signedIn, reviewerScope: scope };
}
