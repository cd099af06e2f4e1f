import { describe, expect, it } from "vitest";
import {
  effectiveState,
  INVITATION_STATE_LABELS,
  INVITATION_STATES,
  isLive,
  nextState,
  type InvitationEvent,
} from "./invitationStates.js";

describe("invitation state machine", () => {
  it("walks the happy path pending → sent → viewed → verified → signed", () => {
    expect(nextState("pending", "notified")).toBe("sent");
    expect(nextState("sent", "viewed")).toBe("viewed");
    expect(nextState("viewed", "verified")).toBe("verified");
    expect(nextState("verified", "signed")).toBe("signed");
  });

  it("keeps a later live state when the notify job runs after the teacher opened the link", () => {
    expect(nextState("viewed", "notified")).toBe("viewed");
    expect(nextState("verified", "viewed")).toBe("verified");
  });

  it("signs only after the identity check", () => {
    for (const state of ["pending", "sent", "viewed"] as const)
      expect(nextState(state, "signed")).toBeUndefined();
  });

  it("revokes unsigned invitations, expired ones included, and never a signed one", () => {
    for (const state of ["pending", "sent", "viewed", "verified", "expired"] as const)
      expect(nextState(state, "revoked")).toBe("revoked");
    for (const state of ["signed", "revoked", "invalidated"] as const)
      expect(nextState(state, "revoked")).toBeUndefined();
  });

  it("invalidates only a signed invitation", () => {
    expect(nextState("signed", "invalidated")).toBe("invalidated");
    expect(nextState("verified", "invalidated")).toBeUndefined();
  });

  it("never leaves an end state", () => {
    const events: InvitationEvent[] = ["notified", "viewed", "verified", "signed", "expired"];
    for (const state of ["expired", "revoked", "invalidated"] as const)
      for (const event of events) expect(nextState(state, event)).toBeUndefined();
  });

  it("counts a live invitation past its expiry as expired, whatever the expire job did", () => {
    expect(effectiveState({ state: "viewed", expiresAt: 100 }, 100)).toBe("expired");
    expect(effectiveState({ state: "viewed", expiresAt: 100 }, 99)).toBe("viewed");
    expect(effectiveState({ state: "signed", expiresAt: 100 }, 200)).toBe("signed");
  });

  it("labels every state with the candidate's words", () => {
    expect(INVITATION_STATES.map((state) => INVITATION_STATE_LABELS[state])).toEqual([
      "待发送",
      "已发送",
      "已查看",
      "已核验",
      "已签署",
      "已过期",
      "已撤回",
      "已失效",
    ]);
    expect(INVITATION_STATES.filter(isLive)).toEqual(["pending", "sent", "viewed", "verified"]);
  });
});
