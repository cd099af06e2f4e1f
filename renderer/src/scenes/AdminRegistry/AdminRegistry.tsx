/**
 * The administrators' physician registry (issue 5), kept minimal: how many people are stored, the import
 * template, and an xlsx / CSV import that either reports its counts or lists every row error.
 */
import { useCallback, useEffect, useState } from "react";
import { Alert, Button, Space, Table, Typography, Upload } from "antd";
import { messageOf } from "../../api/apiClient.js";
import { useRequireSignIn } from "../../app/useRequireSignIn.js";
import { PageError, PageLoading } from "../../ui/PageState.js";
import {
  REGISTRY_TEMPLATE_URL,
  registryAdminApi,
  rowErrorsOf,
  type RegistryImportResult,
  type RegistryListPage,
  type RegistryRowError,
} from "./registryAdminApi.js";

const MAX_BYTES = 10 * 1024 * 1024;

/** The registry page at /admin/registry. */
export function AdminRegistry() {
  const me = useRequireSignIn();
  const [page, setPage] = useState<RegistryListPage>();
  const [loadError, setLoadError] = useState<string>();
  const [progress, setProgress] = useState<number>();
  const [result, setResult] = useState<RegistryImportResult>();
  const [rowErrors, setRowErrors] = useState<RegistryRowError[]>();
  const [failure, setFailure] = useState<string>();

  const load = useCallback(async () => {
    setLoadError(undefined);
    try {
      setPage(await registryAdminApi.list());
    } catch (error) {
      setLoadError(messageOf(error));
    }
  }, []);
  useEffect(() => {
    if (me) void load();
  }, [me, load]);

  if (loadError) return <PageError message={loadError} onRetry={() => void load()} />;
  if (!me || page === undefined) return <PageLoading />;

  const importFile = async (file: File) => {
    setResult(undefined);
    setRowErrors(undefined);
    setFailure(undefined);
    if (!/\.(xlsx|csv)$/i.test(file.name)) {
      setFailure("只能导入 .xlsx 或 .csv 文件");
      return;
    }
    if (file.size > MAX_BYTES) {
      setFailure("文件过大，不能超过 10 MB");
      return;
    }
    setProgress(0);
    try {
      setResult(await registryAdminApi.importFile(file, file.name, setProgress));
      await load();
    } catch (error) {
      const rows = rowErrorsOf(error);
      if (rows) setRowErrors(rows);
      setFailure(messageOf(error));
    } finally {
      setProgress(undefined);
    }
  };

  return (
    <main className="sb-page">
      <h1 className="sb-page-title">医师名录</h1>
      <Typography.Paragraph>名录中现有 {page.total} 人。</Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        请按导入模板填写后上传 .xlsx 或 .csv 文件（不超过 10
        MB）。任何一行有误时整个文件都不会导入；已有的医师按身份证号码更新。
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Button href={REGISTRY_TEMPLATE_URL} download>
          下载模板
        </Button>
        <Upload
          accept=".xlsx,.csv"
          maxCount={1}
          showUploadList={false}
          beforeUpload={(file) => {
            void importFile(file);
            return false;
          }}
        >
          <Button type="primary" loading={progress !== undefined}>
            {progress === undefined ? "选择文件并导入" : `正在导入 ${progress}%`}
          </Button>
        </Upload>
      </Space>
      {result && (
        <Alert
          type="success"
          showIcon
          title={`导入完成：共 ${result.total} 行，新增 ${result.inserted} 人，更新 ${result.updated} 人`}
        />
      )}
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} />}
      {rowErrors && rowErrors.length > 0 && (
        <Table
          size="small"
          rowKey={(_, index) => String(index)}
          dataSource={rowErrors}
          pagination={rowErrors.length > 20 ? { pageSize: 20 } : false}
          columns={[
            { title: "行号", dataIndex: "row", width: 80, render: (row: number) => (row > 0 ? row : "—") },
            { title: "列", dataIndex: "column", width: 160, render: (column: string) => column || "—" },
            { title: "问题", dataIndex: "message" },
          ]}
        />
      )}
    </main>
  );
}
