/**
 * `"ui:field": "teacherList"` — the chosen teachers as a read-only list inside any form view (details,
 * preview). Teachers are added, invited and revoked on their own page (`/apply/teachers`), since each
 * entry comes from the registry lookup and carries an invitation; every label comes from the item schema.
 */
import { Empty, Tag } from "antd";
import type { FieldProps, RJSFSchema } from "@rjsf/utils";
import { engineContext } from "../formEngineContext.js";

/** The page where teachers are chosen and invited. */
export const TEACHERS_PAGE = "/apply/teachers";

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** The title of a property of the item schema (falls back to the property name). */
function titleOf(item: RJSFSchema, name: string): string {
  const title = record(record(item.properties)[name]).title;
  return typeof title === "string" ? title : name;
}

/** The label of a `oneOf` option of an item property, e.g. the role's edition title. */
function optionTitle(item: RJSFSchema, name: string, value: unknown): string {
  const options = record(record(item.properties)[name]).oneOf;
  if (Array.isArray(options))
    for (const option of options) {
      const o = record(option);
      if (o.const === value && typeof o.title === "string") return o.title;
    }
  return typeof value === "string" ? value : "";
}

/** Read-only teacher list; in an editable form it links to the page where teachers are chosen. */
export function TeacherListField({
  fieldPathId,
  formData,
  schema,
  registry,
  readonly,
  disabled,
}: FieldProps) {
  const { attachmentClient } = engineContext(registry);
  const item = record(schema.items) as RJSFSchema;
  const teachers = Array.isArray(formData) ? formData.map(record) : [];
  const editable = !readonly && !disabled;
  return (
    <div id={fieldPathId.$id}>
      {teachers.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未添加" />
      ) : (
        <ul className="sb-teacher-list">
          {teachers.map((teacher, index) => (
            <li key={typeof teacher.invitationId === "string" ? teacher.invitationId : index}>
              <Tag color="blue">{optionTitle(item, "role", teacher.role)}</Tag>
              <strong>{typeof teacher.name === "string" ? teacher.name : ""}</strong>
              {typeof teacher.workProof === "string" && teacher.workProof !== "" && (
                <a href={attachmentClient.url(teacher.workProof)} target="_blank" rel="noreferrer">
                  {titleOf(item, "workProof")}
                </a>
              )}
              <Tag color={teacher.signed === true ? "success" : "default"}>
                {teacher.signed === true ? "已签署" : "未签署"}
              </Tag>
            </li>
          ))}
        </ul>
      )}
      {editable && <a href={TEACHERS_PAGE}>前往添加、查看二维码</a>}
    </div>
  );
}
