/**
 * The candidate's 推荐 page at /apply/recommenders (SEC-8, TCH-1…3, TCH-5): how many teachers of each role
 * the edition's rules ask for this candidate, the lookup, and per chosen teacher the invitation's state,
 * QR code and link, and 撤回. The section's title, role titles and rule messages come from the edition.
 */
import { useCallback, useEffect, useMemo, useState } from "react";
import { Link } from "react-router";
import { Alert, App, Card, Collapse, Empty, Tag, Typography } from "antd";
import { ArrowLeftOutlined } from "@ant-design/icons";
import type { Answers, Edition } from "@shenbao/rules";
import { messageOf } from "../../api/apiClient.js";
import { createApplicationAttachmentClient } from "../../api/applicationAttachmentClient.js";
import { applicationApi, editionApi, type SectionView } from "../../api/endpoints.js";
import { invitationApi, type InvitationList } from "../../api/invitationEndpoints.js";
import { useRequireSignIn } from "../../app/useRequireSignIn.js";
import { PageError, PageLoading } from "../../ui/PageState.js";
import { InvitationCard, useRevoke } from "./InvitationCard.js";
import { requiredTeam, TEACHER_LIST, teacherRoles } from "./requiredTeam.js";
import { TeacherLookup } from "./TeacherLookup.js";
import { RECOMMENDERS_VOCABULARY as vocabulary } from "./recommendersVocabulary.js";
import "./recommenders.css";

interface Loaded {
  edition: Edition;
  section: SectionView;
  invitations: InvitationList;
}

/** The page at /apply/recommenders. */
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
      const [section, invitations] = await Promise.all([
        applicationApi.section(application.id, TEACHER_LIST.section),
        invitationApi.list(application.id),
      ]);
      const edition = await editionApi.version(section.editionKey, section.editionVersion);
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
  const answers: Answers = useMemo(
    () => ({
      ...(section.answers.candidateType ? { candidateType: section.answers.candidateType } : {}),
      sections: section.answers.sections,
    }),
    [section],
  );
  const team = useMemo(() => requiredTeam(edition, answers), [edition, answers]);
  const roles = teacherRoles(edition);
  const attachmentClient = useMemo(
    () => createApplicationAttachmentClient(section.applicationId, TEACHER_LIST.section),
    [section.applicationId],
  );
  const list = Array.isArray(section.data[TEACHER_LIST.field]) ? section.data[TEACHER_LIST.field] : [];
  const listLength = Array.isArray(list) ? list.length : 0;
  // The list's teachers are the live or signed invitations; ended ones stay below as history.
  const current = invitations.items.filter(
    (item) => item.replacedBy === null && item.state !== "revoked" && item.state !== "invalidated",
  );
  const ended = invitations.items.filter((item) => !current.includes(item));
  const listErrors = section.errors.filter((e) => e.path === TEACHER_LIST.field);
  const instruction = invitations.instruction || vocabulary.qrInstruction;

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
                    <strong>{role.title}</strong>：{vocabulary.needed} {need} 名，{vocabulary.added} {added}{" "}
                    名
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
          {vocabulary.scanHint}
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
              onRevoke={(item) => revoke(item, vocabulary.revokeConfirm)}
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
              label: vocabulary.history,
              children: (
                <ul className="sb-invitation-history">
                  {ended.map((item) => (
                    <li key={item.id}>
                      {item.roleTitle} {item.teacherName} <Tag data-state={item.state}>{item.stateLabel}</Tag>
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
