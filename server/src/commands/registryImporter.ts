/**
 * Imports the physician registry (issue 5) from the provincial system's export or the template: xlsx (read
 * as a stream, so large files do not sit in memory as a workbook) or CSV (UTF-8 or GB 18030). Every row is
 * checked first; only a file without errors is written, all of it in one transaction, upserting by number.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { RegistryImportInvalidError } from "../errors.js";
import { validateIdNumber, type RegionLookup } from "../identity/idNumber.js";
import type { RegistryRole } from "../ports/registryProvider.js";
import { upsertRegistryPerson, type RegistryPersonFields } from "../registry/registryRecords.js";
import {
  REGISTRY_VOCABULARY,
  type RegistryColumnKey,
  type RegistryVocabulary,
} from "../registry/registryVocabulary.js";
import { collectionsOf } from "../store/collections.js";
import { appendAudit, type AuditActor } from "./audit.js";
import type { CommandDeps } from "./commandDeps.js";

/** One problem of an import file: the spreadsheet row (1-based, as the administrator sees it), the column header and a Chinese message. */
export interface RegistryRowError {
  row: number;
  column: string;
  message: string;
}

/** What an import wrote. */
export interface RegistryImportSummary {
  rows: number;
  inserted: number;
  updated: number;
}

/** The file to import: a path (format from its extension unless given) or bytes with their format. */
export type RegistryImportInput =
  { path: string; format?: RegistryFileFormat } | { buffer: Buffer; format: RegistryFileFormat };

/** Formats the importer reads. */
export type RegistryFileFormat = "xlsx" | "csv";

/** What the importer needs: the store, the cipher, the clock and the region codes ID numbers are checked against. */
export type RegistryImporterDeps = Pick<CommandDeps, "store" | "cipher" | "clock"> & {
  regionLookup: RegionLookup;
  vocabulary?: RegistryVocabulary;
};

/** More rows than this is not a province's physician list but a wrong file; refused before anything is parsed further. */
export const MAX_REGISTRY_ROWS = 50_000;
// An administrator fixes a file from the first errors; thousands of lines would bury them.
const MAX_REPORTED_ERRORS = 200;

/** Reads, checks and (only when every row is valid) writes the file; throws `RegistryImportInvalidError` otherwise. */
export async function registryImporter(
  deps: RegistryImporterDeps,
  request: { input: RegistryImportInput; actor: AuditActor },
): Promise<RegistryImportSummary> {
  const vocabulary = deps.vocabulary ?? REGISTRY_VOCABULARY;
  const regionLookup = deps.regionLookup;
  const now = deps.clock.now();
  const { people, errors } = await readRegistryFile(request.input, { vocabulary, regionLookup, now });
  if (errors.length > 0) throw new RegistryImportInvalidError(errors);

  const { inserted, updated } = await deps.store.transaction(async (tx) => {
    const collections = collectionsOf(tx);
    // Counted inside: MongoDB may run the body again after a transient conflict.
    let insertedCount = 0;
    for (const person of people) {
      const { outcome } = await upsertRegistryPerson(collections, deps.cipher, person, "import", now);
      if (outcome === "inserted") insertedCount += 1;
    }
    const counts = { rows: people.length, inserted: insertedCount, updated: people.length - insertedCount };
    await appendAudit(tx, {
      actor: request.actor,
      action: "registry.imported",
      entity: "registry",
      entityId: "import",
      before: null,
      after: counts,
      at: now,
    });
    return counts;
  });
  return { rows: people.length, inserted, updated };
}

/** Parses and checks a file without writing: the valid people, or every row error (at most 200 listed). */
export async function readRegistryFile(
  input: RegistryImportInput,
  options: { vocabulary: RegistryVocabulary; regionLookup: RegionLookup; now: number },
): Promise<{ people: RegistryPersonFields[]; errors: RegistryRowError[] }> {
  const errors: RegistryRowError[] = [];
  const people: RegistryPersonFields[] = [];
  const report = (error: RegistryRowError) => {
    if (errors.length < MAX_REPORTED_ERRORS) errors.push(error);
  };
  let columnIndex: Map<RegistryColumnKey, number> | undefined;
  const firstRowOfNumber = new Map<string, number>();
  let dataRows = 0;
  const exampleNumber = options.vocabulary.columns
    .find((column) => column.key === "idNumber")
    ?.example.toUpperCase();

  for await (const { row, cells } of readRows(input)) {
    if (cells.every((cell) => cell.text === "")) continue;
    if (!columnIndex) {
      columnIndex = mapHeader(cells, options.vocabulary, row, report);
      if (!columnIndex) break;
      continue;
    }
    dataRows += 1;
    if (dataRows > MAX_REGISTRY_ROWS) {
      report({ row, column: "", message: `文件超过 ${MAX_REGISTRY_ROWS} 行，请分批导入` });
      break;
    }
    const person = checkRow(row, cells, columnIndex, options, report);
    if (!person) continue;
    if (person.idNumber === exampleNumber) {
      report({
        row,
        column: headerOf("idNumber", options.vocabulary),
        message: "这是模板的示例行，请删除后再导入",
      });
      continue;
    }
    const first = firstRowOfNumber.get(person.idNumber);
    if (first !== undefined) {
      report({ row, column: headerOf("idNumber", options.vocabulary), message: `与第 ${first} 行重复` });
      continue;
    }
    firstRowOfNumber.set(person.idNumber, row);
    people.push(person);
  }
  if (errors.length === 0 && !columnIndex)
    report({ row: 1, column: "", message: "文件为空，请使用导入模板填写" });
  else if (errors.length === 0 && people.length === 0)
    report({ row: 2, column: "", message: "文件中没有数据行" });
  if (errors.length === MAX_REPORTED_ERRORS) {
    errors.push({ row: 0, column: "", message: `错误过多，仅列出前 ${MAX_REPORTED_ERRORS} 处` });
  }
  return { people, errors };
}

