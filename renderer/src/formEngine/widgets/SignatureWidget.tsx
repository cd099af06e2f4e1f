/**
 * `"ui:widget": "signature"` — placeholder until the handwritten-signature pad lands with the teacher
 * pages (TCH); it says so plainly instead of rendering an input that cannot work.
 */
import { Alert } from "antd";
import type { WidgetProps } from "@rjsf/utils";

/** Read-only notice standing in for the signature pad; shows whether a signature is already stored. */
export function SignatureWidget({ id, value }: WidgetProps) {
  return (
    <Alert
      id={id}
      type="info"
      showIcon
      title={value ? "已有内容（此项功能尚未开放，暂不可修改）" : "此项功能尚未开放，暂不可在此填写"}
    />
  );
}
