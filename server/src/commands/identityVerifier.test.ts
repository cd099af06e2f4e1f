import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  buildIdNumber,
  openIdentityDeps,
  ScriptedIdentityCheck,
  uploadTestPhoto,
  withWrongCheck,
} from "../../test/identityFactories.js";
import {
  IdentityAttemptsExhaustedError,
  IdentityCheckUnavailableError,
  IdentityMismatchError,
  IdNumberInvalidError,
  IdNumberTakenError,
  IdentityPhotoMissingError,
} from "../errors.js";
import { identityNumberContext } from "../identity/identityRecords.js";
import { collectionsOf } from "../store/collections.js";
import { identityVerifier } from "./identityVerifier.js";

let deps: Awaited<ReturnType<typeof openIdentityDeps>>;
afterEach(async () => deps.cleanup());

async function verify(userId: string, idNumber: string, name = "张三") {
  const photoFront = await uploadTestPhoto(deps, userId);
  return identityVerifier(deps, { userId, name, idNumber, photoFront });
}

describe("identityVerifier with the local provider", () => {
  beforeEach(async () => {
    deps = await openIdentityDeps();
  });

  it("verifies a valid number and keeps name, sex and birth date, the number only encrypted", async () => {
    const number = buildIdNumber("420102", "19900307", "123");
    const stored = await verify("u1", number);
    expect(stored).toMatchObject({
      userId: "u1",
      state: "verified",
      method: "auto",
      docType: "resident_id",
      name: "张三",
      sex: "male",
      birthDate: "1990-03-07",
      attempts: 1,
      currentUserId: "u1",
    });
    expect(JSON.stringify(stored)).not.toContain(number);
    expect(deps.cipher.decrypt(stored.idNumberEnc, identityNumberContext(stored._id))).toBe(number);
    const audit = await collectionsOf(deps.store).audit.find({ entity: "identities", entityId: stored._id });
    expect(audit.items.map((event) => [event.action, event.actor])).toEqual([["identity.verify", "u1"]]);
  });

  it("refuses a wrong check character with its reason, stores nothing and counts the failure", async () => {
    const error = await verify("u1", withWrongCheck(buildIdNumber())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IdNumberInvalidError);
    expect((error as IdNumberInvalidError).details).toEqual({ reason: "checksum", attemptsLeft: 2 });
    const { identities, identityAttempts } = collectionsOf(deps.store);
    expect(await identities.count({ userId: "u1" })).toBe(0);
    expect((await identityAttempts.find({ userId: "u1" })).items[0]?.failures).toBe(1);
  });

  it("sends the user to manual review on the third failure and refuses further automatic checks", async () => {
    const wrong = withWrongCheck(buildIdNumber());
    await expect(verify("u1", wrong)).rejects.toBeInstanceOf(IdNumberInvalidError);
    await expect(verify("u1", "42010219901307123X")).rejects.toBeInstanceOf(IdNumberInvalidError);
    await expect(verify("u1", wrong)).rejects.toBeInstanceOf(IdentityAttemptsExhaustedError);
    // Even a valid number is refused now: only manual review remains (ID-3).
    await expect(verify("u1", buildIdNumber())).rejects.toBeInstanceOf(IdentityAttemptsExhaustedError);
  });

  it("refuses a number another account has verified", async () => {
    const number = buildIdNumber();
    await verify("u1", number);
    await expect(verify("u2", number.toLowerCase())).rejects.toBeInstanceOf(IdNumberTakenError);
  });

  it("refuses a photo the user did not upload", async () => {
    const othersPhoto = await uploadTestPhoto(deps, "u2");
    await expect(
      identityVerifier(deps, {
        userId: "u1",
        name: "张三",
        idNumber: buildIdNumber(),
        photoFront: othersPhoto,
      }),
    ).rejects.toBeInstanceOf(IdentityPhotoMissingError);
  });
});

describe("identityVerifier with a provider", () => {
  it("counts a mismatch, not an unavailable provider, and verifies on a later match", async () => {
    const check = new ScriptedIdentityCheck(["mismatch", "unavailable", "match"]);
    deps = await openIdentityDeps({ check });
    const number = buildIdNumber();
    const mismatch = await verify("u1", number).catch((e: unknown) => e);
    expect(mismatch).toBeInstanceOf(IdentityMismatchError);
    expect((mismatch as IdentityMismatchError).details).toEqual({ attemptsLeft: 2 });
    await expect(verify("u1", number)).rejects.toBeInstanceOf(IdentityCheckUnavailableError);
    const stored = await verify("u1", number);
    expect(stored.attempts).toBe(2);
    expect(check.requests.map((request) => [request.idNumber, request.photo?.mime])).toEqual([
      [number, "image/png"],
      [number, "image/png"],
      [number, "image/png"],
    ]);
    // A success clears the count, so a later withdrawal starts with every attempt again.
    expect((await collectionsOf(deps.store).identityAttempts.find({ userId: "u1" })).items[0]?.failures).toBe(
      0,
    );
  });

  it("does not ask the provider about a number that fails the local checks", async () => {
    const check = new ScriptedIdentityCheck();
    deps = await openIdentityDeps({ check });
    await expect(verify("u1", withWrongCheck(buildIdNumber()))).rejects.toBeInstanceOf(IdNumberInvalidError);
    expect(check.requests).toHaveLength(0);
  });
});