/** A cell as text; `lossy` when it was a number too long for a spreadsheet to keep every digit. */
export interface CellText {
  text: string;
  lossy: boolean;
}

function mapHeader(
  cells: CellText[],
  vocabulary: RegistryVocabulary,
  row: number,
  report: (error: RegistryRowError) => void,
): Map<RegistryColumnKey, number> | undefined {
  // Headers are matched without blanks and without the "*" some templates put on required columns.
  const normalize = (text: string) => text.normalize("NFKC").replace(/[\s*＊]/gu, "");
  const positions = new Map<string, number>();
  cells.forEach((cell, index) => {
    const header = normalize(cell.text);
    if (header && !positions.has(header)) positions.set(header, index);
  });
  const columnIndex = new Map<RegistryColumnKey, number>();
  let complete = true;
  for (const column of vocabulary.columns) {
    const index = positions.get(normalize(column.header));
    if (index !== undefined) columnIndex.set(column.key, index);
    else if (column.required) {
      complete = false;
      report({ row, column: column.header, message: "缺少该列，请使用导入模板的表头" });
    }
  }
  return complete ? columnIndex : undefined;
}

function checkRow(
  row: number,
  cells: CellText[],
  columnIndex: Map<RegistryColumnKey, number>,
  options: { vocabulary: RegistryVocabulary; regionLookup: RegionLookup; now: number },
  report: (error: RegistryRowError) => void,
): RegistryPersonFields | undefined {
  const { vocabulary } = options;
  let valid = true;
  const fail = (key: RegistryColumnKey, message: string) => {
    valid = false;
    report({ row, column: headerOf(key, vocabulary), message });
  };
  const cell = (key: RegistryColumnKey): CellText => {
    const index = columnIndex.get(key);
    return (index === undefined ? undefined : cells[index]) ?? { text: "", lossy: false };
  };
  const text = (key: RegistryColumnKey, maxLength = 100): string => {
    const value = cell(key);
    const required = vocabulary.columns.find((column) => column.key === key)?.required ?? false;
    if (value.lossy) {
      // Checked no further: the digits are already wrong, and one message for the cause is enough.
      fail(key, "数字过长已被表格改写，请将该列设为文本格式后重新填写");
      return "";
    }
    if (value.text === "" && required) fail(key, "不能为空");
    else if (value.text.length > maxLength) fail(key, `不能超过 ${maxLength} 个字`);
    return value.text;
  };

  const name = text("name", 50);
  const idText = text("idNumber");
  let idNumber = "";
  let sexFromNumber: "male" | "female" | undefined;
  if (idText) {
    const result = validateIdNumber(idText, options.regionLookup, { now: new Date(options.now) });
    if (result.ok) {
      idNumber = result.normalized;
      sexFromNumber = result.sex;
    } else fail("idNumber", result.message);
  }

  const sexText = text("sex");
  let sex = sexFromNumber;
  if (sexText) {
    sex = vocabulary.sexValues[sexText];
    if (!sex) fail("sex", `只能填写：${Object.keys(vocabulary.sexValues).join("、")}`);
    else if (sexFromNumber && sex !== sexFromNumber) fail("sex", "与身份证号码不一致");
  }

  const institution = text("institution", 200);
  const institutionDivision = text("institutionDivision");
  if (
    institutionDivision &&
    !(/^\d{6}$/.test(institutionDivision) && options.regionLookup(institutionDivision))
  ) {
    fail("institutionDivision", "应为6位区县代码，且须为存在的地区");
  }
  const practiceCategory = text("practiceCategory");
  const licenseNumber = text("licenseNumber");
  const title = text("title");
  const yearsText = text("yearsOfPractice");
  const yearsOfPractice = Number(yearsText);
  if (yearsText && !(/^\d{1,2}$/.test(yearsText) && yearsOfPractice <= 80))
    fail("yearsOfPractice", "应为0到80之间的整数");
  const phone = text("phone");
  if (phone && !/^1\d{10}$/.test(phone)) fail("phone", "应为11位手机号码");

  const labels: RegistryRole[] = [];
  for (const part of text("labels")
    .split(/[,，、;；/\s]+/u)
    .filter(Boolean)) {
    const role = vocabulary.labelGroups[part];
    if (!role) {
      fail("labels", `只能填写：${Object.keys(vocabulary.labelGroups).join("、")}`);
      break;
    }
    if (!labels.includes(role)) labels.push(role);
  }

  if (!valid || !sex) return undefined;
  return {
    name,
    idNumber,
    sex,
    institution,
    institutionDivision,
    practiceCategory,
    licenseNumber,
    title,
    yearsOfPractice,
    phone,
    labels,
  };
}

