/**
 * `"ui:field": "teacherList"` — placeholder until the registry search and invitations (TCH) exist:
 * it keeps the data untouched and says that choosing teachers is not available here yet.
 */
import { Alert } from "antd";
import type { FieldProps } from "@rjsf/utils";

/** Read-only notice standing in for the teacher picker; reports how many teachers are already stored. */
export function TeacherListField({ fieldPathId, formData }: FieldProps) {
  const count = Array.isArray(formData) ? formData.length : 0;
  return (
    <Alert
      id={fieldPathId.$id}
      type="info"
      showIcon
      title="此项功能尚未开放，暂不可在此编辑"
      description={count > 0 ? `已有 ${count} 条记录` : undefined}
    />
  );
}
