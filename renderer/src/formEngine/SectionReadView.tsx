/**
 * A section as a reader sees it (「查看详情」, APP-6; issue 12): every shown field of the effective schema
 * as label and value, lists as numbered cards (item title + 一, 二 …), choices and catalog codes as their
 * labels, attachments as links. No controls: not the disabled edit form, whose grey text and inert add
 * buttons were hard to read on a phone. Labels and options all come from the edition.
 */
import { isValidElement, useEffect, useMemo, useState, type ReactNode } from "react";
import { orderProperties } from "@rjsf/utils";
import {
  effectiveSection,
  findCatalogItem,
  type Catalog,
  type Edition,
  type Json,
  type JsonSchema,
  type SectionData,
  type UiSchema,
} from "@shenbao/rules";
import { describeByHead, type AttachmentClient, type AttachmentInfo } from "./attachmentClient.js";
import { chineseNumber } from "./templates/chineseNumber.js";
import "./formEngine.css";

/** What the read view shows: one section of an application with the data it depends on. */
export interface SectionReadViewProps {
  edition: Edition;
  sectionKey: string;
  candidateType?: string;
  answers: SectionData;
  sections?: Record<string, SectionData | undefined>;
  attachmentClient: AttachmentClient;
}

const EMPTY = "未填写";

type Node = { [key: string]: Json };
const isNode = (value: unknown): value is Node =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const titleOf = (schema: Node, fallback: string) =>
  typeof schema.title === "string" ? schema.title : fallback;
const childUi = (ui: Json | undefined, name: string): Node =>
  isNode(ui) && isNode(ui[name]) ? ui[name] : {};

interface Context {
  catalogs: Record<string, Catalog>;
  client: AttachmentClient;
}

