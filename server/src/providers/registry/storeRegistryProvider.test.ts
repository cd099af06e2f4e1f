import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PersonalDataCipher } from "../../crypto/personalData.js";
import { upsertRegistryPerson } from "../../registry/registryRecords.js";
import { collectionsOf, declareCollections } from "../../store/collections.js";
import { idNumberFor, testCipher } from "../../../test/registryFactories.js";
import { openSqliteTestStore, type TestStore } from "../../../test/storeFactories.js";
import { StoreRegistryProvider } from "./storeRegistryProvider.js";

const ID_NUMBER = idNumberFor("42010219700101881");

describe("StoreRegistryProvider", () => {
  let opened: TestStore;
  let cipher: PersonalDataCipher;
  let provider: StoreRegistryProvider;

  beforeEach(async () => {
    opened = await openSqliteTestStore();
    await declareCollections(opened.store);
    cipher = testCipher();
    provider = new StoreRegistryProvider(opened.store, cipher);
    await upsertRegistryPerson(
      collectionsOf(opened.store),
      cipher,
      {
        name: "钱本地",
        idNumber: ID_NUMBER,
        sex: "male",
        institution: "本地中医院",
        institutionDivision: "420102",
        practiceCategory: "中医",
        licenseNumber: "L-1",
        title: "主任医师",
        yearsOfPractice: 18,
        phone: "13900008888",
        labels: ["supervisor"],
      },
      "import",
      0,
    );
  });
  afterEach(() => opened.cleanup());

  it("finds the person by number, exact name and label group, with the stored id as ref", async () => {
    const person = await provider.lookup({
      role: "supervisor",
      name: " 钱本地",
      idNumber: ID_NUMBER.toLowerCase(),
    });
    const [doc] = (await collectionsOf(opened.store).registry.find({})).items;
    expect(person).toMatchObject({
      ref: doc!._id,
      name: "钱本地",
      idNumber: ID_NUMBER,
      phone: "13900008888",
    });
  });

  it("answers null for another name, another number or a label group the person lacks", async () => {
    expect(await provider.lookup({ role: "supervisor", name: "钱本", idNumber: ID_NUMBER })).toBeNull();
    expect(
      await provider.lookup({
        role: "supervisor",
        name: "钱本地",
        idNumber: idNumberFor("42010219700101882"),
      }),
    ).toBeNull();
    expect(await provider.lookup({ role: "recommender", name: "钱本地", idNumber: ID_NUMBER })).toBeNull();
  });
});
