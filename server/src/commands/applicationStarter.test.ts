import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IdentityNotVerifiedError } from "../errors.js";
import { collectionsOf } from "../store/collections.js";
import { prefillSection } from "../applications/identityPrefill.js";
import {
  exampleIdentityFacts,
  insertIdentity,
  openApplicationStore,
  type ApplicationTestContext,
} from "../../test/factories.js";
import { applicationStarter } from "./applicationStarter.js";

describe("applicationStarter", () => {
  let context: ApplicationTestContext;
  let cleanup: () => Promise<void>;
  beforeAll(async () => ({ cleanup, ...context } = await openApplicationStore()));
  afterAll(() => cleanup());

  it("refuses a user without a verified identity, also while one is pending", async () => {
    const { store, clock, edition } = context;
    await expect(applicationStarter({ store, clock }, { userId: "nobody" })).rejects.toBeInstanceOf(
      IdentityNotVerifiedError,
    );
    await insertIdentity(store, context.cipher, "pending-user", exampleIdentityFacts(edition), "pending");
    await expect(applicationStarter({ store, clock }, { userId: "pending-user" })).rejects.toMatchObject({
      status: 403,
      id: "identity_not_verified",
      message: "请先完成实名认证",
    });
    expect(await collectionsOf(store).applications.count({ userId: "pending-user" })).toBe(0);
  });

  it("pins the application to the current edition version and prefills the identity fields", async () => {
    const { store, clock, edition } = context;
    const facts = { name: "测试甲", sex: "female" as const, birthDate: "1980-02-29" };
    await insertIdentity(store, context.cipher, "starter-1", facts);
    const { application, created } = await applicationStarter({ store, clock }, { userId: "starter-1" });
    expect(created).toBe(true);
    expect(application).toMatchObject({
      userId: "starter-1",
      editionKey: edition.key,
      editionVersion: edition.version,
      candidateType: null,
      status: "draft",
    });
    const prefilled = application.sections[prefillSection(edition)!];
    expect(prefilled?.data).toEqual({ name: facts.name, gender: facts.sex, birthDate: facts.birthDate });
    expect(prefilled?.state).toBe("incomplete");
    const audit = await collectionsOf(store).audit.find({
      entity: "applications",
      entityId: application._id,
    });
    expect(audit.items.map((event) => event.action)).toEqual(["application.start"]);
  });

  it("returns the started application when asked to start again", async () => {
    const { store, clock, edition } = context;
    await insertIdentity(store, context.cipher, "starter-2", exampleIdentityFacts(edition));
    const first = await applicationStarter({ store, clock }, { userId: "starter-2" });
    const second = await applicationStarter({ store, clock }, { userId: "starter-2" });
    expect(second.created).toBe(false);
    expect(second.application._id).toBe(first.application._id);
    expect(await collectionsOf(store).applications.count({ userId: "starter-2" })).toBe(1);
  });
});