function AttachmentLinks({ ids, client }: { ids: string[]; client: AttachmentClient }) {
  const [infos, setInfos] = useState<AttachmentInfo[]>([]);
  const key = ids.join(",");
  useEffect(() => {
    let live = true;
    const list = key === "" ? [] : key.split(",");
    const describe =
      client.describe ?? ((wanted: string[]) => describeByHead(wanted, (id) => client.url(id)));
    describe(list).then(
      (found) => live && setInfos(found),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [key, client]);
  if (ids.length === 0) return <span className="sb-read-empty">{EMPTY}</span>;
  return (
    <ul className="sb-read-files">
      {ids.map((id, index) => (
        <li key={id}>
          <a href={client.url(id)} target="_blank" rel="noreferrer">
            {infos.find((info) => info.id === id)?.name ?? `附件 ${index + 1}`}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** The text of a single value: an option's title, a catalog label path, a date range, or the value itself. */
function textOf(schema: Node, value: Json | undefined, context: Context): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const options = Array.isArray(schema.oneOf) ? schema.oneOf : [];
  const option = options.find((candidate) => isNode(candidate) && candidate.const === value);
  if (isNode(option) && typeof option.title === "string") return option.title;
  const catalogId = schema["x-catalog"];
  const catalog = typeof catalogId === "string" ? context.catalogs[catalogId] : undefined;
  if (catalog !== undefined && typeof value === "string") {
    const path = findCatalogItem(catalog, value);
    if (path !== undefined) return path.map((item) => item.label).join(" / ");
  }
  if (typeof value === "boolean") return value ? "是" : "否";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="sb-read-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function isAttachment(schema: Node): boolean {
  return schema.format === "attachment" || (isNode(schema.items) && schema.items.format === "attachment");
}

function renderField(
  name: string,
  schema: Node,
  ui: Node,
  value: Json | undefined,
  context: Context,
): ReactNode {
  const label = titleOf(schema, name);
  if (ui["ui:widget"] === "hidden") return null;
  if (isAttachment(schema)) {
    const ids = Array.isArray(value) ? value.filter((id): id is string => typeof id === "string") : [];
    if (typeof value === "string") ids.push(value);
    return (
      <Row key={name} label={label}>
        <AttachmentLinks ids={ids} client={context.client} />
      </Row>
    );
  }
  if (ui["ui:field"] === "dateRange" && isNode(schema.properties)) {
    const range = isNode(value) ? value : {};
    const start = typeof range.start === "string" ? range.start : "";
    const end = typeof range.end === "string" ? range.end : "";
    return (
      <Row key={name} label={label}>
        {start === "" && end === "" ? <span className="sb-read-empty">{EMPTY}</span> : `${start} 至 ${end}`}
      </Row>
    );
  }
  if (schema.type === "object" && isNode(schema.properties)) {
    return (
      <section key={name} className="sb-read-group">
        <h3 className="sb-read-title">{label}</h3>
        <ObjectRows schema={schema} ui={ui} data={isNode(value) ? value : {}} context={context} />
      </section>
    );
  }
  if (schema.type === "array" && isNode(schema.items) && schema.items.type === "object") {
    const items = Array.isArray(value) ? value : [];
    const itemSchema = schema.items;
    const itemTitle = titleOf(itemSchema, label);
    return (
      <section key={name} className="sb-read-group">
        <h3 className="sb-read-title">{label}</h3>
        {items.length === 0 && <p className="sb-read-empty">{EMPTY}</p>}
        {items.map((item, index) => (
          <div key={index} className="sb-read-card">
            <h4 className="sb-read-title">{`${itemTitle}${chineseNumber(index + 1)}`}</h4>
            <ObjectRows
              schema={itemSchema}
              ui={childUi(ui, "items")}
              data={isNode(item) ? item : {}}
              context={context}
            />
          </div>
        ))}
      </section>
    );
  }
  if (schema.type === "array") {
    const items = Array.isArray(value) ? value : [];
    const itemSchema = isNode(schema.items) ? schema.items : {};
    const texts = items.map((item) => textOf(itemSchema, item, context)).filter((t) => t !== undefined);
    return (
      <Row key={name} label={label}>
        {texts.length === 0 ? <span className="sb-read-empty">{EMPTY}</span> : texts.join("、")}
      </Row>
    );
  }
  const text = textOf(schema, value, context);
  return (
    <Row key={name} label={label}>
      {text === undefined ? <span className="sb-read-empty">{EMPTY}</span> : text}
    </Row>
  );
}

function ObjectRows({ schema, ui, data, context }: { schema: Node; ui: Node; data: Node; context: Context }) {
  const properties = isNode(schema.properties) ? schema.properties : {};
  const order = Array.isArray(ui["ui:order"])
    ? ui["ui:order"].filter((e) => typeof e === "string")
    : undefined;
  const names = order ? orderProperties(Object.keys(properties), [...order, "*"]) : Object.keys(properties);
  // Label–value rows go into <dl> lists; groups and lists (sections of their own) stand between them.
  const parts: ReactNode[] = [];
  let rows: ReactNode[] = [];
  const closeRows = () => {
    if (rows.length > 0)
      parts.push(
        <dl key={`rows-${parts.length}`} className="sb-read-list">
          {rows}
        </dl>,
      );
    rows = [];
  };
  for (const name of names) {
    const property = properties[name];
    if (!isNode(property)) continue;
    const node = renderField(name, property, childUi(ui, name), data[name], context);
    if (node === null) continue;
    if (isValidElement(node) && node.type === Row) rows.push(node);
    else {
      closeRows();
      parts.push(node);
    }
  }
  closeRows();
  return <>{parts}</>;
}

/** The read view of one section, drawn from the effective schema for the saved answers. */
export function SectionReadView(props: SectionReadViewProps) {
  const { edition, sectionKey, candidateType, answers, sections, attachmentClient } = props;
  const effective = useMemo(
    () =>
      effectiveSection(edition, sectionKey, {
        candidateType,
        sections: { ...sections, [sectionKey]: answers },
      }),
    [edition, sectionKey, candidateType, sections, answers],
  );
  const context = useMemo(
    () => ({ catalogs: edition.catalogs, client: attachmentClient }),
    [edition.catalogs, attachmentClient],
  );
  return (
    <div className="sb-read">
      <ObjectRows
        schema={effective.schema as JsonSchema as Node}
        ui={effective.uiSchema as UiSchema as Node}
        data={answers}
        context={context}
      />
    </div>
  );
}
