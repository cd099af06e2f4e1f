/**
 * `"ui:widget": "attachment"`: a file list over the edition's limits (`accept`, `maxBytes`, `maxCount`),
 * pre-checked in the browser with Chinese messages, uploaded through the `AttachmentClient` of
 * `formContext` with progress, previewed (images, PDFs) and deletable. The value is the attachment id,
 * or an array of ids when the schema is an array.
 */
import { useEffect, useRef, useState } from "react";
import { Button, Modal, Progress, Upload } from "antd";
import type { UploadProps } from "antd";
import { FileImageOutlined, FileOutlined, FilePdfOutlined, UploadOutlined } from "@ant-design/icons";
import type { WidgetProps } from "@rjsf/utils";
import { describeByHead, type AttachmentInfo } from "../attachmentClient.js";
import { engineContext, pathOfId } from "../formEngineContext.js";
import {
  acceptedTypeNames,
  attachmentLimits,
  formatBytes,
  previewKind,
  rejectionOf,
} from "./attachmentRules.js";

interface RunningUpload {
  uid: string;
  name: string;
  percent: number;
  error?: string;
}

interface Preview {
  name: string;
  url: string;
  kind: "image" | "pdf";
}

function idsOf(value: unknown): string[] {
  if (typeof value === "string" && value !== "") return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string" && v !== "") : [];
}

function FileIcon({ type }: { type: string | undefined }) {
  const kind = previewKind(type);
  if (kind === "image") return <FileImageOutlined />;
  return kind === "pdf" ? <FilePdfOutlined /> : <FileOutlined />;
}

let uploadCounter = 0;

