/**
 * 证件扫描 for one side of a document (ID-2): a card-shaped outline to place the document in, the
 * camera (`capture="environment"`) or the album, a preview to check the quality, 「重拍」, and the upload
 * with progress as soon as a photo is taken, so submitting is quick.
 */
import { useEffect, useId, useRef, useState } from "react";
import { Button, Progress, Space, Typography } from "antd";
import { CameraOutlined, PictureOutlined } from "@ant-design/icons";
import { messageOf } from "../../api/apiClient.js";
import { identityApi } from "../../api/endpoints.js";
import { shrinkPhoto } from "./shrinkPhoto.js";
import "./documentCapture.css";

/** One captured side: the preview URL and, once uploaded, the server's photo id. */
export interface CapturedPhoto {
  previewUrl: string;
  photoId?: string;
}

/** Props: the side's caption, the current photo, and where a new photo (or its removal) goes. */
export interface DocumentCaptureProps {
  label: string;
  value: CapturedPhoto | undefined;
  onChange: (photo: CapturedPhoto | undefined) => void;
}

/** The capture frame of one document side. */
export function DocumentCapture({ label, value, onChange }: DocumentCaptureProps) {
  const cameraRef = useRef<HTMLInputElement>(null);
  const albumRef = useRef<HTMLInputElement>(null);
  const labelId = useId();
  const [percent, setPercent] = useState<number>();
  const [error, setError] = useState<string>();

  // The preview's object URL is released when replaced or when the page goes.
  useEffect(() => {
    const url = value?.previewUrl;
    return () => {
      if (url?.startsWith("blob:")) URL.revokeObjectURL(url);
    };
  }, [value?.previewUrl]);

  const take = async (file: File | undefined) => {
    if (file === undefined) return;
    setError(undefined);
    const photo = await shrinkPhoto(file);
    const previewUrl = URL.createObjectURL(photo);
    onChange({ previewUrl });
    setPercent(0);
    try {
      const stored = await identityApi.uploadPhoto(photo, file.name.replace(/\.\w+$/, ".jpg"), setPercent);
      onChange({ previewUrl, photoId: stored.id });
    } catch (failure) {
      setError(messageOf(failure));
      onChange(undefined);
    } finally {
      setPercent(undefined);
    }
  };

  const uploading = percent !== undefined;
  return (
    <div className="sb-capture" role="group" aria-labelledby={labelId}>
      <Typography.Text strong id={labelId}>
        {label}
      </Typography.Text>
      <div className="sb-capture-frame">
        {value ? (
          <img src={value.previewUrl} alt={`${label}预览`} className="sb-capture-preview" />
        ) : (
          <span className="sb-capture-guide">请将证件置于框内，四角对齐，避免反光</span>
        )}
        <span className="sb-capture-corners" aria-hidden="true" />
      </div>
      {uploading && <Progress percent={percent} size="small" aria-label={`${label}上传进度`} />}
      {value?.photoId && !uploading && (
        <Typography.Text type="success">已上传，请检查照片是否清晰完整</Typography.Text>
      )}
      {error && (
        <Typography.Text type="danger" role="alert">
          {error}
        </Typography.Text>
      )}
      <input
        ref={cameraRef}
        type="file"
        accept="image/*"
        capture="environment"
        hidden
        aria-label={`拍摄${label}`}
        onChange={(event) => {
          void take(event.target.files?.[0]);
          event.target.value = "";
        }}
      />
      <input
        ref={albumRef}
        type="file"
        accept="image/*"
        hidden
        aria-label={`从相册选择${label}`}
        onChange={(event) => {
          void take(event.target.files?.[0]);
          event.target.value = "";
        }}
      />
      <Space wrap>
        <Button
          type={value ? "default" : "primary"}
          icon={<CameraOutlined />}
          disabled={uploading}
          onClick={() => cameraRef.current?.click()}
        >
          {value ? "重拍" : "拍照"}
        </Button>
        <Button icon={<PictureOutlined />} disabled={uploading} onClick={() => albumRef.current?.click()}>
          从相册选择
        </Button>
      </Space>
    </div>
  );
}
