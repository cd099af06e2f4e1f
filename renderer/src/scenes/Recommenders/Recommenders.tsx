/**
 * The candidate's teacher page at /apply/teachers (SEC-8, TCH-1…3, TCH-5): how many teachers of each role
 * the edition's rules ask for this candidate, the lookup, and per chosen teacher the invitation's state,
 * QR code and link, and 撤回. The section's title, role titles and rule messages come from the edition.
 */
import { useCallback, useEffect, useMemo, useState } from "react";
import { Link } from "react-router";
import { Alert, App, Card, Collapse, Empty, Tag, Typography } from "antd";
import { ArrowLeftOutlined } from "@ant-design/icons";
import { editionText, teacherRoles, type Answers, type Edition } from "@shenbao/rules";
import { messageOf } from "../../api/apiClient.js";
import { createApplicationAttachmentClient } from "../../api/applicationAttachmentClient.js";
import { editionApi } from "../../api/editionEndpoints.js";
import { applicationApi, type SectionView } from "../../api/endpoints.js";
import { invitationApi, type InvitationList } from "../../api/invitationEndpoints.js";
import { useRequireSignIn } from "../../app/useRequireSignIn.js";
import { PageError, PageLoading } from "../../ui/PageState.js";
import { InvitationCard, useReissue, useRevoke } from "./InvitationCard.js";
import { requiredTeam, teacherListOf } from "./requiredTeam.js";
import { TeacherLookup } from "./TeacherLookup.js";
import "./recommenders.css";

interface Loaded {
  edition: Edition;
  section: SectionView;
  invitations: InvitationList;
}

const REVOKE_CONFIRM =
  "撤回后该二维码和链接立即失效，对方将无法继续评价。撤回后可重新选择其他老师。确定撤回吗？";

/** The page at /apply/teachers. */
/** States that hold no place on the team; they are listed as history. */
const ENDED: ReadonlySet<string> = new Set(["revoked", "invalidated", "expired"]);

export function Recommenders() {
  const me = useRequireSignIn();
  const [loaded, setLoaded] = useState<Loaded>();
  const [error, setError] = useState<string>();
  const [round, setRound] = useState(0);
  const reload = useCallback(() => setRound((n) => n + 1), []);

  useEffect(() => {
    if (!me) return undefined;
    let live = true;
    setError(undefined);
    (async () => {
      const application = (await applicationApi.mine()).items[0];
      if (application === undefined) throw new Error("尚未开始报名，请先在任务列表中开始报名");
      const edition = await editionApi.version(application.editionKey, application.editionVersion);
      const [section, invitations] = await Promise.all([
        applicationApi.section(application.id, teacherListOf(edition).section),
        invitationApi.list(application.id),
      ]);
      if (live) setLoaded({ edition, section, invitations });
    })().catch((failure: unknown) => live && setError(messageOf(failure)));
    return () => {
      live = false;
    };
  }, [me, round]);

  if (error) return <PageError message={error} onRetry={reload} />;
  if (!me || !loaded) return <PageLoading />;
  return <RecommendersPage loaded={loaded} onChange={reload} />;
}

