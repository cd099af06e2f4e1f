/**
 * The invitation state machine (TCH-3…5) in one place: which event moves which state where, what the
 * candidate reads for each state, and which states still wait for the teacher. Commands and tasks ask
 * `nextState`; nothing else compares states by hand.
 */

/** Every state an invitation can be in; `signed` and the three ends never go back to a live state. */
export const INVITATION_STATES = [
  "pending",
  "sent",
  "viewed",
  "verified",
  "signed",
  "expired",
  "revoked",
  "invalidated",
] as const;

/** One invitation state. */
export type InvitationState = (typeof INVITATION_STATES)[number];

/** What happens to an invitation: the notify job ran, the link was opened, identity checked, and so on. */
export type InvitationEvent =
  "notified" | "viewed" | "verified" | "signed" | "expired" | "revoked" | "invalidated";

/** The candidate's words for each state (TCH-5). */
export const INVITATION_STATE_LABELS: Readonly<Record<InvitationState, string>> = {
  pending: "待发送",
  sent: "已发送",
  viewed: "已查看",
  verified: "已核验",
  signed: "已签署",
  expired: "已过期",
  revoked: "已撤回",
  invalidated: "已失效",
};

/** States in which the teacher may still act, and jobs (notify, remind, expire) still matter. */
export const LIVE_STATES: ReadonlySet<InvitationState> = new Set(["pending", "sent", "viewed", "verified"]);

// Per event: the state it leads to from each state it is allowed in. A state missing from a row means the
// event is refused there. "notified" and "viewed" keep a later live state: the teacher may open the link
// from a screenshot before the notify job has run.
const TRANSITIONS: Readonly<Record<InvitationEvent, Partial<Record<InvitationState, InvitationState>>>> = {
  notified: { pending: "sent", sent: "sent", viewed: "viewed", verified: "verified" },
  viewed: { pending: "viewed", sent: "viewed", viewed: "viewed", verified: "verified" },
  verified: { pending: "verified", sent: "verified", viewed: "verified", verified: "verified" },
  signed: { verified: "signed" },
  expired: { pending: "expired", sent: "expired", viewed: "expired", verified: "expired" },
  // An expired invitation is revoked too, so the candidate can choose someone else (TCH-5).
  revoked: {
    pending: "revoked",
    sent: "revoked",
    viewed: "revoked",
    verified: "revoked",
    expired: "revoked",
  },
  invalidated: { signed: "invalidated" },
};

/** The state `event` leads to from `state`, or undefined when the event is not allowed there. */
export function nextState(state: InvitationState, event: InvitationEvent): InvitationState | undefined {
  return TRANSITIONS[event][state];
}

/** Whether the teacher may still act on an invitation in `state` (before its expiry time is checked). */
export function isLive(state: InvitationState): boolean {
  return LIVE_STATES.has(state);
}

/**
 * The state as of `now`: a live invitation past its expiry is expired even if the expire job has not run
 * yet (a delayed job may be late; the teacher must never sign on an expired link).
 */
export function effectiveState(
  doc: { state: InvitationState; expiresAt: number },
  now: number,
): InvitationState {
  return isLive(doc.state) && now >= doc.expiresAt ? "expired" : doc.state;
}
