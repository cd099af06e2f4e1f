/**
 * 「表单已更新，请核对」 on a section page (FORM-4): the form moved to a newer version since the candidate
 * last saved this section. Lists what changed, what is new, and the answers set aside because their field
 * is gone or their option no longer exists — with the candidate's own old value, so nothing typed is lost.
 * Saving the section is the check and removes the notice.
 */
import { Alert } from "antd";
import type { Json } from "@shenbao/rules";
import type { SectionView } from "../../api/endpoints.js";

type Note = NonNullable<SectionView["migration"]>["notes"][number];

const CHANGE_WORDS: Record<Note["change"], string> = {
  changed: "已修改，请核对",
  added: "新增项目，请查看是否需要填写",
  removed: "已取消，原填写内容如下",
  invalid: "原选项或内容已不再适用，请重新填写；原填写内容如下",
};

/** A set-aside value as the candidate typed it (lists and objects shown as their text parts). */
export function valueText(value: Json | undefined): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return value.map(valueText).filter(Boolean).join("；");
  return Object.values(value).map(valueText).filter(Boolean).join("，");
}

/** The notice, or nothing when the section has no pending migration. */
export function MigrationNotice({ migration }: { migration: SectionView["migration"] }) {
  if (migration === null || migration.notes.length === 0) return null;
  return (
    <Alert
      type="info"
      showIcon
      title="表单已更新，请核对"
      style={{ marginBottom: 12 }}
      description={
        <div>
          <p style={{ margin: "4px 0" }}>报名表单已更新，下列内容有变化。请核对本页内容后点击「保存」。</p>
          <ul className="sb-migration-notes">
            {migration.notes.map((note) => (
              <li key={`${note.change}:${note.path}`}>
                <strong>{note.label}</strong>：{CHANGE_WORDS[note.change]}
                {note.value !== undefined && valueText(note.value) !== "" && (
                  <div className="sb-migration-value">{valueText(note.value)}</div>
                )}
              </li>
            ))}
          </ul>
        </div>
      }
    />
  );
}
