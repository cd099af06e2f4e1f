/**
 * One section of the application (APP-4), drawn by the FormEngine from the application's pinned edition:
 * save → `PUT …/sections/:key` with the revision read; a 409 keeps what the user typed and says so; leaving
 * with unsaved changes asks first; `#<field path>` scrolls to a field named by a submit blocker.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Link, useBlocker, useLocation, useNavigate, useParams } from "react-router";
import { Alert, Button, Tag, Typography } from "antd";
import { ArrowLeftOutlined } from "@ant-design/icons";
import type { Edition, SectionData } from "@shenbao/rules";
import { ApiError, messageOf } from "../../api/apiClient.js";
import { createApplicationAttachmentClient } from "../../api/applicationAttachmentClient.js";
import { applicationApi, editionApi, type SectionView } from "../../api/endpoints.js";
import { useRequireSignIn } from "../../app/useRequireSignIn.js";
import { FormEngine } from "../../formEngine/FormEngine.js";
import { useUnsavedChangesGuard } from "../../formEngine/useUnsavedChangesGuard.js";
import { PageError, PageLoading } from "../../ui/PageState.js";
import { taskAction } from "../Application/taskList.js";
import { focusFieldByPath } from "./focusField.js";

interface Loaded {
  edition: Edition;
  section: SectionView;
  /** The data handed to the FormEngine; replaced only on (re)load, since a new object resets the form. */
  answers: SectionData;
}

/** The section page at /apply/sections/:key. */
export function Section() {
  const me = useRequireSignIn();
  const { key = "" } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const [loaded, setLoaded] = useState<Loaded>();
  const [error, setError] = useState<string>();
  const [conflict, setConflict] = useState(false);
  const [dirty, setDirty] = useState(false);
  const [round, setRound] = useState(0);
  const guard = useUnsavedChangesGuard(dirty);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname,
  );

  const { confirmLeave } = guard;
  const asking = useRef(false);
  useEffect(() => {
    // One dialog per blocked navigation, however often the page re-renders meanwhile.
    if (blocker.state !== "blocked" || asking.current) return;
    asking.current = true;
    void confirmLeave().then((leave) => {
      asking.current = false;
      if (leave) blocker.proceed();
      else blocker.reset();
    });
  }, [blocker, confirmLeave]);

  useEffect(() => {
    if (!me) return undefined;
    let live = true;
    setError(undefined);
    (async () => {
      const mine = await applicationApi.mine();
      const application = mine.items[0];
      if (application === undefined) {
        navigate("/apply", { replace: true });
        return;
      }
      const section = await applicationApi.section(application.id, key);
      const edition = await editionApi.version(section.editionKey, section.editionVersion);
      if (live) {
        setLoaded({ edition, section, answers: section.data });
        setConflict(false);
      }
    })().catch((failure: unknown) => live && setError(messageOf(failure)));
    return () => {
      live = false;
    };
  }, [me, key, round, navigate]);

  // A blocker link's fragment names the field; focus it once the form is on screen.
  const fieldPath = decodeURI(location.hash.slice(1));
  useEffect(() => {
    if (!loaded || fieldPath === "") return undefined;
    const timer = window.setTimeout(() => focusFieldByPath(fieldPath), 50);
    return () => window.clearTimeout(timer);
  }, [loaded, fieldPath]);

  const applicationId = loaded?.section.applicationId;
  const attachmentClient = useMemo(
    () => createApplicationAttachmentClient(applicationId ?? "", key),
    [applicationId, key],
  );

  const save = useCallback(
    async (data: SectionData) => {
      if (!loaded) return;
      try {
        const saved = await applicationApi.saveSection(
          loaded.section.applicationId,
          key,
          loaded.section.rev,
          data,
        );
        // Keep `answers` as it is: a new object would reset the form and drop typing done during the save.
        setLoaded((current) => (current ? { ...current, section: saved } : current));
      } catch (failure) {
        if (failure instanceof ApiError && failure.isConflict) setConflict(true);
        throw failure;
      }
    },
    [loaded, key],
  );

  const reloadLatest = async () => {
    if (await confirmLeave()) {
      setDirty(false);
      setRound((n) => n + 1);
    }
  };

  if (error) return <PageError message={error} onRetry={() => setRound((n) => n + 1)} />;
  if (!me || !loaded) return <PageLoading />;
  const { section, edition } = loaded;
  const action = taskAction(section.status);

  return (
    <main className="sb-page">
      {guard.contextHolder}
      <Link to="/apply" className="sb-header-link" style={{ paddingLeft: 0 }}>
        <ArrowLeftOutlined style={{ marginRight: 6 }} />
        返回任务列表
      </Link>
      <h1 className="sb-page-title">
        {section.title}{" "}
        <Tag color={action.tone === "danger" ? "error" : action.done ? "success" : "default"}>
          {action.done ? (section.status === "已锁定" ? "已锁定" : "已完成") : "待完善"}
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
      {!section.editable && (
        <Typography.Paragraph type="secondary">
          {section.status === "已锁定"
            ? "该部分已由审核人员确认（已锁定），无需修改。"
            : "申报已提交，如需修改请先在任务列表中「撤回」。"}
        </Typography.Paragraph>
      )}
      {conflict && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          title="该内容已在其他页面修改，请刷新后重试"
          description="您在本页填写的内容仍保留在下方，可先复制需要的内容，再重新加载最新内容。"
          action={<Button onClick={() => void reloadLatest()}>重新加载</Button>}
        />
      )}
      <FormEngine
        edition={edition}
        sectionKey={section.key}
        candidateType={section.answers.candidateType ?? undefined}
        answers={loaded.answers}
        sections={section.answers.sections}
        readOnly={!section.editable}
        onSave={save}
        attachmentClient={attachmentClient}
        onDirtyChange={setDirty}
      />
    </main>
  );
}
