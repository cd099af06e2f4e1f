/**
 * The administrators' 实名认证 queue (ID-4, REV-4), kept minimal: pending requests oldest first with their
 * document photos, approve, or reject with a reason the candidate will read.
 */
import { useCallback, useEffect, useState } from "react";
import { App, Button, Card, Empty, Image, Input, Modal, Space, Tag, Typography } from "antd";
import { messageOf } from "../../api/apiClient.js";
import { editionApi } from "../../api/editionEndpoints.js";
import {
  identityApi,
  identityReviewApi,
  type AdminIdentityView,
  type IdentityRequestPage,
} from "../../api/endpoints.js";
import { useRequireSignIn } from "../../app/useRequireSignIn.js";
import { PageError, PageLoading } from "../../ui/PageState.js";

/** The review page at /admin/identity-requests. */
export function IdentityReview() {
  const me = useRequireSignIn();
  const { message } = App.useApp();
  const [items, setItems] = useState<AdminIdentityView[]>();
  const [next, setNext] = useState<string | null>(null);
  const [provider, setProvider] = useState<IdentityRequestPage["provider"]>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<string>();
  const [rejecting, setRejecting] = useState<AdminIdentityView>();
  const [reason, setReason] = useState("");
  const [docLabels, setDocLabels] = useState<Record<string, string>>({});

  useEffect(() => {
    // Document type names are the edition's catalog; the raw value is shown if it cannot be loaded.
    editionApi.current().then(
      (edition) =>
        setDocLabels(
          Object.fromEntries(
            (edition.catalogs.idDocumentTypes?.items ?? []).map((item) => [item.value, item.label]),
          ),
        ),
      () => undefined,
    );
  }, []);

  const load = useCallback(async (cursor?: string) => {
    setError(undefined);
    try {
      const page = await identityReviewApi.list("pending", cursor);
      setItems((current) => (cursor ? [...(current ?? []), ...page.items] : page.items));
      setNext(page.next);
      setProvider(page.provider);
    } catch (failure) {
      setError(messageOf(failure));
    }
  }, []);
  useEffect(() => {
    if (me) void load();
  }, [me, load]);

  if (error) return <PageError message={error} onRetry={() => void load()} />;
  if (!me || items === undefined) return <PageLoading />;

  const decide = async (item: AdminIdentityView, decision: "approve" | "reject") => {
    setBusy(item.id);
    try {
      if (decision === "approve") await identityReviewApi.approve(item.id);
      else await identityReviewApi.reject(item.id, reason.trim());
      message.success(decision === "approve" ? "已通过" : "已驳回");
      setItems((current) => current?.filter((other) => other.id !== item.id));
      setRejecting(undefined);
      setReason("");
    } catch (failure) {
      message.error(messageOf(failure));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <main className="sb-page">
      <h1 className="sb-page-title">实名认证审核</h1>
      {provider && <Typography.Paragraph type="secondary">核验服务：{provider.note}</Typography.Paragraph>}
      {items.length === 0 && <Empty description="暂无待审核的认证申请" />}
      {items.map((item) => (
        <Card key={item.id} style={{ marginBottom: 16 }} title={`${item.name}（${item.idNumberMasked}）`}>
          <Space orientation="vertical" style={{ width: "100%" }}>
            <div>
              <Tag>{item.method === "auto" ? "自动核验" : "人工审核"}</Tag>
              <Tag>{docLabels[item.docType] ?? item.docType}</Tag>
              {item.sex && <Tag>{item.sex === "male" ? "男" : "女"}</Tag>}
              {item.birthDate && <Tag>{item.birthDate}</Tag>}
            </div>
            <Typography.Text type="secondary">
              提交时间：{new Date(item.createdAt).toLocaleString("zh-CN")} · 自动核验失败 {item.attempts} 次
            </Typography.Text>
            <Image.PreviewGroup>
              <Space wrap>
                {[item.photoFront, item.photoBack]
                  .filter((id): id is string => id !== null)
                  .map((id, index) => (
                    <Image
                      key={id}
                      width={160}
                      src={identityApi.photoUrl(id)}
                      alt={index === 0 ? "证件正面" : "证件背面"}
                    />
                  ))}
              </Space>
            </Image.PreviewGroup>
            <Space wrap>
              <Button type="primary" loading={busy === item.id} onClick={() => void decide(item, "approve")}>
                通过
              </Button>
              <Button danger disabled={busy === item.id} onClick={() => setRejecting(item)}>
                驳回
              </Button>
            </Space>
          </Space>
        </Card>
      ))}
      {next && (
        <Button block onClick={() => void load(next)}>
          加载更多
        </Button>
      )}
      <Modal
        open={rejecting !== undefined}
        title="驳回认证申请"
        okText="驳回"
        cancelText="取消"
        okButtonProps={{ danger: true, disabled: reason.trim() === "", loading: busy !== undefined }}
        onOk={() => rejecting && void decide(rejecting, "reject")}
        onCancel={() => setRejecting(undefined)}
      >
        <label htmlFor="sb-reject-reason">驳回原因（考生可见）</label>
        <Input.TextArea
          id="sb-reject-reason"
          rows={3}
          maxLength={200}
          showCount
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
      </Modal>
    </main>
  );
}
