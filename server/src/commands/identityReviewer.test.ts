import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildIdNumber, openIdentityDeps, uploadTestPhoto } from "../../test/identityFactories.js";
import { IdentityNotPendingError, IdNumberTakenError } from "../errors.js";
import { collectionsOf } from "../store/collections.js";
import { identityRequester } from "./identityRequester.js";
import { identityReviewer } from "./identityReviewer.js";
import { identityVerifier } from "./identityVerifier.js";

let deps: Awaited<ReturnType<typeof openIdentityDeps>>;
beforeEach(async () => {
  deps = await openIdentityDeps();
});
afterEach(async () => deps.cleanup());

async function request(userId: string, idNumber = buildIdNumber()) {
  const photoFront = await uploadTestPhoto(deps, userId);
  return identityRequester(deps, { userId, docType: "resident_id", name: "张三", idNumber, photoFront });
}

describe("identityReviewer", () => {
  it("approves a pending request into a verified identity, audited under the administrator", async () => {
    const pending = await request("u1");
    const approved = await identityReviewer(deps, {
      identityId: pending._id,
      adminId: "admin1",
      decision: "approve",
    });
    expect(approved).toMatchObject({
      state: "verified",
      verifiedIdNumberHash: pending.idNumberHash,
      review: { by: "admin1", decision: "approved", reason: null },
    });
    const events = (await collectionsOf(deps.store).audit.find({ entityId: pending._id })).items;
    expect(events.map((event) => [event.action, event.actor])).toEqual([
      ["identity.request", "u1"],
      ["identity.approve", "admin1"],
    ]);
  });

  it("rejects with the reason and refuses a second decision", async () => {
    const pending = await request("u1");
    const rejected = await identityReviewer(deps, {
      identityId: pending._id,
      adminId: "admin1",
      decision: "reject",
      reason: "证件图片模糊",
    });
    expect(rejected).toMatchObject({
      state: "rejected",
      review: { decision: "rejected", reason: "证件图片模糊" },
    });
    await expect(
      identityReviewer(deps, { identityId: pending._id, adminId: "admin1", decision: "approve" }),
    ).rejects.toBeInstanceOf(IdentityNotPendingError);
  });

  it("refuses to approve a number verified on another account since the request", async () => {
    const number = buildIdNumber();
    const pending = await request("u1", number);
    const photoFront = await uploadTestPhoto(deps, "u2");
    await identityVerifier(deps, { userId: "u2", name: "张三", idNumber: number, photoFront });
    await expect(
      identityReviewer(deps, { identityId: pending._id, adminId: "admin1", decision: "approve" }),
    ).rejects.toBeInstanceOf(IdNumberTakenError);
  });
});
