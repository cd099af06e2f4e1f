import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import type { PersonalDataCipher } from "../crypto/personalData.js";
import type { Store, StoreTx } from "../ports/store.js";
import { RegistryImportInvalidError } from "../errors.js";
import {
  registryIdNumberContext,
  registryPhoneContext,
  registryPersonOf,
  findRegistryDoc,
} from "../registry/registryRecords.js";
import { labelGroupOf, REGISTRY_VOCABULARY } from "../registry/registryVocabulary.js";
import { collectionsOf, declareCollections } from "../store/collections.js";
import type { SqliteStore } from "../store/sqliteStore.js";
import { ManualClock } from "../../test/manualClock.js";
import { registryCsv, registryRow, registryXlsx, testCipher } from "../../test/registryFactories.js";
import { openSqliteTestStore, type TestStore } from "../../test/storeFactories.js";
import { registryImporter } from "./registryImporter.js";
import { registryTemplate } from "./registryTemplate.js";
import { hubeiRegionLookup } from "../../test/regionFactories.js";

const header = (key: string) => REGISTRY_VOCABULARY.columns.find((column) => column.key === key)!.header;

describe("registryImporter", () => {
  let opened: TestStore<SqliteStore>;
  let cipher: PersonalDataCipher;
  let deps: Parameters<typeof registryImporter>[0];

  beforeEach(async () => {
    opened = await openSqliteTestStore();
    await declareCollections(opened.store);
    cipher = testCipher();
    deps = { store: opened.store, cipher, clock: new ManualClock(), regionLookup: hubeiRegionLookup() };
  });
  afterEach(() => opened.cleanup());

  const registry = () => collectionsOf(opened.store).registry;
  const importBuffer = (buffer: Buffer, format: "xlsx" | "csv") =>
    registryImporter(deps, { input: { buffer, format }, actor: "test" });

  it("imports a valid xlsx with every field, the number and phone only encrypted", async () => {
    const rows = [
      registryRow(1),
      registryRow(2, {
        labels: labelGroupOf("recommender"),
        sex: Object.keys(REGISTRY_VOCABULARY.sexValues).find(
          (text) => REGISTRY_VOCABULARY.sexValues[text] === "male",
        )!,
      }),
    ];
    const summary = await importBuffer(await registryXlsx(rows), "xlsx");
    expect(summary).toEqual({ rows: 2, inserted: 2, updated: 0 });

    const doc = await findRegistryDoc(collectionsOf(opened.store), cipher, String(rows[0]!.idNumber));
    expect(doc).toBeDefined();
    expect(doc!.source).toBe("import");
    expect(JSON.stringify(doc)).not.toContain(String(rows[0]!.idNumber));
    expect(JSON.stringify(doc)).not.toContain(String(rows[0]!.phone));
    expect(cipher.decrypt(doc!.idNumberEnc, registryIdNumberContext(doc!._id))).toBe(rows[0]!.idNumber);
    expect(cipher.decrypt(doc!.phoneEnc, registryPhoneContext(doc!._id))).toBe(rows[0]!.phone);
    expect(registryPersonOf(doc!, cipher)).toMatchObject({
      name: rows[0]!.name,
      sex: "male",
      institution: "测试中医院",
      institutionDivision: "420102",
      practiceCategory: "中医",
      licenseNumber: "LIC01",
      title: "主任医师",
      yearsOfPractice: 20,
      labels: ["supervisor", "recommender"],
    });
    const second = await findRegistryDoc(collectionsOf(opened.store), cipher, String(rows[1]!.idNumber));
    expect(second!.labels).toEqual(["recommender"]);
  });

  it("imports a UTF-8 CSV with a byte-order mark, keeping all 18 digits of the numbers", async () => {
    const rows = [registryRow(3), registryRow(4)];
    expect(await importBuffer(registryCsv(rows), "csv")).toEqual({ rows: 2, inserted: 2, updated: 0 });
    for (const row of rows) {
      const doc = await findRegistryDoc(collectionsOf(opened.store), cipher, String(row.idNumber));
      expect(doc?.name).toBe(row.name);
    }
  });

  it("reports every bad row with its row number and column, and writes nothing", async () => {
    await importBuffer(await registryXlsx([registryRow(9, { title: "主治医师" })]), "xlsx");
    const before = await registry().count({});
    const rows = [
      registryRow(5),
      registryRow(6, { idNumber: "420102197001010612" }), // wrong check character
      registryRow(7),
      registryRow(8, { phone: "1390000", labels: "院长" }),
      registryRow(9, { title: "主任医师" }), // valid, and an update of the stored person
    ];
    const error = await importBuffer(await registryXlsx(rows), "xlsx").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RegistryImportInvalidError);
    const rowErrors = (error as RegistryImportInvalidError).rowErrors;
    expect(rowErrors.map(({ row, column }) => [row, column])).toEqual([
      [3, header("idNumber")],
      [5, header("phone")],
      [5, header("labels")],
    ]);
    expect(rowErrors[0]!.message).toContain("校验位");
    expect(await registry().count({})).toBe(before);
    const unchanged = await findRegistryDoc(collectionsOf(opened.store), cipher, String(rows[4]!.idNumber));
    expect(unchanged).toMatchObject({ title: "主治医师", rev: 1 });
  });

  it("updates a re-imported person instead of adding a second one", async () => {
    await importBuffer(await registryXlsx([registryRow(10), registryRow(11)]), "xlsx");
    const summary = await importBuffer(
      registryCsv([registryRow(10, { title: "副主任医师" }), registryRow(12)]),
      "csv",
    );
    expect(summary).toEqual({ rows: 2, inserted: 1, updated: 1 });
    expect(await registry().count({})).toBe(3);
    const doc = await findRegistryDoc(collectionsOf(opened.store), cipher, String(registryRow(10).idNumber));
    expect(doc).toMatchObject({ title: "副主任医师", rev: 2 });
  });

  it("refuses missing columns, duplicate numbers in one file and numbers a spreadsheet already rounded", async () => {
    const rows = [
      registryRow(13),
      registryRow(13, { name: "别人" }),
      registryRow(14, { idNumber: Number("420102197001011400") }),
    ];
    const error = (await importBuffer(await registryXlsx(rows), "xlsx").catch(
      (caught: unknown) => caught,
    )) as RegistryImportInvalidError;
    expect(error.rowErrors.map(({ row, message }) => [row, message])).toEqual([
      [3, "与第 2 行重复"],
      [4, expect.stringContaining("文本格式")],
    ]);

    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("x").addRow([header("name"), header("idNumber")]);
    const missing = (await importBuffer(Buffer.from(await workbook.xlsx.writeBuffer()), "xlsx").catch(
      (caught: unknown) => caught,
    )) as RegistryImportInvalidError;
    expect(missing.rowErrors.map((rowError) => rowError.column)).toContain(header("phone"));
    expect(await registry().count({})).toBe(0);
  });

  it("rolls back every row when a write fails half-way through the transaction", async () => {
    const real = opened.store;
    let inserts = 0;
    // The third insert fails, as a full disk or a lost connection would, after two rows were written.
    const failing: Store = Object.assign(Object.create(real) as Store, {
      transaction: <R>(fn: (tx: StoreTx) => Promise<R>) =>
        real.transaction((tx) =>
          fn({
            native: tx.native,
            collection: <T extends object>(name: string) => {
              const collection = tx.collection<T>(name);
              return Object.assign(Object.create(collection) as typeof collection, {
                insert: (doc: T & { _id?: string }) => {
                  if (name === "registry" && ++inserts === 3) throw new Error("disk full");
                  return collection.insert(doc);
                },
              });
            },
          }),
        ),
    });
    const input = {
      buffer: registryCsv([registryRow(17), registryRow(18), registryRow(19)]),
      format: "csv" as const,
    };
    await expect(registryImporter({ ...deps, store: failing }, { input, actor: "test" })).rejects.toThrow(
      "disk full",
    );
    expect(inserts).toBe(3);
    expect(await registry().count({})).toBe(0);
    expect(await collectionsOf(opened.store).audit.count({})).toBe(0);
  });

  it("keeps no registry ID number or phone in clear in the SQLite file", async () => {
    const rows = [registryRow(15), registryRow(16)];
    await importBuffer(registryCsv(rows), "csv");
    const file = opened.store.file;
    const bytes = Buffer.concat(
      [file, `${file}-wal`].flatMap((name) => {
        try {
          return [readFileSync(name)];
        } catch {
          return [];
        }
      }),
    );
    expect(bytes.length).toBeGreaterThan(0);
    // The name is stored in clear (it is shown to candidates), so finding it proves the search reads the data.
    expect(bytes.includes(Buffer.from(String(rows[0]!.name)))).toBe(true);
    for (const row of rows) {
      expect(bytes.includes(Buffer.from(String(row.idNumber)))).toBe(false);
      expect(bytes.includes(Buffer.from(String(row.phone)))).toBe(false);
    }
  });
});

describe("registryTemplate", () => {
  it("has the vocabulary's headers and an example row the importer refuses to import as a person", async () => {
    const buffer = await registryTemplate();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet(REGISTRY_VOCABULARY.sheetName)!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(
      REGISTRY_VOCABULARY.columns.map((c) => c.header),
    );
    expect(workbook.getWorksheet(REGISTRY_VOCABULARY.notesSheetName)?.rowCount).toBeGreaterThan(
      REGISTRY_VOCABULARY.columns.length,
    );

    const opened = await openSqliteTestStore();
    try {
      await declareCollections(opened.store);
      const error = (await registryImporter(
        {
          store: opened.store,
          cipher: testCipher(),
          clock: new ManualClock(),
          regionLookup: hubeiRegionLookup(),
        },
        { input: { buffer, format: "xlsx" }, actor: "test" },
      ).catch((caught: unknown) => caught)) as RegistryImportInvalidError;
      expect(error.rowErrors).toEqual([
        { row: 2, column: header("idNumber"), message: expect.stringContaining("示例行") },
      ]);
    } finally {
      await opened.cleanup();
    }
  });
});