function headerOf(key: RegistryColumnKey, vocabulary: RegistryVocabulary): string {
  return vocabulary.columns.find((column) => column.key === key)?.header ?? key;
}

function formatOf(input: RegistryImportInput): RegistryFileFormat {
  if (input.format) return input.format;
  const extension = path.extname("path" in input ? input.path : "").toLowerCase();
  if (extension === ".xlsx") return "xlsx";
  if (extension === ".csv") return "csv";
  throw new RegistryImportInvalidError([{ row: 0, column: "", message: "只能导入 .xlsx 或 .csv 文件" }]);
}

/**
 * The rows of the first sheet of an xlsx or CSV file (UTF-8 or GB 18030), 1-based as the administrator sees
 * them; an unreadable file throws `RegistryImportInvalidError` (row 0). Also read by the catalog import.
 */
export async function* readRows(
  input: RegistryImportInput,
): AsyncGenerator<{ row: number; cells: CellText[] }> {
  if (formatOf(input) === "csv") {
    yield* readCsvRows("path" in input ? await readFile(input.path) : input.buffer);
    return;
  }
  const source = "path" in input ? input.path : Readable.from([input.buffer]);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, {
    worksheets: "emit",
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "ignore",
    entries: "emit",
  });
  try {
    // Only the first sheet holds the list; the template's second sheet is notes.
    for await (const worksheet of reader) {
      for await (const row of worksheet) {
        yield { row: row.number, cells: cellsOf(row.values) };
      }
      break;
    }
  } catch (error) {
    if (error instanceof RegistryImportInvalidError) throw error;
    throw new RegistryImportInvalidError([
      { row: 0, column: "", message: "无法读取该文件，请确认是 .xlsx 格式" },
    ]);
  }
}

async function* readCsvRows(bytes: Buffer): AsyncGenerator<{ row: number; cells: CellText[] }> {
  const workbook = new ExcelJS.Workbook();
  // Identity map: exceljs would otherwise turn an 18-digit ID number into a float and lose its last digits.
  const worksheet = await workbook.csv.read(Readable.from([decodeCsv(bytes)]), {
    map: (value: unknown) => value,
  });
  const rows: { row: number; cells: CellText[] }[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    rows.push({ row: rowNumber, cells: cellsOf(row.values) });
  });
  yield* rows;
}

// Excel in Chinese Windows saves "CSV" as GB 18030 (GBK); "CSV UTF-8" starts with a byte-order mark.
function decodeCsv(bytes: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder("gb18030").decode(bytes);
  }
  return text.replace(/^\uFEFF/u, "");
}

function cellsOf(values: ExcelJS.Row["values"]): CellText[] {
  // Row values are 1-based (index 0 is empty); a plain object appears only for keyed rows, which readers do not make.
  const list = Array.isArray(values) ? values.slice(1) : [];
  return Array.from(list, (value) => cellText(value as ExcelJS.CellValue | undefined));
}

function cellText(value: ExcelJS.CellValue | undefined): CellText {
  if (value === null || value === undefined) return { text: "", lossy: false };
  if (typeof value === "number") {
    // A spreadsheet keeps 15 significant digits: a longer number typed into a general cell is already wrong.
    return { text: String(value), lossy: Math.abs(value) >= 1e15 };
  }
  if (typeof value === "string") return { text: value.normalize("NFKC").trim(), lossy: false };
  if (typeof value === "boolean") return { text: String(value), lossy: false };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10), lossy: false };
  if ("richText" in value) return cellText(value.richText.map((part) => part.text).join(""));
  if ("formula" in value || "sharedFormula" in value) {
    const result = (value as { result?: unknown }).result;
    return cellText(typeof result === "string" || typeof result === "number" ? result : undefined);
  }
  if ("text" in value && typeof value.text === "string") return cellText(value.text);
  return { text: "", lossy: false };
}
