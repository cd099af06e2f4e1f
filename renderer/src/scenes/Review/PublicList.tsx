/** The 公示 list at /review/public-list (REV-5): approved applications of the reviewer's division, printable. */
import { useEffect, useState } from "react";
import { Button, Space, Table } from "antd";
import { messageOf } from "../../api/apiClient.js";
import { reviewApi } from "../../api/reviewEndpoints.js";
import { useRequireSignIn } from "../../app/useRequireSignIn.js";
import { PageError, PageLoading } from "../../ui/PageState.js";

/** The printable 公示 page. */
export function PublicList() {
  const me = useRequireSignIn();
  const [list, setList] = useState<{ header: string[]; rows: string[][] }>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (me) reviewApi.publicList().then(setList, (failure: unknown) => setError(messageOf(failure)));
  }, [me]);
  if (error) return <PageError message={error} />;
  if (!me || !list) return <PageLoading />;
  return (
    <main className="sb-page sb-page-wide">
      <h1 className="sb-page-title">公示名单</h1>
      <Space className="sb-no-print" style={{ marginBottom: 12 }}>
        <Button onClick={() => window.print()}>打印</Button>
        <Button href={reviewApi.publicListXlsxUrl()} download>
          导出Excel
        </Button>
      </Space>
      <Table
        rowKey={(row) => row[0] ?? ""}
        size="small"
        pagination={false}
        dataSource={list.rows}
        columns={list.header.map((title, index) => ({
          title,
          key: title,
          render: (_: unknown, row: string[]) => row[index],
        }))}
      />
    </main>
  );
}
