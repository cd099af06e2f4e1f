import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildIdNumber, openIdentityDeps, uploadTestPhoto } from "../../test/identityFactories.js";
import { IdentityNotWithdrawableError, IdentityWithdrawalLockedError } from "../errors.js";
import { collectionsOf } from "../store/collections.js";
import { identityVerifier } from "./identityVerifier.js";
import { identityWithdrawer } from "./identityWithdrawer.js";

let deps: Awaited<ReturnType<typeof openIdentityDeps>>;
beforeEach(async () => {
  deps = await openIdentityDeps();
});
afterEach(async () => deps.cleanup());

async function verify(userId: string, idNumber = buildIdNumber()) {
  const photoFront = await uploadTestPhoto(deps, userId);
  return identityVerifier(deps, { userId, name: "张三", idNumber, photoFront });
}

describe("identityWithdrawer", () => {
  it("withdraws a verified identity, frees its number and allows verifying again", async () => {
    const number = buildIdNumber();
    const verified = await verify("u1", number);
    const withdrawn = await identityWithdrawer(deps, { userId: "u1" });
    expect(withdrawn).toMatchObject({ _id: verified._id, state: "withdrawn", withdrawnReason: "user" });
    expect(withdrawn.currentUserId).toBeUndefined();
    expect(withdrawn.verifiedIdNumberHash).toBeUndefined();
    // The number is free again, for this account or another one.
    expect((await verify("u2", number)).state).toBe("verified");
  });

  it("has nothing to withdraw without a current attempt", async () => {
    await expect(identityWithdrawer(deps, { userId: "u1" })).rejects.toBeInstanceOf(
      IdentityNotWithdrawableError,
    );
  });

  it("refuses to withdraw a verified identity once an application was submitted under it", async () => {
    await verify("u1");
    await collectionsOf(deps.store).applications.insert({
      userId: "u1",
      editionKey: "hubei-2024",
      editionVersion: "1.0.0",
      candidateType: "practice",
      status: "submitted",
      sections: {},
      submittedAt: deps.clock.now(),
    });
    await expect(identityWithdrawer(deps, { userId: "u1" })).rejects.toBeInstanceOf(
      IdentityWithdrawalLockedError,
    );
  });
});
