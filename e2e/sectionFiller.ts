/**
 * Fills a section page from example answers, field by field through the UI: the schema and uiSchema of
 * the edition say which widget each answer goes into and under which label; the helpers of `widgets.ts`
 * do the clicking and typing. Attachment answers (ids in the examples) become freshly generated files.
 */
import type { Locator, Page } from "playwright-core";
import type { Edition, Json, JsonSchema, SectionData, SectionDefinition, UiSchema } from "@shenbao/rules";
import { buildPdf, buildPng } from "../server/test/filesFactories.js";
import { catalogOf, catalogPath } from "./edition.js";
import {
  WIDGET_TIMEOUT,
  fillText,
  listField,
  listItem,
  pickCascader,
  pickDate,
  pickDateRange,
  pickRadio,
  pickSelect,
  sectionForm,
  uploadFiles,
  type UploadFile,
} from "./widgets.js";

type Node = { [key: string]: Json };

const asNode = (value: Json | undefined): Node =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? value : {};

/** `count` small valid files for an attachment field: PDFs where the field takes them, else PNGs. */
export function filesFor(field: string, count: number, accept: readonly string[]): UploadFile[] {
  const pdf = accept.includes("application/pdf");
  return Array.from({ length: count }, (_, index) =>
    // Alternate the types where both are allowed, so both reach the server's content sniffing.
    pdf && index % 2 === 0
      ? {
          name: `${field}-${index + 1}.pdf`,
          mimeType: "application/pdf",
          buffer: buildPdf(`${field} ${index + 1}`),
        }
      : { name: `${field}-${index + 1}.png`, mimeType: "image/png", buffer: buildPng(8, 8) },
  );
}

function optionTitle(edition: Edition, schema: JsonSchema, value: Json): string {
  const oneOf = Array.isArray(schema.oneOf) ? schema.oneOf.map(asNode) : [];
  const match = oneOf.find((option) => option.const === value);
  if (typeof match?.title === "string") return match.title;
  if (typeof schema["x-catalog"] === "string" && typeof value === "string")
    return catalogPath(catalogOf(edition, schema["x-catalog"]), value).at(-1) as string;
  throw new Error(`no option title for ${JSON.stringify(value)}`);
}

const isAttachment = (schema: JsonSchema): boolean =>
  schema.format === "attachment" || (schema.type === "array" && asNode(schema.items).format === "attachment");

async function fillList(
  scope: Locator,
  edition: Edition,
  schema: JsonSchema,
  ui: UiSchema,
  items: Json[],
): Promise<void> {
  const title = String(schema.title);
  const itemSchema = asNode(schema.items);
  const itemTitle = String(itemSchema.title);
  for (const [index, value] of items.entries()) {
    const item = listItem(scope, title, itemTitle, index);
    // Lists with a minimum come with their entries drawn; others grow by the list's add button.
    if ((await item.count()) === 0) {
      // By its accessible name, as a screen reader announces it (it once read 「plus-circle」).
      await listField(scope, title).getByRole("button", { name: "添加一条", exact: true }).last().click();
      await item.waitFor({ timeout: WIDGET_TIMEOUT });
    }
    await fillObject(item, edition, itemSchema, asNode(ui.items), asNode(value));
  }
}

async function fillObject(
  scope: Locator,
  edition: Edition,
  schema: JsonSchema,
  uiSchema: UiSchema,
  data: Node,
): Promise<void> {
  const properties = asNode(schema.properties);
  const declared = Array.isArray(uiSchema["ui:order"]) ? uiSchema["ui:order"].map(String) : [];
  const order = [
    ...declared.filter((key) => key !== "*"),
    ...Object.keys(properties).filter((key) => !declared.includes(key)),
  ];
  for (const key of order) {
    const value = data[key];
    if (value === undefined) continue;
    const field = asNode(properties[key]);
    const ui = asNode(uiSchema[key]);
    const options = asNode(ui["ui:options"]);
    // Prefilled from 实名认证 and shown read-only: nothing to type.
    if (ui["ui:readonly"] === true) continue;
    const title = String(field.title);
    if (ui["ui:field"] === "division") {
      await pickCascader(
        scope,
        title,
        catalogPath(catalogOf(edition, String(options.catalog)), String(value)),
      );
    } else if (ui["ui:field"] === "dateRange") {
      const range = asNode(value);
      await pickDateRange(scope, title, String(range.start), String(range.end));
    } else if (isAttachment(field)) {
      const count = Array.isArray(value) ? value.length : 1;
      const accept = Array.isArray(options.accept) ? options.accept.map(String) : [];
      await uploadFiles(scope, title, filesFor(key, count, accept));
    } else if (field.type === "object") {
      // A group (e.g. 跟师学习地点): its fields are labelled on their own.
      await fillObject(scope, edition, field, ui, asNode(value));
    } else if (field.type === "array") {
      await fillList(scope, edition, field, ui, Array.isArray(value) ? value : []);
    } else if (ui["ui:widget"] === "radio") {
      await pickRadio(scope, title, optionTitle(edition, field, value));
    } else if (field.type === "boolean") {
      // A plain checkbox (e.g. 原件已核验) reads as its title (no separate label row); a boolean drawn as
      // radio buttons (有 / 无学习经历) was answered above.
      const box = scope.getByRole("checkbox", { name: title, exact: true });
      if (value === true) await box.check();
      else await box.uncheck();
    } else if (typeof field["x-catalog"] === "string") {
      await pickSelect(scope, title, optionTitle(edition, field, value));
    } else if (field.format === "date") {
      await pickDate(scope, title, String(value));
    } else {
      await fillText(scope, title, String(value));
    }
  }
}

/**
 * Types `answers` into a form of the edition (a section, or a form such as the on-site one) within `scope`,
 * in the form's field order.
 */
export async function fillForm(
  scope: Locator,
  edition: Edition,
  form: { schema: JsonSchema; uiSchema: UiSchema },
  answers: SectionData,
): Promise<void> {
  await fillObject(scope, edition, form.schema, form.uiSchema, answers);
}

/** Types `answers` into the open section page of `section`, in the edition's field order. */
export async function fillSection(
  page: Page,
  edition: Edition,
  section: SectionDefinition,
  answers: SectionData,
): Promise<void> {
  await fillObject(sectionForm(page), edition, section.schema, section.uiSchema, answers);
}

/** Presses 保存 and returns what the save bar says once the save has finished. */
export async function pressSave(page: Page): Promise<string> {
  const bar = page.getByRole("region", { name: "保存" });
  await bar.getByRole("button", { name: "保存" }).click();
  const status = bar.getByRole("status");
  await status.filter({ hasText: /^(已保存|已保存草稿|保存失败)/ }).waitFor({ timeout: WIDGET_TIMEOUT });
  return ((await status.textContent()) ?? "").trim();
}

/** The error messages the form shows now, in page order. */
export function shownErrors(page: Page): Promise<string[]> {
  return sectionForm(page).locator(".sb-form-error").allTextContents();
}

/**
 * Presses 保存 and expects 「已保存」; a draft saved with problems fails with the messages the form
 * shows, which is what one needs to see when an edition change breaks a journey.
 */
export async function saveSection(page: Page): Promise<void> {
  const text = await pressSave(page);
  if (text !== "已保存")
    throw new Error(`save ended with 「${text}」: ${(await shownErrors(page)).join(" | ")}`);
}
