/**
 * Catalog import for the studio (FORM-2, issue 9): a big option list (diseases, divisions…) arrives as an
 * xlsx or CSV file with the columns 代码 / 名称 / 上级代码 and replaces the items of one catalog of a draft.
 * Every row is checked first; a file with any error changes nothing and each error names its row. The write
 * is an autosave at the revision the page read, so it is audited as a catalog change.
 */
import type { EditionFiles } from "@shenbao/forms";
import type { CatalogItem } from "@shenbao/rules";
import { CatalogImportInvalidError, NotFoundError, RegistryImportInvalidError } from "../errors.js";
import type { Stored } from "../ports/store.js";
import { collectionsOf, type EditionDoc } from "../store/collections.js";
import type { AuditActor } from "./audit.js";
import type { CommandDeps } from "./commandDeps.js";
import { editionFilesOf } from "./editionDraftCopier.js";
import { editionDraftSaver } from "./editionDraftSaver.js";
import { assertEditionMutable } from "./editionPublisher.js";
import { readRows, type RegistryFileFormat } from "./registryImporter.js";

/** One problem of a catalog file: the spreadsheet row (0 = the whole file) and a Chinese message. */
export interface CatalogRowError {
  row: number;
  message: string;
}

/** The columns of a catalog file, as administrators name them. */
export const CATALOG_COLUMNS = { value: "代码", label: "名称", parent: "上级代码" } as const;

/** More rows than this is not an option list; the divisions of all China are ~45 000. */
export const MAX_CATALOG_ROWS = 60_000;
/** Catalogs with more items than this are written without indentation. */
const COMPACT_CATALOG_ITEMS = 1_000;
const MAX_REPORTED_ERRORS = 200;

interface Row {
  row: number;
  value: string;
  label: string;
  parent: string;
}

/** Reads and checks a catalog file: its items as a tree, or every row error (at most 200 listed). */
export async function readCatalogFile(input: {
  buffer: Buffer;
  format: RegistryFileFormat;
}): Promise<{ items: CatalogItem[]; errors: CatalogRowError[] }> {
  const errors: CatalogRowError[] = [];
  const report = (error: CatalogRowError) => {
    if (errors.length < MAX_REPORTED_ERRORS) errors.push(error);
  };
  const normalize = (text: string) => text.normalize("NFKC").replace(/[\s*＊]/gu, "");
  let columns: { value: number; label: number; parent: number } | undefined;
  const rows: Row[] = [];
  try {
    for await (const { row, cells } of readRows(input)) {
      const texts = cells.map((cell) => cell.text.trim());
      if (texts.every((text) => text === "")) continue;
      if (columns === undefined) {
        const headers = texts.map(normalize);
        const value = headers.indexOf(CATALOG_COLUMNS.value);
        const label = headers.indexOf(CATALOG_COLUMNS.label);
        if (value === -1 || label === -1) {
          report({
            row,
            message: `第 ${row} 行应为表头，需要「${CATALOG_COLUMNS.value}」「${CATALOG_COLUMNS.label}」两列（「${CATALOG_COLUMNS.parent}」可选）`,
          });
          break;
        }
        columns = { value, label, parent: headers.indexOf(CATALOG_COLUMNS.parent) };
        continue;
      }
      if (rows.length >= MAX_CATALOG_ROWS) {
        report({ row, message: `文件超过 ${MAX_CATALOG_ROWS} 行，不像选项目录，请检查文件` });
        break;
      }
      rows.push({
        row,
        value: texts[columns.value] ?? "",
        label: texts[columns.label] ?? "",
        parent: columns.parent === -1 ? "" : (texts[columns.parent] ?? ""),
      });
    }
  } catch (error) {
    if (error instanceof RegistryImportInvalidError)
      return { items: [], errors: error.rowErrors.map((e) => ({ row: e.row, message: e.message })) };
    throw error;
  }
  if (columns === undefined && errors.length === 0) report({ row: 1, message: "文件为空" });
  if (columns !== undefined && rows.length === 0 && errors.length === 0)
    report({ row: 2, message: "文件中没有数据行" });

  const firstRow = new Map<string, number>();
  for (const row of rows) {
    if (row.value === "")
      report({ row: row.row, message: `第 ${row.row} 行缺少「${CATALOG_COLUMNS.value}」` });
    else if (row.value.length > 100)
      report({ row: row.row, message: `第 ${row.row} 行「${CATALOG_COLUMNS.value}」超过100个字` });
    if (row.label === "")
      report({ row: row.row, message: `第 ${row.row} 行缺少「${CATALOG_COLUMNS.label}」` });
    else if (row.label.length > 200)
      report({ row: row.row, message: `第 ${row.row} 行「${CATALOG_COLUMNS.label}」超过200个字` });
    if (row.value === "") continue;
    const first = firstRow.get(row.value);
    if (first !== undefined)
      report({
        row: row.row,
        message: `第 ${row.row} 行的${CATALOG_COLUMNS.value}「${row.value}」与第 ${first} 行重复`,
      });
    else firstRow.set(row.value, row.row);
  }
  for (const row of rows) {
    if (row.parent === "") continue;
    if (row.parent === row.value || !firstRow.has(row.parent))
      report({
        row: row.row,
        message: `第 ${row.row} 行的${CATALOG_COLUMNS.parent}「${row.parent}」不是文件中其他行的${CATALOG_COLUMNS.value}`,
      });
  }
  if (errors.length > 0) return { items: [], errors };

  // Build the tree; a parent chain that loops never reaches a root, so its rows are reported.
  const byValue = new Map<string, CatalogItem>();
  for (const row of rows) byValue.set(row.value, { value: row.value, label: row.label });
  const roots: CatalogItem[] = [];
  for (const row of rows) {
    const item = byValue.get(row.value) as CatalogItem;
    if (row.parent === "") roots.push(item);
    else {
      const parent = byValue.get(row.parent) as CatalogItem;
      (parent.children ??= []).push(item);
    }
  }
  const reached = new Set<string>();
  const walk = (items: CatalogItem[]) =>
    items.forEach((item) => {
      reached.add(item.value);
      if (item.children) walk(item.children);
    });
  walk(roots);
  for (const row of rows)
    if (!reached.has(row.value))
      report({ row: row.row, message: `第 ${row.row} 行的${CATALOG_COLUMNS.parent}形成循环` });
  return errors.length > 0 ? { items: [], errors } : { items: roots, errors };
}

