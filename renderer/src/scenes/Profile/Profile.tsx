/**
 * 「个人中心」 (ACC-4): the masked phone, 实名认证 status with 「前往认证」 / 「撤回认证」, the application,
 * sign out here or on every device, and the admin pages for administrators.
 */
import { useCallback, useEffect, useState } from "react";
import { useNavigate } from "react-router";
import { App, Button, Card, Descriptions, Space, Tag, Typography } from "antd";
import { messageOf } from "../../api/apiClient.js";
import { authApi, identityApi, type IdentityPage } from "../../api/endpoints.js";
import { useSession } from "../../app/session.js";
import { useRequireSignIn } from "../../app/useRequireSignIn.js";
import { PageError, PageLoading } from "../../ui/PageState.js";
import { identityTagColor } from "../Identity/identityStatus.js";
import { usePortal } from "../../app/portal.js";
import { clearAllDrafts } from "../../formEngine/localDraft.js";

/** The personal centre page at /me. */
export function Profile() {
  const me = useRequireSignIn();
  const { signedOut, refreshIdentity } = useSession();
  const navigate = useNavigate();
  const portal = usePortal();
  const { modal, message } = App.useApp();
  const [page, setPage] = useState<IdentityPage>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    setError(undefined);
    identityApi.get().then(setPage, (failure: unknown) => setError(messageOf(failure)));
  }, []);
  useEffect(() => {
    if (me) load();
  }, [me, load]);

  if (!me) return <PageLoading />;
  const identity = page?.identity;
  const current = identity && identity.state !== "withdrawn" ? identity : null;

  const withdraw = () =>
    modal.confirm({
      title: "撤回认证",
      content: "撤回后需要重新进行实名认证，认证成功前不能报名。确定撤回吗？",
      okText: "撤回认证",
      cancelText: "取消",
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await identityApi.withdraw();
          message.success("已撤回认证");
          load();
          void refreshIdentity();
        } catch (failure) {
          message.error(messageOf(failure));
        }
      },
    });

  const signOut = async (everywhere: boolean) => {
    setBusy(true);
    try {
      await (everywhere ? authApi.signOutEverywhere() : authApi.signOut());
      // Kept drafts hold answers (issue 11); a deliberate sign-out leaves none on a shared computer.
      clearAllDrafts();
      signedOut();
      navigate("/", { replace: true });
    } catch (failure) {
      message.error(messageOf(failure));
      setBusy(false);
    }
  };

  return (
    <main className="sb-page">
      <h1 className="sb-page-title">个人中心</h1>
      <Card title="账号" style={{ marginBottom: 16 }}>
        <Descriptions
          column={1}
          items={[{ key: "phone", label: "手机号", children: me.phone ?? "微信登录" }]}
        />
      </Card>
      <Card title="实名认证" style={{ marginBottom: 16 }}>
        {error ? (
          <PageError message={error} onRetry={load} />
        ) : page === undefined ? (
          <PageLoading />
        ) : (
          <Space orientation="vertical" style={{ width: "100%" }}>
            <div>
              状态：
              <Tag color={identityTagColor(current?.state)}>{current ? current.stateLabel : "未认证"}</Tag>
            </div>
            {current && (
              <Typography.Text type="secondary">
                {current.name} · {current.idNumberMasked}
              </Typography.Text>
            )}
            {current?.state === "rejected" && current.review?.reason && (
              <Typography.Text type="danger">驳回原因：{current.review.reason}</Typography.Text>
            )}
            <Space wrap>
              {(current === null || current.state === "rejected") && (
                <Button type="primary" onClick={() => navigate("/identity")}>
                  前往认证
                </Button>
              )}
              {(current?.state === "pending" || current?.state === "verified") && (
                <Button danger onClick={withdraw}>
                  撤回认证
                </Button>
              )}
            </Space>
          </Space>
        )}
      </Card>
      {portal?.product && (
        <Card title="我的业务" style={{ marginBottom: 16 }}>
          <Button block onClick={() => navigate("/apply")}>
            {portal.product.tile}
          </Button>
        </Card>
      )}
      {me.roles.includes("admin") && (
        <Card title="管理" style={{ marginBottom: 16 }}>
          <Space orientation="vertical" style={{ width: "100%" }}>
            <Button block onClick={() => navigate("/admin/identity-requests")}>
              实名认证审核
            </Button>
            <Button block onClick={() => navigate("/admin/registry")}>
              医师名录导入
            </Button>
            <Button block onClick={() => navigate("/admin/editions")}>
              表单版本与设计
            </Button>
          </Space>
        </Card>
      )}
      <Space orientation="vertical" style={{ width: "100%" }}>
        <Button block loading={busy} onClick={() => void signOut(false)}>
          退出登录
        </Button>
        <Button block danger disabled={busy} onClick={() => void signOut(true)}>
          退出所有设备
        </Button>
      </Space>
    </main>
  );
}
