/**
 * One section of the application (APP-4), drawn by the FormEngine from the application's pinned edition:
 * save → `PUT …/sections/:key` with the revision read; a 409 keeps what the user typed and says so; leaving
 * with unsaved changes asks first; `#<field path>` scrolls to a field named by a submit blocker.
 */
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Link, useBlocker, useLocation, useNavigate, useParams } from "react-router";
import { Alert, Button } from "antd";
import { ArrowLeftOutlined } from "@ant-design/icons";
import type { Edition, SectionData } from "@shenbao/rules";
import { ApiError, messageOf } from "../../api/apiClient.js";
import { createApplicationAttachmentClient } from "../../api/applicationAttachmentClient.js";
import { editionBindings } from "@shenbao/rules";
import { TEACHERS_PAGE } from "../../formEngine/fields/TeacherListField.js";
import { MigrationNotice } from "./MigrationNotice.js";
import { editionApi } from "../../api/editionEndpoints.js";
import { applicationApi, type SectionView } from "../../api/endpoints.js";
import { useRequireSignIn } from "../../app/useRequireSignIn.js";
import { useUnsavedChangesGuard } from "../../formEngine/useUnsavedChangesGuard.js";
import { PageError, PageLoading } from "../../ui/PageState.js";
import { OPTIONAL_LABEL, taskAction } from "../Application/taskList.js";
import { focusFieldByPath } from "./focusField.js";
import { clearDraft, draftDiffers, readDraft, writeDraft } from "../../formEngine/localDraft.js";
import { SESSION_EXPIRED_MESSAGE } from "../../app/session.js";

// The form engine (RJSF and the rules) is fetched while the page fetches its data, not before the page
// can paint (issue 12): requested as soon as this scene's module runs.
const formEngineModule = import("../../formEngine/FormEngine.js");
const FormEngine = lazy(async () => ({ default: (await formEngineModule).FormEngine }));