function RecommendersPage({ loaded, onChange }: { loaded: Loaded; onChange: () => void }) {
  const { edition, section, invitations } = loaded;
  const { message } = App.useApp();
  const revoke = useRevoke(onChange);
  const reissue = useReissue(onChange);
  const answers: Answers = useMemo(
    () => ({
      ...(section.answers.candidateType ? { candidateType: section.answers.candidateType } : {}),
      sections: section.answers.sections,
    }),
    [section],
  );
  const team = useMemo(() => requiredTeam(edition, answers), [edition, answers]);
  const roles = teacherRoles(edition);
  const binding = teacherListOf(edition);
  const attachmentClient = useMemo(
    () => createApplicationAttachmentClient(section.applicationId, binding.section),
    [section.applicationId, binding.section],
  );
  const list = Array.isArray(section.data[binding.field]) ? section.data[binding.field] : [];
  // The list's teachers are the live or signed invitations; ended ones stay below as history. An expired
  // one holds no place either: the server drops it from the list when someone else is chosen (issue 11).
  const current = invitations.items.filter((item) => item.replacedBy === null && !ENDED.has(item.state));
  const expired = invitations.items.filter((item) => item.state === "expired").length;
  const listLength = Math.max(0, (Array.isArray(list) ? list.length : 0) - expired);
  const ended = invitations.items.filter((item) => !current.includes(item));
  const listErrors = section.errors.filter((e) => e.path === binding.field);
  const instruction = invitations.instruction || editionText(edition, "recommenders.qrInstruction");

  return (
    <main className="sb-page sb-recommenders">
      <Link to="/apply" className="sb-header-link" style={{ paddingLeft: 0 }}>
        <ArrowLeftOutlined style={{ marginRight: 6 }} />
        返回任务列表
      </Link>
      <h1 className="sb-page-title">
        {section.title}{" "}
        <Tag color={section.status === "去完善" || section.status === "退回修改" ? "default" : "success"}>
          {section.status}
        </Tag>
      </h1>
      {(invitations.checks ?? []).map((check) => (
        <Alert key={check} type="warning" showIcon title={check} style={{ marginBottom: 12 }} />
      ))}
      {section.comment && (
        <Alert
          type="warning"
          showIcon
          title="退回修改"
          description={section.comment}
          style={{ marginBottom: 12 }}
        />
      )}

      <Card style={{ marginBottom: 16 }} aria-label="添加要求">
        {team ? (
          <ul className="sb-team">
            {roles
              .filter((role) => (team.get(role.value) ?? 0) > 0)
              .map((role) => {
                const added = current.filter((item) => item.role === role.value).length;
                const need = team.get(role.value) ?? 0;
                return (
                  <li key={role.value} data-role={role.value}>
                    <strong>{role.title}</strong>：需要添加 {need} 名，已添加 {added} 名
                    {added >= need && (
                      <Tag color="success" style={{ marginLeft: 8 }}>
                        已满足
                      </Tag>
                    )}
                  </li>
                );
              })}
          </ul>
        ) : null}
        {listErrors.map((e) => (
          <Typography.Paragraph key={e.message} type="warning" style={{ margin: "4px 0 0" }}>
            {e.message}
          </Typography.Paragraph>
        ))}
        <Typography.Paragraph type="secondary" style={{ margin: "8px 0 0" }}>
          {editionText(edition, "recommenders.scanHint")}
        </Typography.Paragraph>
      </Card>

      {section.editable && (
        <TeacherLookup
          applicationId={section.applicationId}
          edition={edition}
          answers={answers}
          listLength={listLength}
          attachmentClient={attachmentClient}
          onInvited={(created) => {
            message.success(created.instruction || instruction);
            onChange();
          }}
        />
      )}
      {!section.editable && (
        <Typography.Paragraph type="secondary">
          {section.status === "已锁定"
            ? "该部分已由审核人员确认（已锁定），无需修改。"
            : "申报已提交，如需修改请先在任务列表中「撤回」。"}
        </Typography.Paragraph>
      )}

      <section className="sb-invitations" aria-label="已选择">
        {current.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未选择" />
        ) : (
          current.map((invitation) => (
            <InvitationCard
              key={invitation.id}
              invitation={invitation}
              instruction={instruction}
              editable={section.editable}
              onRevoke={(item) => revoke(item, REVOKE_CONFIRM)}
              onReissue={reissue}
            />
          ))
        )}
      </section>

      {ended.length > 0 && (
        <Collapse
          style={{ marginTop: 16 }}
          items={[
            {
              key: "history",
              label: "已撤回、已失效、已过期的记录",
              children: (
                <ul className="sb-invitation-history">
                  {ended.map((item) => (
                    <li key={item.id}>
                      {item.roleTitle} {item.teacherName} <Tag data-state={item.state}>{item.stateLabel}</Tag>
                      {item.invalidatedReason && (
                        <Typography.Text type="secondary">原因：{item.invalidatedReason}</Typography.Text>
                      )}
                      {item.state === "expired" && (
                        <Typography.Text type="secondary">可直接重新选择老师，无需撤回</Typography.Text>
                      )}
                    </li>
                  ))}
                </ul>
              ),
            },
          ]}
        />
      )}
    </main>
  );
}
