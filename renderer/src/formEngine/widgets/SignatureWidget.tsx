/**
 * `"ui:widget": "signature"` — a handwritten signature (TCH-4) drawn on the shared `SignaturePad`. The
 * edition declares the field as an attachment (`format: "attachment"`), so the PNG is uploaded through the
 * form's attachment client and the value is the stored attachment id.
 */
import { useState } from "react";
import { Alert, Button, Space } from "antd";
import { EditOutlined } from "@ant-design/icons";
import type { WidgetProps } from "@rjsf/utils";
import { AttachmentUploadError } from "../attachmentClient.js";
import { engineContext, pathOfId } from "../formEngineContext.js";
import { attachmentLimits, formatBytes } from "./attachmentRules.js";
import { SignaturePad } from "./SignaturePad.js";

/** A PNG data URL as a File, ready for an attachment upload. */
export function pngFileOf(dataUrl: string, name = "signature.png"): File {
  const base64 = dataUrl.slice(dataUrl.indexOf(",") + 1);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new File([bytes], name, { type: "image/png" });
}

/** The signature preview with 「手写签名」 / 「重新签名」; read-only forms show the image only. */
export function SignatureWidget({ id, value, onChange, disabled, readonly, options, registry }: WidgetProps) {
  const { attachmentClient } = engineContext(registry);
  const [signing, setSigning] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const stored = typeof value === "string" && value !== "" ? value : undefined;
  const locked = disabled || readonly;
  const limits = attachmentLimits(options as Record<string, unknown>, false);

  const confirm = async (dataUrl: string) => {
    setSigning(false);
    const file = pngFileOf(dataUrl);
    if (limits.maxBytes !== undefined && file.size > limits.maxBytes) {
      setError(`签名图片超过 ${formatBytes(limits.maxBytes)}，请清除后重新签名`);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const info = await attachmentClient.upload(file, { fieldPath: pathOfId(id), onProgress: () => {} });
      onChange(info.id);
    } catch (failure) {
      setError(failure instanceof AttachmentUploadError ? failure.message : "签名上传失败，请重试");
    } finally {
      setBusy(false);
    }
  };

  return (
    <div id={id} className="sb-signature-field">
      {stored ? (
        <img className="sb-signature-preview" src={attachmentClient.url(stored)} alt="签名" />
      ) : (
        locked && <span className="sb-signature-none">未签名</span>
      )}
      {!locked && (
        <Space wrap>
          <Button icon={<EditOutlined />} loading={busy} onClick={() => setSigning(true)}>
            {stored ? "重新签名" : "手写签名"}
          </Button>
        </Space>
      )}
      {error && <Alert type="error" showIcon title={error} role="alert" />}
      {signing && (
        <SignaturePad
          requireLandscape={options.orientation === "landscape"}
          onConfirm={(dataUrl) => void confirm(dataUrl)}
          onCancel={() => setSigning(false)}
        />
      )}
    </div>
  );
}