/** The server's answer to a save that would void signatures (409, with the count in its message). */
export const SIGNATURES_WOULD_VOID = "signatures_would_void";
/** What the page says when the candidate keeps the signatures instead of saving. */
export const NOT_SAVED_KEEPS_SIGNATURES = "未保存：已签署的老师签名保持有效";

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
  // Issue 11: what was typed before the session ended, brought back from this browser's draft.
  const [restored, setRestored] = useState(false);
  const guard = useUnsavedChangesGuard(dirty);
  // Going to sign in (the session ended) loses nothing: the draft is kept in this browser and restored on
  // return. Asking there would hang the page, which shows 「正在加载…」 once signed out (issue 11).
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty && currentLocation.pathname !== nextLocation.pathname && nextLocation.pathname !== "/login",
  );

  const { confirmLeave, confirm } = guard;
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
      const edition = await editionApi.version(application.editionKey, application.editionVersion);
      // The teacher list is chosen and invited on its own page; task rows and blocker links land there.
      if (editionBindings(edition).commandOwnedSections.has(key)) {
        navigate(TEACHERS_PAGE, { replace: true });
        return;
      }
      const section = await applicationApi.section(application.id, key);
      if (live) {
        const draft = readDraft(application.id, key);
        const restore = section.editable && draftDiffers(draft, section.data);
        if (!restore) clearDraft(application.id, key);
        setLoaded({ edition, section, answers: restore ? draft.data : section.data });
        setRestored(restore);
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
  // REV-2: the reviewer's field comments, shown beside their fields; one object per loaded section view.
  const fieldNotes = useMemo(
    () =>
      loaded
        ? Object.fromEntries(loaded.section.fieldComments.map((note) => [note.path, note.comment]))
        : undefined,
    [loaded],
  );
  const attachmentClient = useMemo(
    () => createApplicationAttachmentClient(applicationId ?? "", key),
    [applicationId, key],
  );

  // Every change is kept in this browser (one write per tick), so an ended session loses nothing.
  const pendingDraft = useRef<number | undefined>(undefined);
  const latestData = useRef<SectionData | undefined>(undefined);
  const keepDraft = useCallback(
    (data: SectionData) => {
      if (!loaded?.section.editable) return;
      latestData.current = data;
      if (pendingDraft.current !== undefined) return;
      const { applicationId: id, rev } = loaded.section;
      pendingDraft.current = window.setTimeout(() => {
        pendingDraft.current = undefined;
        if (latestData.current !== undefined) writeDraft(id, key, latestData.current, rev);
      }, 0);
    },
    [loaded, key],
  );
  useEffect(
    () => () => {
      if (pendingDraft.current !== undefined) window.clearTimeout(pendingDraft.current);
      pendingDraft.current = undefined;
    },
    [],
  );

  const discardRestored = () => {
    if (!loaded) return;
    clearDraft(loaded.section.applicationId, key);
    setRestored(false);
    setDirty(false);
    // A new object resets the form to what the server holds.
    setLoaded({ ...loaded, answers: { ...loaded.section.data } });
  };

  const save = useCallback(
    async (data: SectionData) => {
      if (!loaded) return;
      writeDraft(loaded.section.applicationId, key, data, loaded.section.rev);
      const put = (confirmVoid: boolean) =>
        applicationApi.saveSection(loaded.section.applicationId, key, loaded.section.rev, data, confirmVoid);
      try {
        let saved: SectionView;
        try {
          saved = await put(false);
        } catch (failure) {
          // Issue 11: the server says first how many teachers' signatures the save would void.
          if (!(failure instanceof ApiError) || failure.code !== SIGNATURES_WOULD_VOID) throw failure;
          const agreed = await confirm({
            title: failure.message,
            content: "确认修改后，这些老师将收到新的邀请，需重新查看并签名。",
            okText: "确认修改",
            cancelText: "暂不修改",
          });
          if (!agreed) throw new Error(NOT_SAVED_KEEPS_SIGNATURES, { cause: failure });
          saved = await put(true);
        }
        // Keep `answers` as it is: a new object would reset the form and drop typing done during the save.
        setLoaded((current) => (current ? { ...current, section: saved } : current));
        if (latestData.current === undefined || latestData.current === data)
          clearDraft(loaded.section.applicationId, key);
        setRestored(false);
      } catch (failure) {
        if (failure instanceof ApiError && failure.isConflict) setConflict(true);
        // The shell sends the user to sign in and back here, where the kept draft is restored.
        if (failure instanceof ApiError && failure.status === 401)
          throw new Error(SESSION_EXPIRED_MESSAGE, { cause: failure });
        throw failure;
      }
    },
    [loaded, key, confirm],
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
  const optional =
    edition.sections.find((candidate) => candidate.key === section.key)?.requiredForSubmit === false;
  const action = taskAction(section.status, optional && section.updatedAt === null);

  return (
    <main className="sb-page">
      {guard.contextHolder}
      <Link to="/apply" className="sb-header-link" style={{ paddingLeft: 0 }}>
        <ArrowLeftOutlined style={{ marginRight: 6 }} />
        返回任务列表
      </Link>
      <h1 className="sb-page-title">
        {section.title}{" "}
        {/* Plain elements, not antd Tag / Typography: they weigh on the section page's first JavaScript. */}
        <span
          className={`sb-state sb-state-${action.tone === "danger" ? "danger" : action.done ? "done" : "todo"}`}
        >
          {action.done
            ? section.status === "已锁定"
              ? "已锁定"
              : "已完成"
            : action.label === OPTIONAL_LABEL
              ? OPTIONAL_LABEL
              : "待完善"}
        </span>
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
      {section.editable && <MigrationNotice migration={section.migration} />}
      {!section.editable && (
        <p className="sb-muted">
          {section.status === "已锁定"
            ? "该部分已由审核人员确认（已锁定），无需修改。"
            : "申报已提交，如需修改请先在任务列表中「撤回」。"}
        </p>
      )}
      {restored && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="已恢复您上次未保存的内容"
          description="这些内容保存在本机（例如登录过期前填写的），尚未保存到服务器，请核对后点击「保存」。"
          action={<Button onClick={discardRestored}>放弃这些内容</Button>}
        />
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
      <Suspense fallback={<PageLoading />}>
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
          onDataChange={keepDraft}
          fieldNotes={fieldNotes}
        />
      </Suspense>
    </main>
  );
}
