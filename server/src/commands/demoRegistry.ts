/**
 * The demo registry of an embedded first start (issue 5): six invented physicians so that 「获取」 can be tried
 * before any real import. The ID numbers below are made up (valid check characters, no real person) and are
 * listed here, not logged, so an operator can read them; the UI marks these people as demo (`source: "demo"`).
 */
import type { Logger } from "../logger.js";
import { upsertRegistryPerson, type RegistryPersonFields } from "../registry/registryRecords.js";
import { collectionsOf } from "../store/collections.js";
import { appendAudit } from "./audit.js";
import type { CommandDeps } from "./commandDeps.js";

const DEMO_INSTITUTION = "演示中医医院（虚构）";

/** The demo physicians: 3 with the supervisor label, 4 with the recommender label, one of them with both. */
export const DEMO_REGISTRY_PEOPLE: readonly RegistryPersonFields[] = [
  demo("王演示", "42010219800101001X", "male", "420102", "主任医师", 20, "13900000001", ["supervisor"]),
  demo("李演示", "420103197503150022", "female", "420103", "主任医师", 25, "13900000002", ["supervisor"]),
  demo("张演示", "420106196807200038", "male", "420106", "主任医师", 32, "13900000003", [
    "supervisor",
    "recommender",
  ]),
  demo("刘演示", "42050219720918004X", "female", "420502", "副主任医师", 26, "13900000004", ["recommender"]),
  demo("陈演示", "420802198102120056", "male", "420802", "主治医师", 15, "13900000005", ["recommender"]),
  demo("杨演示", "421102196605060060", "female", "421102", "副主任医师", 30, "13900000006", ["recommender"]),
];

/**
 * Inserts the demo physicians when the registry is empty and the store is the embedded SQLite one (a
 * production store never gets invented physicians). Logs the names only, never the numbers.
 */
export async function demoRegistrySeeder(
  deps: Pick<CommandDeps, "store" | "cipher" | "clock"> & { logger: Logger },
): Promise<{ seeded: number }> {
  if (deps.store.kind !== "sqlite") return { seeded: 0 };
  const now = deps.clock.now();
  const seeded = await deps.store.transaction(async (tx) => {
    const collections = collectionsOf(tx);
    if ((await collections.registry.count({})) > 0) return 0;
    for (const person of DEMO_REGISTRY_PEOPLE) {
      await upsertRegistryPerson(collections, deps.cipher, person, "demo", now);
    }
    await appendAudit(tx, {
      actor: "system:firstStart",
      action: "registry.demoSeeded",
      entity: "registry",
      entityId: "demo",
      before: null,
      after: { rows: DEMO_REGISTRY_PEOPLE.length },
      at: now,
    });
    return DEMO_REGISTRY_PEOPLE.length;
  });
  if (seeded > 0) {
    deps.logger.info(
      { names: DEMO_REGISTRY_PEOPLE.map((person) => person.name) },
      "first start: demo registry added (ID numbers in server/src/commands/demoRegistry.ts)",
    );
  }
  return { seeded };
}

function demo(
  name: string,
  idNumber: string,
  sex: "male" | "female",
  institutionDivision: string,
  title: string,
  yearsOfPractice: number,
  phone: string,
  labels: RegistryPersonFields["labels"],
): RegistryPersonFields {
  return {
    name,
    idNumber,
    sex,
    institution: DEMO_INSTITUTION,
    institutionDivision,
    practiceCategory: "中医",
    licenseNumber: `DEMO-${idNumber.slice(-6)}`,
    title,
    yearsOfPractice,
    phone,
    labels,
  };
}
