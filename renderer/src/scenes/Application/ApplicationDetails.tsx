/**
 * 「查看详情」 (APP-6): the whole application as a read view (labels and values, numbered list entries),
 * every applicable section drawn from the pinned edition, plus 下载申请表 (APP-7).
 */
import { useEffect, useMemo, useState } from "react";
import { useNavigate } from "react-router";
import { Button, Card, Empty } from "antd";
import type { Edition } from "@shenbao/rules";
import { messageOf } from "../../api/apiClient.js";
import { createApplicationAttachmentClient } from "../../api/applicationAttachmentClient.js";
import { editionApi } from "../../api/editionEndpoints.js";
import { applicationApi, type ApplicationDetailsView } from "../../api/endpoints.js";
import { useRequireSignIn } from "../../app/useRequireSignIn.js";
import { SectionReadView } from "../../formEngine/SectionReadView.js";
import { ActionBar, PageError, PageLoading } from "../../ui/PageState.js";
import "./application.css";

/** The details page at /apply/details. */
export function ApplicationDetails() {
  const me = useRequireSignIn();
  const navigate = useNavigate();
  const [details, setDetails] = useState<{ view: ApplicationDetailsView; edition: Edition } | null>();
  const [error, setError] = useState<string>();
  const [round, setRound] = useState(0);

  useEffect(() => {
    if (!me) return undefined;
    let live = true;
    setError(undefined);
    (async () => {
      const application = (await applicationApi.mine()).items[0];
      if (application === undefined) return live && setDetails(null);
      const [view, edition] = await Promise.all([
        applicationApi.details(application.id),
        editionApi.version(application.editionKey, application.editionVersion),
      ]);
      if (live) setDetails({ view, edition });
    })().catch((failure: unknown) => live && setError(messageOf(failure)));
    return () => {
      live = false;
    };
  }, [me, round]);

  const clients = useMemo(() => {
    if (!details) return undefined;
    const id = details.view.id;
    return Object.fromEntries(
      details.view.tasks.map((t) => [t.key, createApplicationAttachmentClient(id, t.key)]),
    );
  }, [details]);

  if (error) return <PageError message={error} onRetry={() => setRound((n) => n + 1)} />;
  if (details === null)
    return (
      <main className="sb-page">
        <Empty description="尚未开始报名">
          <Button type="primary" onClick={() => navigate("/apply")}>
            去报名
          </Button>
        </Empty>
      </main>
    );
  if (!me || details === undefined || !clients) return <PageLoading />;
  const { view, edition } = details;
  const typeLabel = edition.candidateTypes.find((type) => type.value === view.candidateType)?.label;

  return (
    <main className="sb-page sb-has-bar">
      <h1 className="sb-page-title">查看详情</h1>
      <Card style={{ marginBottom: 16 }}>
        {edition.candidateTypeTitle}：{typeLabel ?? "未选择"}
      </Card>
      {view.tasks.map((task) => (
        <Card
          key={task.key}
          title={task.title}
          className="sb-details-section"
          styles={{ body: { padding: 0 } }}
        >
          {view.sections[task.key] ? (
            <SectionReadView
              edition={edition}
              sectionKey={task.key}
              candidateType={view.candidateType ?? undefined}
              answers={view.sections[task.key]!}
              sections={view.sections}
              attachmentClient={clients[task.key]!}
            />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未填写" />
          )}
        </Card>
      ))}
      <ActionBar>
        <Button onClick={() => navigate("/apply")}>返回任务列表</Button>
        <Button type="primary" href={applicationApi.pdfUrl(view.id)} download>
          下载申请表
        </Button>
      </ActionBar>
    </main>
  );
}
