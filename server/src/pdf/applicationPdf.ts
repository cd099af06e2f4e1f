/**
 * 申请表 (APP-7): the printable application form, generated with pdfkit and Noto Sans SC. Every label comes
 * from the edition — section titles, field titles, option titles, catalog labels — walked generically from
 * each section's effective schema in uiSchema order; this file knows no field of any edition.
 */
import type { Readable } from "node:stream";
import PDFDocument from "pdfkit";
import {
  editionBindings,
  effectiveSection,
  findCatalogItem,
  isAttachmentField,
  pruneHidden,
  sectionApplies,
  type Answers,
  type Edition,
  type Json,
  type JsonSchema,
  type SectionData,
  type UiSchema,
} from "@shenbao/rules";
import { REGISTRY_VOCABULARY, type RegistryColumnKey } from "../registry/registryVocabulary.js";
import type { ApplicationDoc, AttachmentDoc } from "../store/collections.js";
import { fontRuns } from "./fontRuns.js";
import { pdfFonts, type PdfFonts } from "./pdfFonts.js";

/** Who the application belongs to, as the verified identity says (the number already masked). */
export interface IdentitySummary {
  name: string;
  idNumberMasked: string;
}

/** An attachment as the PDF lists it: its id (what section data holds), name and size. */
export type PdfAttachment = Pick<AttachmentDoc, "name" | "size"> & { _id: string };

/**
 * One signed teacher evaluation (TCH-4) as the PDF prints it: who signed in which role, the stored answers
 * of the edition's evaluation form, when, the signature image and the content hash of the record.
 */
export interface PdfEvaluation {
  /** The edition's title of the role (`roleTitle`). */
  roleTitle: string;
  teacherName: string;
  /** From the registry entry; undefined when it is no longer there. */
  institution: string | undefined;
  /** The professional title, from the registry entry likewise. */
  title: string | undefined;
  answers: SectionData;
  signedAt: number;
  contentHash: string;
  /** The signature PNG from the files port, keyed by the attachment-shaped id its answer field holds. */
  signature: { id: string; png: Buffer } | undefined;
  /** Set when the stored record or image fails its hash (issue 11): printed instead of answers and image. */
  problem?: string;
}

/** Everything one 申请表 is drawn from; nothing is read from ports while drawing. */
export interface ApplicationPdfInput {
  edition: Edition;
  application: Pick<ApplicationDoc, "candidateType" | "status" | "sections" | "submittedAt">;
  identitySummary: IdentitySummary;
  attachments: PdfAttachment[];
  /** Signed evaluations only (never invalidated or revoked ones), in the order they are printed. */
  evaluations?: PdfEvaluation[];
  /** Images-only single-file attachments (e.g. the candidate's photo), printed as the picture itself. */
  pictures?: { id: string; bytes: Buffer }[];
}

type JsonObject = { [key: string]: Json };

