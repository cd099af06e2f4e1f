import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  buildIdNumber,
  openIdentityDeps,
  uploadTestPhoto,
  withWrongCheck,
} from "../../test/identityFactories.js";
import { IdentityPendingError, IdNumberInvalidError } from "../errors.js";
import { collectionsOf } from "../store/collections.js";
import { identityRequester } from "./identityRequester.js";

let deps: Awaited<ReturnType<typeof openIdentityDeps>>;
beforeEach(async () => {
  deps = await openIdentityDeps();
});
afterEach(async () => deps.cleanup());

describe("identityRequester", () => {
  it("stores a passport request as pending with the details the user gave", async () => {
    const photoFront = await uploadTestPhoto(deps, "u1");
    const stored = await identityRequester(deps, {
      userId: "u1",
      docType: "passport",
      name: "Anna Schmidt",
      idNumber: " c01x 00t47 ",
      photoFront,
      sex: "female",
      birthDate: "1985-06-01",
    });
    expect(stored).toMatchObject({
      state: "pending",
      method: "manual",
      docType: "passport",
      sex: "female",
      birthDate: "1985-06-01",
    });
    expect(stored.review).toBeUndefined();
    const [event] = (await collectionsOf(deps.store).audit.find({ entityId: stored._id })).items;
    expect(event?.action).toBe("identity.request");
  });

  it("still checks a resident ID number sent for manual review", async () => {
    const photoFront = await uploadTestPhoto(deps, "u1");
    const input = { userId: "u1", docType: "resident_id" as const, name: "张三", photoFront };
    await expect(
      identityRequester(deps, { ...input, idNumber: withWrongCheck(buildIdNumber()) }),
    ).rejects.toBeInstanceOf(IdNumberInvalidError);
    const stored = await identityRequester(deps, {
      ...input,
      idNumber: buildIdNumber("420102", "19880808", "024"),
    });
    expect(stored).toMatchObject({ sex: "female", birthDate: "1988-08-08" });
  });

  it("refuses a second request while one is pending", async () => {
    const photoFront = await uploadTestPhoto(deps, "u1");
    const input = {
      userId: "u1",
      docType: "hk_mo_permit" as const,
      name: "陈大文",
      idNumber: "H12345678",
      photoFront,
    };
    await identityRequester(deps, input);
    await expect(identityRequester(deps, input)).rejects.toBeInstanceOf(IdentityPendingError);
  });
});
