/**
 * One teacher of the candidate's list (TCH-3, TCH-5): who, in which role, the invitation's state, and while
 * it is live the QR code with 下载二维码 and 复制链接; 撤回 for an unsigned invitation; 请老师重新签名 for a
 * signature that failed its check (issue 11).
 */
import { Alert, App, Button, Card, Space, Tag, Typography } from "antd";
import { CopyOutlined, DownloadOutlined } from "@ant-design/icons";
import { messageOf } from "../../api/apiClient.js";
import {
  invitationApi,
  type CandidateInvitationView,
  type InvitationState,
} from "../../api/invitationEndpoints.js";

/** The tag colour of each state: waiting (blue), done (green), ended (grey / red). */
export const STATE_COLORS: Readonly<Record<InvitationState, string>> = {
  pending: "default",
  sent: "processing",
  viewed: "processing",
  verified: "cyan",
  signed: "success",
  expired: "warning",
  revoked: "default",
  invalidated: "error",
};

/** Copies `text`; falls back to a selected textarea where the Clipboard API is missing (older WeChat). */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the textarea
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  try {
    return document.execCommand("copy");
  } catch {
    return false;
  } finally {
    area.remove();
  }
}

/** Props: the invitation, the guide's QR instruction, whether 撤回 is allowed now, and what follows it. */
export interface InvitationCardProps {
  invitation: CandidateInvitationView;
  instruction: string;
  editable: boolean;
  onRevoke: (invitation: CandidateInvitationView) => void;
  onReissue: (invitation: CandidateInvitationView) => void;
}

/** The card of one teacher. */
export function InvitationCard({
  invitation,
  instruction,
  editable,
  onRevoke,
  onReissue,
}: InvitationCardProps) {
  const { message } = App.useApp();
  const qrUrl = invitation.qrUrl ?? undefined;
  const copy = async () => {
    if (!invitation.link) return;
    if (await copyText(invitation.link)) message.success("链接已复制");
    else message.warning("无法自动复制，请长按下方链接手动复制");
  };
  return (
    <Card
      size="small"
      className="sb-invitation"
      title={
        <Space wrap>
          <Tag color="blue">{invitation.roleTitle}</Tag>
          <span>{invitation.teacherName}</span>
        </Space>
      }
      extra={
        <Tag color={STATE_COLORS[invitation.state]} data-state={invitation.state}>
          {invitation.stateLabel}
        </Tag>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {invitation.teacherMaskedIdNumber}
        {invitation.signedAt
          ? ` · 签署时间：${new Date(invitation.signedAt).toLocaleString("zh-CN")}`
          : ` · 有效期至：${new Date(invitation.expiresAt).toLocaleString("zh-CN")}`}
      </Typography.Paragraph>
      {invitation.problem && (
        <Alert type="error" showIcon role="alert" title={invitation.problem} style={{ marginBottom: 8 }} />
      )}
      {invitation.locked && (
        <Alert
          type="warning"
          showIcon
          title="该老师身份核验失败次数过多，链接已锁定"
          description="请撤回后重新选择老师，或联系老师核对身份信息。"
          style={{ marginBottom: 8 }}
        />
      )}
      {qrUrl && !invitation.locked && (
        <div className="sb-invitation-qr">
          <img src={qrUrl} alt={`${invitation.teacherName}的二维码`} width={200} height={200} />
          <Typography.Paragraph strong className="sb-invitation-instruction">
            {instruction}
          </Typography.Paragraph>
          <Space wrap>
            <Button icon={<DownloadOutlined />} href={qrUrl} download={`invitation-${invitation.id}.png`}>
              下载二维码
            </Button>
            {invitation.link && (
              <Button icon={<CopyOutlined />} onClick={() => void copy()}>
                复制链接
              </Button>
            )}
          </Space>
          {invitation.link && (
            <Typography.Paragraph className="sb-invitation-link" copyable={false}>
              {invitation.link}
            </Typography.Paragraph>
          )}
        </div>
      )}
      {editable && invitation.canReissue && (
        <Button type="primary" block onClick={() => onReissue(invitation)} style={{ marginTop: 8 }}>
          请老师重新签名
        </Button>
      )}
      {editable && invitation.canRevoke && invitation.state !== "signed" && (
        <Button danger block onClick={() => onRevoke(invitation)} style={{ marginTop: 8 }}>
          撤回
        </Button>
      )}
    </Card>
  );
}

/** Revokes after asking; resolves true when the invitation was revoked. */
export function useRevoke(onDone: () => void) {
  const { modal, message } = App.useApp();
  return (invitation: CandidateInvitationView, text: string) =>
    modal.confirm({
      title: `撤回「${invitation.teacherName}」？`,
      content: text,
      okText: "撤回",
      cancelText: "取消",
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await invitationApi.revoke(invitation.id);
          message.success("已撤回，可重新选择");
          onDone();
        } catch (failure) {
          message.error(messageOf(failure));
        }
      },
    });
}

/** 请老师重新签名 after saying what happens; the list reloads with the new invitation. */
export function useReissue(onDone: () => void) {
  const { modal, message } = App.useApp();
  return (invitation: CandidateInvitationView) =>
    modal.confirm({
      title: `请「${invitation.teacherName}」重新签名？`,
      content:
        "该签名未通过校验，不能计入。确认后原签名作废，系统会给老师发送新的签名链接，老师重新签名即可。",
      okText: "请老师重新签名",
      cancelText: "取消",
      onOk: async () => {
        try {
          await invitationApi.reissue(invitation.id);
          message.success("已发送新的签名链接");
          onDone();
        } catch (failure) {
          message.error(messageOf(failure));
        }
      },
    });
}
