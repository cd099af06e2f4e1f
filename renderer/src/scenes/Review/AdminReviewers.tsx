/**
 * Administrators appoint reviewers at /admin/reviewers (REV-1): phone number, level (县区 / 市州 / 省) and
 * division code; the list shows masked phones; 撤销 takes the role away. The global audit log is below (REV-6).
 */
import { useCallback, useEffect, useState } from "react";
import { App, Button, Card, Input, Select, Space, Table } from "antd";
import { messageOf } from "../../api/apiClient.js";
import {
  reviewersAdminApi,
  type AuditEventView,
  type ReviewerView,
  type ReviewLevel,
} from "../../api/reviewEndpoints.js";
import { useRequireSignIn } from "../../app/useRequireSignIn.js";
import { PageError, PageLoading } from "../../ui/PageState.js";

/** The reviewers page. */
export function AdminReviewers() {
  const me = useRequireSignIn();
  const { message } = App.useApp();
  const [items, setItems] = useState<ReviewerView[]>();
  const [audit, setAudit] = useState<{ items: AuditEventView[]; next: string | null }>();
  const [error, setError] = useState<string>();
  const [phone, setPhone] = useState("");
  const [level, setLevel] = useState<ReviewLevel>("county");
  const [division, setDivision] = useState("");

  const load = useCallback(async () => {
    try {
      setItems((await reviewersAdminApi.list()).items);
      setAudit(await reviewersAdminApi.audit());
    } catch (failure) {
      setError(messageOf(failure));
    }
  }, []);
  useEffect(() => {
    if (me) void load();
  }, [me, load]);
  if (error) return <PageError message={error} onRetry={() => void load()} />;
  if (!me || !items) return <PageLoading />;

  const appoint = async () => {
    try {
      await reviewersAdminApi.appoint(phone, level, division);
      message.success("已任命");
      setPhone("");
      await load();
    } catch (failure) {
      message.error(messageOf(failure));
    }
  };

  return (
    <main className="sb-page sb-page-wide">
      <h1 className="sb-page-title">审核人员</h1>
      <Card style={{ marginBottom: 16 }}>
        <Space wrap>
          <Input
            aria-label="手机号码"
            placeholder="手机号码"
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
            style={{ width: 160 }}
          />
          <Select
            aria-label="审核级别"
            value={level}
            style={{ width: 120 }}
            onChange={setLevel}
            options={[
              { value: "county", label: "县区" },
              { value: "city", label: "市州" },
              { value: "province", label: "省" },
            ]}
          />
          <Input
            aria-label="区划代码"
            placeholder="区划代码（6位）"
            value={division}
            onChange={(e) => setDivision(e.target.value.trim())}
            style={{ width: 180 }}
          />
          <Button type="primary" onClick={() => void appoint()}>
            任命
          </Button>
        </Space>
      </Card>
      <Table<ReviewerView>
        rowKey="id"
        dataSource={items}
        pagination={false}
        columns={[
          { title: "手机号码", dataIndex: "phoneMasked" },
          { title: "级别", dataIndex: "levelLabel" },
          { title: "区划代码", dataIndex: "divisionName" },
          {
            title: "任命时间",
            dataIndex: "appointedAt",
            render: (at: string) => new Date(at).toLocaleString("zh-CN"),
          },
          {
            title: "操作",
            key: "revoke",
            render: (_: unknown, row) => (
              <Button
                danger
                size="small"
                onClick={() =>
                  reviewersAdminApi.revoke(row.id).then(
                    () => void load(),
                    (failure: unknown) => message.error(messageOf(failure)),
                  )
                }
              >
                撤销
              </Button>
            ),
          },
        ]}
      />
      <h2>审计日志</h2>
      <Table<AuditEventView>
        rowKey="id"
        size="small"
        dataSource={audit?.items ?? []}
        pagination={false}
        scroll={{ x: 960 }}
        columns={[
          { title: "时间", dataIndex: "at", render: (at: string) => new Date(at).toLocaleString("zh-CN") },
          { title: "操作人", dataIndex: "actor" },
          { title: "操作", dataIndex: "action" },
          { title: "对象", dataIndex: "entityId" },
          {
            title: "变更后",
            dataIndex: "after",
            render: (value: unknown) => <code>{JSON.stringify(value)}</code>,
          },
        ]}
      />
      {audit?.next && (
        <Button
          style={{ marginTop: 8 }}
          onClick={() =>
            reviewersAdminApi.audit(audit.next ?? undefined).then(
              (page) => setAudit({ items: [...audit.items, ...page.items], next: page.next }),
              (failure: unknown) => message.error(messageOf(failure)),
            )
          }
        >
          加载更多
        </Button>
      )}
    </main>
  );
}