const REGULAR = "regular";
const BOLD = "bold";
// The per-glyph fallback of each face (pdfFonts.ts): registered under the face's name with this suffix.
const FALLBACK = "-fallback";
const MARGIN = 56;
const INDENT = 16;
const EMPTY = "—";
const SIZE = { title: 17, section: 13.5, block: 11, body: 10.5, footer: 9 } as const;
// A landscape handwritten signature (the widget's orientation) printed at about the size of a pen signature.
const SIGNATURE_BOX = { width: 180, height: 72 } as const;
// A portrait photo at about the size of a printed 2-inch photo.
const PICTURE_BOX = { width: 96, height: 128 } as const;
// Enough of the sha256 to match a printed form to its record by eye; the full hash stays in the record.
const HASH_PREFIX = 16;

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The PDF as a stream; the caller pipes it to the response. Drawing is synchronous and fast once fonts are loaded. */
export function renderApplicationPdf(input: ApplicationPdfInput): Readable {
  const { edition, application, identitySummary } = input;
  const fonts = pdfFonts();
  const title = `${edition.title}申请表`;
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: title },
  });
  // pdfkit's types name only byte sources, but it takes a parsed fontkit font too (see pdfFonts).
  doc.registerFont(REGULAR, fonts.regular as unknown as Buffer);
  doc.registerFont(BOLD, fonts.bold as unknown as Buffer);
  doc.registerFont(REGULAR + FALLBACK, fonts.regularFallback as unknown as Buffer);
  doc.registerFont(BOLD + FALLBACK, fonts.boldFallback as unknown as Buffer);
  const evaluations = input.evaluations ?? [];
  const writer = new FormWriter(
    doc,
    fonts,
    edition,
    new Map(input.attachments.map((a) => [a._id, a])),
    new Map([
      ...evaluations.flatMap((e) => (e.signature ? [[e.signature.id, e.signature.png] as const] : [])),
      ...(input.pictures ?? []).map((picture) => [picture.id, picture.bytes] as const),
    ]),
    new Set((input.pictures ?? []).map((picture) => picture.id)),
  );

  doc.fontSize(SIZE.title);
  writer.write(BOLD, title, undefined, undefined, { align: "center" });
  doc.moveDown(0.8);
  const candidateType = edition.candidateTypes.find((type) => type.value === application.candidateType);
  writer.pair("申请人", identitySummary.name, 0);
  writer.pair("证件号码", identitySummary.idNumberMasked, 0);
  writer.pair(edition.candidateTypeTitle, candidateType?.label ?? EMPTY, 0);
  writer.pair("申报状态", statusText(application), 0);

  const answers: Answers = {
    candidateType: application.candidateType ?? undefined,
    sections: Object.fromEntries(
      Object.entries(application.sections).map(([key, record]) => [key, record.data]),
    ),
  };
  for (const section of edition.sections) {
    if (!sectionApplies(edition, section.key, answers)) continue;
    // The effective schema drops fields of branches that do not apply; pruned data drops their values.
    const { schema, uiSchema } = effectiveSection(edition, section.key, answers);
    const data = pruneHidden(edition, section.key, answers);
    writer.sectionTitle(section.title);
    writer.fields(schema, uiSchema, data, 0);
  }
  drawEvaluations(writer, edition, evaluations);

  const pages = doc.bufferedPageRange();
  for (let index = 0; index < pages.count; index += 1) {
    doc.switchToPage(pages.start + index);
    // Writing inside the bottom margin would make pdfkit start a new page; lift the margin for the footer.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font(REGULAR)
      .fontSize(SIZE.footer)
      .fillColor("#555555")
      .text(`第 ${index + 1} 页 / 共 ${pages.count} 页`, MARGIN, doc.page.height - MARGIN / 2 - SIZE.footer, {
        width: doc.page.width - 2 * MARGIN,
        align: "center",
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return doc;
}

/**
 * The signed evaluations after the sections: the evaluation form's answers are walked from its effective
 * schema like a section's, the signature field embedding the stored image (TCH-4, issue 5).
 */
function drawEvaluations(writer: FormWriter, edition: Edition, evaluations: PdfEvaluation[]): void {
  if (evaluations.length === 0) return;
  const key = editionBindings(edition).evaluation?.form;
  const form = edition.forms.find((candidate) => candidate.key === key);
  if (key === undefined || form === undefined) return;
  writer.sectionTitle(form.title);
  for (const evaluation of evaluations) {
    // The heading names the teacher; the registry's own words label what identifies them further.
    writer.block(`${evaluation.roleTitle}：${evaluation.teacherName}`);
    writer.pair(registryHeader("institution"), evaluation.institution ?? EMPTY, 1);
    writer.pair(registryHeader("title"), evaluation.title ?? EMPTY, 1);
    if (evaluation.problem !== undefined) {
      // Neither the answers nor the image can be trusted: say so where they would be.
      writer.pair("签名校验", evaluation.problem, 1);
      continue;
    }
    const answers: Answers = { sections: { [key]: evaluation.answers } };
    const { schema, uiSchema } = effectiveSection(edition, key, answers);
    writer.fields(schema, uiSchema, pruneHidden(edition, key, answers), 1);
    writer.pair("签署日期", dateOf(evaluation.signedAt), 1);
    writer.pair("内容校验码", `${evaluation.contentHash.slice(0, HASH_PREFIX)}…`, 1);
  }
}

/** The registry's own word for one of its fields (the import template's header), never spelt in code. */
function registryHeader(key: RegistryColumnKey): string {
  return REGISTRY_VOCABULARY.columns.find((column) => column.key === key)?.header ?? key;
}

function statusText(application: ApplicationPdfInput["application"]): string {
  if (application.status !== "submitted") return "草稿（尚未提交）";
  const date = application.submittedAt === undefined ? "" : `（${dateOf(application.submittedAt)}）`;
  return `已提交${date}`;
}

/** China Standard Time calendar date of an epoch-millisecond instant; the form is read in China. */
function dateOf(epochMillis: number): string {
  return new Date(epochMillis + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

/** "1.2 MB", "35 KB", "512 字节". */
export function formatFileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(Math.round((bytes / 1024 / 1024) * 10) / 10).toString()} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} 字节`;
}

/** Property names in uiSchema order: `ui:order` first (with RJSF's "*" for the rest), then any others. */
function orderedKeys(schema: JsonSchema, ui: UiSchema | undefined): string[] {
  const properties = isObject(schema.properties) ? Object.keys(schema.properties) : [];
  const order = ui?.["ui:order"];
  if (!Array.isArray(order)) return properties;
  const listed = order.filter((key): key is string => typeof key === "string" && properties.includes(key));
  const rest = properties.filter((key) => !listed.includes(key));
  const star = order.indexOf("*");
  if (star < 0) return [...listed, ...rest];
  const before = order.slice(0, star).filter((key): key is string => listed.includes(key as string));
  return [...before, ...rest, ...listed.filter((key) => !before.includes(key))];
}

function isDateRange(schema: JsonSchema, ui: UiSchema | undefined): boolean {
  if (ui?.["ui:field"] === "dateRange") return true;
  const properties = schema.properties;
  return isObject(properties) && Object.keys(properties).join() === "start,end";
}

function isEmptyValue(value: Json | undefined): boolean {
  return (
    value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0)
  );
}

/** Draws labelled values with pdfkit, indenting nested groups and numbering the items of lists. */
class FormWriter {
  readonly #doc: PDFKit.PDFDocument;
  readonly #fonts: PdfFonts;
  readonly #edition: Edition;
  readonly #attachments: Map<string, PdfAttachment>;
  readonly #images: Map<string, Buffer>;
  readonly #pictures: Set<string>;

  /**
   * `images`: PNG / JPEG drawn in place of an attachment id (signatures, photos), rather than listed by
   * name; `pictures`: those of them drawn in the larger portrait box.
   */
  constructor(
    doc: PDFKit.PDFDocument,
    fonts: PdfFonts,
    edition: Edition,
    attachments: Map<string, PdfAttachment>,
    images: Map<string, Buffer>,
    pictures: Set<string> = new Set(),
  ) {
    this.#doc = doc;
    this.#fonts = fonts;
    this.#edition = edition;
    this.#attachments = attachments;
    this.#images = images;
    this.#pictures = pictures;
  }

  /**
   * Draws `text` in `face` at the current size, each character the face lacks in its fallback (issue 11:
   * 𠮷 in a name). `x`, `y` and the options apply as to pdfkit's `text`; runs after the first continue it.
   */
  write(
    face: typeof REGULAR | typeof BOLD,
    text: string,
    x: number | undefined,
    y: number | undefined,
    options: PDFKit.Mixins.TextOptions = {},
  ): void {
    const primary = face === BOLD ? this.#fonts.bold : this.#fonts.regular;
    const fallback = face === BOLD ? this.#fonts.boldFallback : this.#fonts.regularFallback;
    const runs = fontRuns(
      text,
      (codePoint) => primary.hasGlyphForCodePoint(codePoint),
      (codePoint) => fallback.hasGlyphForCodePoint(codePoint),
    );
    if (runs.length === 0) runs.push({ text, fallback: false });
    runs.forEach((run, index) => {
      const last = index === runs.length - 1;
      this.#doc.font(run.fallback ? face + FALLBACK : face);
      const runOptions = { ...options, continued: last ? (options.continued ?? false) : true };
      // pdfkit reads an undefined `x` as "options come first", so positions are passed only when given.
      if (index === 0 && (x !== undefined || y !== undefined)) this.#doc.text(run.text, x, y, runOptions);
      else this.#doc.text(run.text, runOptions);
    });
  }

  /** A titled block inside a section (one teacher's evaluation), kept together with its first lines. */
  block(title: string): void {
    this.#keepWithNext(120);
    this.#doc.moveDown(0.4);
    this.#heading(title, 0);
  }

  sectionTitle(title: string): void {
    this.#keepWithNext(80);
    const doc = this.#doc;
    doc.moveDown(0.9);
    doc.fontSize(SIZE.section).fillColor("#000000");
    this.write(BOLD, title, MARGIN, undefined, { width: this.#width(0) });
    const y = doc.y + 2;
    doc
      .moveTo(MARGIN, y)
      .lineTo(doc.page.width - MARGIN, y)
      .lineWidth(0.6)
      .strokeColor("#888888")
      .stroke();
    doc.moveDown(0.5);
  }

  /** Every field of an object schema, in uiSchema order; hidden widgets (internal ids) are not printed. */
  fields(schema: JsonSchema, ui: UiSchema | undefined, data: Json | undefined, depth: number): void {
    const properties = isObject(schema.properties) ? schema.properties : {};
    const values = isObject(data) ? data : {};
    for (const key of orderedKeys(schema, ui)) {
      const sub = properties[key];
      if (!isObject(sub)) continue;
      const subUi = isObject(ui?.[key]) ? (ui[key] as UiSchema) : undefined;
      if (subUi?.["ui:widget"] === "hidden") continue;
      this.#field(sub, subUi, values[key], depth);
    }
  }

  /** One "label：value" line (wrapping as needed). */
  pair(label: string, value: string, depth: number): void {
    const doc = this.#doc;
    doc.fontSize(SIZE.body).fillColor("#000000");
    this.write(BOLD, `${label}：`, this.#x(depth), undefined, { width: this.#width(depth), continued: true });
    this.write(REGULAR, value, undefined, undefined);
    doc.moveDown(0.25);
  }

  #field(schema: JsonSchema, ui: UiSchema | undefined, value: Json | undefined, depth: number): void {
    const title = typeof schema.title === "string" ? schema.title : "";
    if (isAttachmentField(schema)) {
      this.#attachmentList(title, value, depth);
    } else if (schema.type === "object" && isObject(schema.properties) && !isDateRange(schema, ui)) {
      if (isEmptyValue(value) || (isObject(value) && Object.keys(value).length === 0)) {
        this.pair(title, EMPTY, depth);
        return;
      }
      this.#heading(title, depth);
      this.fields(schema, ui, value, depth + 1);
    } else if (schema.type === "array" && isObject(schema.items) && schema.items.type === "object") {
      this.#itemBlocks(
        title,
        schema.items,
        isObject(ui?.items) ? (ui.items as UiSchema) : undefined,
        value,
        depth,
      );
    } else {
      this.pair(title, this.#text(schema, ui, value), depth);
    }
  }

  #itemBlocks(
    title: string,
    items: JsonSchema,
    ui: UiSchema | undefined,
    value: Json | undefined,
    depth: number,
  ): void {
    const list = Array.isArray(value) ? value : [];
    if (list.length === 0) {
      this.pair(title, EMPTY, depth);
      return;
    }
    this.#heading(title, depth);
    const itemTitle = typeof items.title === "string" ? items.title : title;
    list.forEach((item, index) => {
      this.#keepWithNext(60);
      this.#heading(`${itemTitle} ${index + 1}`, depth + 1);
      this.fields(items, ui, item, depth + 2);
    });
  }

  #attachmentList(title: string, value: Json | undefined, depth: number): void {
    const ids = (Array.isArray(value) ? value : [value]).filter((id): id is string => typeof id === "string");
    if (ids.length === 0) {
      this.pair(title, "未上传", depth);
      return;
    }
    const images = ids.filter((id) => this.#images.has(id));
    if (images.length > 0) {
      this.#imageField(title, images, depth);
      return;
    }
    this.#heading(title, depth);
    ids.forEach((id, index) => {
      const attachment = this.#attachments.get(id);
      const line = attachment ? `${attachment.name}（${formatFileSize(attachment.size)}）` : "附件已不存在";
      this.#doc.fontSize(SIZE.body);
      this.write(REGULAR, `${index + 1}. ${line}`, this.#x(depth + 1), undefined, {
        width: this.#width(depth + 1),
      });
    });
    this.#doc.moveDown(0.25);
  }

  #imageField(title: string, ids: string[], depth: number): void {
    const doc = this.#doc;
    const box = ids.some((id) => this.#pictures.has(id)) ? PICTURE_BOX : SIGNATURE_BOX;
    this.#keepWithNext(box.height + 30);
    this.#heading(title, depth);
    for (const id of ids) {
      const y = doc.y;
      try {
        doc.image(this.#images.get(id)!, this.#x(depth + 1), y, { fit: [box.width, box.height] });
      } catch {
        // Signing checks only the PNG signature bytes; a damaged image must not cost the whole form.
        doc
          .font(REGULAR)
          .fontSize(SIZE.body)
          .text(this.#pictures.has(id) ? "图片无法显示" : "签名图片无法显示", this.#x(depth + 1), y, {
            width: this.#width(depth + 1),
          });
      }
      doc.x = MARGIN;
      doc.y = Math.max(doc.y, y + box.height);
    }
    doc.moveDown(0.25);
  }

  /** A scalar answer as the candidate chose it: option titles, catalog labels, date ranges, lists. */
  #text(schema: JsonSchema, ui: UiSchema | undefined, value: Json | undefined): string {
    if (isEmptyValue(value)) return EMPTY;
    if (isObject(value) && isDateRange(schema, ui)) {
      const start = typeof value.start === "string" ? value.start : EMPTY;
      const end = typeof value.end === "string" ? value.end : EMPTY;
      return `${start} 至 ${end}`;
    }
    if (Array.isArray(value)) {
      const items = isObject(schema.items) ? schema.items : {};
      return value.map((item) => this.#text(items, undefined, item)).join("、");
    }
    if (Array.isArray(schema.oneOf)) {
      const option = schema.oneOf.find((candidate) => isObject(candidate) && candidate.const === value);
      if (isObject(option) && typeof option.title === "string") return option.title;
    }
    const catalogId = schema["x-catalog"];
    const catalog = typeof catalogId === "string" ? this.#edition.catalogs[catalogId] : undefined;
    if (catalog !== undefined && typeof value === "string") {
      // Hierarchical catalogs (divisions) print the whole path: 省 市 县.
      const trail = findCatalogItem(catalog, value);
      if (trail !== undefined) return trail.map((item) => item.label).join(" ");
    }
    if (typeof value === "boolean") return value ? "是" : "否";
    if (typeof value === "object") return JSON.stringify(value);
    return String(value);
  }

  #heading(text: string, depth: number): void {
    this.#doc.fontSize(depth === 0 ? SIZE.block : SIZE.body).fillColor("#000000");
    this.write(BOLD, text, this.#x(depth), undefined, { width: this.#width(depth) });
    this.#doc.moveDown(0.2);
  }

  /** Starts a new page when fewer than `points` remain, so a heading never ends a page alone. */
  #keepWithNext(points: number): void {
    const doc = this.#doc;
    if (doc.y + points > doc.page.height - doc.page.margins.bottom) doc.addPage();
  }

  #x(depth: number): number {
    return MARGIN + depth * INDENT;
  }

  #width(depth: number): number {
    return this.#doc.page.width - 2 * MARGIN - depth * INDENT;
  }
}