/** The attachment list widget; see the file comment for what it checks and how it transfers files. */
export function AttachmentWidget(props: WidgetProps) {
  const { id, value, schema, options, registry, disabled, readonly, onChange, onBlur } = props;
  const client = engineContext(registry).attachmentClient;
  const multiple = schema.type === "array";
  const limits = attachmentLimits(options, multiple, schema.maxItems);
  const ids = idsOf(value);
  const editable = !disabled && !readonly;

  const [infos, setInfos] = useState<Record<string, AttachmentInfo>>({});
  const [uploads, setUploads] = useState<RunningUpload[]>([]);
  const [notices, setNotices] = useState<string[]>([]);
  const [preview, setPreview] = useState<Preview>();
  // Uploads finish asynchronously, possibly several in one tick, before the new value comes back as a prop.
  const latestIds = useRef(ids);
  latestIds.current = ids;
  const accepted = useRef(0);
  // Only files uploaded in this visit are deleted from the store at once: older ones are still referenced by
  // the saved section until the next save, and the server drops unreferenced files itself.
  const uploadedHere = useRef(new Set<string>());

  // Saved ids come back without names after a reload: ask the client once per id what is stored there.
  const asked = useRef(new Set<string>());
  const idsKey = ids.join("\n");
  useEffect(() => {
    const unknown = idsKey.split("\n").filter((fileId) => fileId !== "" && !asked.current.has(fileId));
    if (unknown.length === 0) return;
    for (const fileId of unknown) asked.current.add(fileId);
    let live = true;
    const describe =
      client.describe?.bind(client) ??
      // Clients without `describe` (older callers) still name their files if their URLs answer HEAD.
      ((wanted: string[]) =>
        /^(\/|https?:)/.test(client.url(wanted[0] ?? ""))
          ? describeByHead(wanted, client.url)
          : Promise.resolve([]));
    describe(unknown).then(
      (described) => {
        if (!live || described.length === 0) return;
        setInfos((previous) => {
          const next = { ...previous };
          // What an upload in this visit reported wins over a description that raced it.
          for (const info of described) next[info.id] ??= info;
          return next;
        });
      },
      () => undefined,
    );
    return () => {
      live = false;
      // Unmounted or ids changed before the answer: ask again next time.
      for (const fileId of unknown) asked.current.delete(fileId);
    };
  }, [idsKey, client]);

  const commit = (next: string[]) => {
    latestIds.current = next;
    const nextValue = multiple ? next : next[0];
    onChange(nextValue);
    onBlur(id, nextValue);
  };

  const beforeUpload: UploadProps["beforeUpload"] = (file, batch) => {
    if (batch.indexOf(file) === 0) setNotices([]);
    const held = latestIds.current.length + accepted.current;
    const rejection = rejectionOf(file, limits, held);
    if (rejection !== undefined) {
      setNotices((previous) => [...previous, rejection]);
      return Upload.LIST_IGNORE;
    }
    accepted.current += 1;
    return true;
  };

  const customRequest: UploadProps["customRequest"] = ({ file }) => {
    const upload = file as File;
    const uid = `upload-${(uploadCounter += 1)}`;
    const update = (change: Partial<RunningUpload>) =>
      setUploads((previous) => previous.map((u) => (u.uid === uid ? { ...u, ...change } : u)));
    setUploads((previous) => [...previous, { uid, name: upload.name, percent: 0 }]);
    client
      .upload(upload, { fieldPath: pathOfId(id), onProgress: (percent) => update({ percent }) })
      .then(
        (info) => {
          uploadedHere.current.add(info.id);
          setInfos((previous) => ({ ...previous, [info.id]: info }));
          setUploads((previous) => previous.filter((u) => u.uid !== uid));
          commit([...latestIds.current, info.id]);
        },
        (error: unknown) => update({ error: error instanceof Error ? error.message : "上传失败" }),
      )
      .finally(() => {
        accepted.current -= 1;
      });
  };

  const removeFile = (fileId: string) => {
    commit(latestIds.current.filter((existing) => existing !== fileId));
    if (uploadedHere.current.delete(fileId)) void client.remove(fileId).catch(() => undefined);
  };

  const openPreview = (fileId: string, name: string) => {
    const url = client.url(fileId);
    const kind = previewKind(infos[fileId]?.type);
    if (kind !== undefined) setPreview({ name, url, kind });
    else window.open(url, "_blank", "noopener");
  };

  const limitsText = [
    limits.accept.length > 0 ? `支持 ${acceptedTypeNames(limits.accept)} 格式` : undefined,
    limits.maxBytes !== undefined ? `单个文件不超过 ${formatBytes(limits.maxBytes)}` : undefined,
    Number.isFinite(limits.maxCount) ? `最多 ${limits.maxCount} 个` : undefined,
  ]
    .filter(Boolean)
    .join("，");
  const canAdd =
    editable && ids.length + uploads.filter((u) => u.error === undefined).length < limits.maxCount;

  return (
    <div className="sb-attachment">
      {canAdd && (
        <Upload
          accept={limits.accept.join(",")}
          multiple={multiple}
          showUploadList={false}
          beforeUpload={beforeUpload}
          customRequest={customRequest}
        >
          <Button id={id} icon={<UploadOutlined />}>
            上传文件
          </Button>
        </Upload>
      )}
      {editable && limitsText !== "" && <div className="sb-attachment-hint">{limitsText}</div>}
      {notices.map((notice) => (
        <div key={notice} role="alert" className="sb-attachment-notice">
          {notice}
        </div>
      ))}
      {ids.length === 0 && uploads.length === 0 && !editable && (
        <div className="sb-attachment-hint">未上传</div>
      )}
      <ul className="sb-attachment-list" aria-label="已上传文件">
        {ids.map((fileId, index) => {
          const info = infos[fileId];
          const name = info?.name ?? `附件 ${index + 1}`;
          return (
            <li key={fileId} className="sb-attachment-item">
              <FileIcon type={info?.type} />
              <span className="sb-attachment-name">{name}</span>
              {info !== undefined && Number.isFinite(info.size) && (
                <span className="sb-attachment-size">{formatBytes(info.size)}</span>
              )}
              <Button type="link" size="small" onClick={() => openPreview(fileId, name)}>
                预览
              </Button>
              {editable && (
                <Button
                  type="link"
                  size="small"
                  danger
                  onClick={() => removeFile(fileId)}
                  aria-label={`删除 ${name}`}
                >
                  删除
                </Button>
              )}
            </li>
          );
        })}
        {uploads.map((upload) => (
          <li key={upload.uid} className="sb-attachment-item">
            <FileOutlined />
            <span className="sb-attachment-name">{upload.name}</span>
            {upload.error === undefined ? (
              <Progress
                className="sb-attachment-progress"
                percent={upload.percent}
                size="small"
                aria-label={`${upload.name} 上传进度`}
              />
            ) : (
              <>
                <span role="alert" className="sb-attachment-notice">
                  {upload.error}
                </span>
                <Button
                  type="link"
                  size="small"
                  onClick={() => setUploads((previous) => previous.filter((u) => u.uid !== upload.uid))}
                >
                  移除
                </Button>
              </>
            )}
          </li>
        ))}
      </ul>
      <Modal
        open={preview !== undefined}
        title={preview?.name}
        footer={null}
        onCancel={() => setPreview(undefined)}
        width={880}
      >
        {preview?.kind === "image" && (
          <img className="sb-attachment-preview" src={preview.url} alt={preview.name} />
        )}
        {preview?.kind === "pdf" && (
          <iframe className="sb-attachment-preview-pdf" src={preview.url} title={preview.name} />
        )}
      </Modal>
    </div>
  );
}
