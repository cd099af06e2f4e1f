/**
 * Exports of the review queue (REV-5): the filtered list and the 公示 list, as rows streamed page by page
 * from the store into exceljs's streaming workbook writer, so a 100 000-line export never sits in memory.
 * ID numbers are exported masked, as the list shows them.
 */
import { PassThrough, type Readable } from "node:stream";
import ExcelJS from "exceljs";
import { editionBindings, evaluate, findCatalogItem, type Edition } from "@shenbao/rules";
import { answersOf } from "../applications/applicationSections.js";
import type { Filter, Store } from "../ports/store.js";
import { collectionsOf, type ReviewerScope } from "../store/collections.js";
import { REVIEW_STAGE_LABELS } from "./reviewStages.js";
import { divisionOf, scopeFilter } from "./reviewRouting.js";

const PAGE = 500;
const SEX_LABELS = { male: "男", female: "女" } as const;

/** A header row, then data rows. */
export type Rows = AsyncIterable<string[]>;

/** Streams `rows` as one xlsx sheet named `sheet`; errors end the stream with that error. */
export function writeXlsx(rows: Rows, sheet: string): Readable {
  const out = new PassThrough();
  void (async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
    const worksheet = workbook.addWorksheet(sheet);
    let first = true;
    for await (const row of rows) {
      const added = worksheet.addRow(row);
      if (first) added.font = { bold: true };
      first = false;
      added.commit();
    }
    worksheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}

const typeLabel = (edition: Edition, value: string) =>
  edition.candidateTypes.find((type) => type.value === value)?.label ?? value;
const countyName = (edition: Edition, code: string) =>
  divisionOf(edition, code)?.path.slice(1).join("") ?? code;

/** The filtered queue as rows with Chinese headers, in the list's order. */
export async function* exportRows(
  store: Store,
  edition: Edition,
  filter: Filter,
  sort: "submittedAt" | "-submittedAt",
): Rows {
  yield ["姓名", "性别", "证件号码", "考生类型", "确认地点", "审核状态", "提交时间", "老师签名"];
  const { reviewQueue } = collectionsOf(store);
  let cursor: string | undefined;
  do {
    const page = await reviewQueue.find(filter, {
      sort: { submittedAt: sort === "submittedAt" ? 1 : -1 },
      limit: PAGE,
      ...(cursor ? { cursor } : {}),
    });
    for (const entry of page.items)
      yield [
        entry.name,
        entry.sex ? SEX_LABELS[entry.sex] : "",
        entry.idNumberMasked,
        typeLabel(edition, entry.candidateType),
        countyName(edition, entry.county),
        REVIEW_STAGE_LABELS[entry.stage],
        new Date(entry.submittedAt).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" }),
        entry.signaturesComplete ? "已全部签名" : "未全部签名",
      ];
    cursor = page.next;
  } while (cursor !== undefined);
}

/**
 * The 公示 list of the scope's approved applications: name, sex, county, candidate type, then the columns the
 * edition declares (`bindings.publicList`, e.g. the technique), each a json-logic value shown by its catalog label.
 */
export async function* publicListRows(store: Store, edition: Edition, scope: ReviewerScope): Rows {
  const columns = editionBindings(edition).publicList;
  yield ["序号", "姓名", "性别", "区县", "考生类型", ...columns.map((column) => column.title)];
  const { reviewQueue, applications } = collectionsOf(store);
  let cursor: string | undefined;
  let n = 0;
  do {
    const page = await reviewQueue.find(
      { ...scopeFilter(scope), stage: "approved" },
      { sort: { submittedAt: 1 }, limit: PAGE, ...(cursor ? { cursor } : {}) },
    );
    for (const entry of page.items) {
      const application = await applications.get(entry.applicationId);
      const answers = application ? answersOf(application) : { sections: {} };
      const values = columns.map((column) => {
        const value = evaluate(column.value, {
          candidateType: answers.candidateType ?? null,
          sections: answers.sections,
        });
        const text = value === null || value === undefined ? "" : String(value);
        const catalog = column.catalog === undefined ? undefined : edition.catalogs[column.catalog];
        return (catalog && findCatalogItem(catalog, text)?.at(-1)?.label) ?? text;
      });
      yield [
        String(++n),
        entry.name,
        entry.sex ? SEX_LABELS[entry.sex] : "",
        countyName(edition, entry.county),
        typeLabel(edition, entry.candidateType),
        ...values,
      ];
    }
    cursor = page.next;
  } while (cursor !== undefined);
}
