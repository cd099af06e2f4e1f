/**
 * Registry test data: valid made-up physicians and import files built the way administrators make them
 * (exceljs for xlsx, text for CSV), with the headers of the shipped vocabulary.
 */
import { randomBytes } from "node:crypto";
import ExcelJS from "exceljs";
import { Keyring, PersonalDataCipher } from "../src/crypto/personalData.js";
import { REGISTRY_VOCABULARY, type RegistryColumnKey } from "../src/registry/registryVocabulary.js";

/** A cipher on a fresh random key. */
export function testCipher(): PersonalDataCipher {
  return new PersonalDataCipher(new Keyring(randomBytes(32)));
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** A valid-checksum ID number for the 17 leading digits given (region 420102 + birth date + sequence). */
export function idNumberFor(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return first17 + ("10X98765432"[sum % 11] ?? "");
}

/** One row of an import file by column key; missing keys are blank cells. */
export type RegistryRow = Partial<Record<RegistryColumnKey, string | number>>;

/** A complete valid row; `n` (1–99) makes the number, phone and licence distinct. */
export function registryRow(n: number, overrides: RegistryRow = {}): RegistryRow {
  const seq = String(n).padStart(2, "0");
  return {
    // Names are letters only, as a real name is (issue 11): the sequence is spelt in Chinese numerals.
    name: `测试${"甲乙丙丁戊己庚辛壬癸"[n % 10] ?? "甲"}${[...seq].map((digit) => "零壹贰叁肆伍陆柒捌玖"[Number(digit)]).join("")}`,
    idNumber: idNumberFor(`42010219700101${seq}1`),
    institution: "测试中医院",
    institutionDivision: "420102",
    practiceCategory: "中医",
    licenseNumber: `LIC${seq}`,
    title: "主任医师",
    yearsOfPractice: 20,
    phone: `139000001${seq}`,
    labels: Object.keys(REGISTRY_VOCABULARY.labelGroups).join(","),
    ...overrides,
  };
}

const headers = REGISTRY_VOCABULARY.columns.map((column) => column.header);
const keys = REGISTRY_VOCABULARY.columns.map((column) => column.key);

/** An xlsx file with the template's header row and `rows`. */
export async function registryXlsx(rows: RegistryRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(REGISTRY_VOCABULARY.sheetName);
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(keys.map((key) => row[key] ?? null));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A UTF-8 CSV (with the byte-order mark Excel writes) with the header row and `rows`. */
export function registryCsv(rows: RegistryRow[]): Buffer {
  const quote = (value: string | number | undefined) => `"${String(value ?? "").replaceAll('"', '""')}"`;
  const lines = [
    headers.map(quote).join(","),
    ...rows.map((row) => keys.map((key) => quote(row[key])).join(",")),
  ];
  return Buffer.from(`\uFEFF${lines.join("\r\n")}\r\n`, "utf8");
}