/** Replaces the items of catalog `catalog` of draft `key@version` (revision `rev`) with the file's rows. */
export async function catalogImporter(
  deps: Pick<CommandDeps, "store" | "clock">,
  input: {
    key: string;
    version: string;
    rev: number;
    catalog: string;
    file: { buffer: Buffer; format: RegistryFileFormat };
    actor: AuditActor;
  },
): Promise<{ edition: Stored<EditionDoc>; items: number }> {
  const [doc] = (
    await collectionsOf(deps.store).editions.find({ key: input.key, version: input.version }, { limit: 1 })
  ).items;
  if (doc === undefined) throw new NotFoundError();
  assertEditionMutable(doc);
  const files: EditionFiles = editionFilesOf(doc);
  const path = `catalogs/${input.catalog}.json`;
  const text = files[path];
  if (text === undefined) throw new NotFoundError("草稿中没有这个目录");
  let catalog: Record<string, unknown>;
  try {
    catalog = JSON.parse(text) as Record<string, unknown>;
  } catch {
    catalog = { id: input.catalog, title: input.catalog };
  }
  const { items, errors } = await readCatalogFile(input.file);
  if (errors.length > 0) throw new CatalogImportInvalidError(errors);
  let count = 0;
  const countAll = (list: CatalogItem[]) =>
    list.forEach((item) => {
      count += 1;
      if (item.children) countAll(item.children);
    });
  countAll(items);
  // A big catalog is written compact, as the shipped divisions are: indenting 40 000 items would double the
  // file (~4 MB instead of ~2 MB) for lines nobody edits by hand.
  const indent = count > COMPACT_CATALOG_ITEMS ? undefined : 2;
  const next = { ...files, [path]: `${JSON.stringify({ ...catalog, items }, null, indent)}\n` };
  const edition = await editionDraftSaver(deps, {
    key: input.key,
    version: input.version,
    rev: input.rev,
    files: next,
    actor: input.actor,
    via: "catalogImport",
  });
  return { edition, items: count };
}
