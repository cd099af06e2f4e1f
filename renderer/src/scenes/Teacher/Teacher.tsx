/**
 * The teacher's pages at /t/:token (TCH-4), phone first, one step per screen: the notice → 身份核验 → the
 * candidate's declaration (read only) → the commitment → evaluation and opinion (the edition's evaluation form in
 * the FormEngine) → handwritten signature in landscape → 提交 → 已完成. A dead or unknown link shows only
 * what happened and what to do.
 */
import { useCallback, useEffect, useMemo, useState } from "react";
import { useParams } from "react-router";
import { Result } from "antd";
import type { Edition, SectionData } from "@shenbao/rules";
import { ApiError, messageOf } from "../../api/apiClient.js";
import { editionApi } from "../../api/editionEndpoints.js";
import {
  teacherPageApi,
  type SignedEvaluation,
  type TeacherInvitationView,
} from "../../api/invitationEndpoints.js";
import { PageError, PageLoading } from "../../ui/PageState.js";
import {
  CommitmentStep,
  DoneStep,
  EvaluationStep,
  NoticeStep,
  SignatureStep,
  SummaryStep,
  VerifyStep,
} from "./TeacherSteps.js";
import { teacherFlow, type TeacherFlow, type TeacherStep } from "./teacherForm.js";
import "./teacher.css";

// Answers the server gives for a link that cannot be used; each has its own Chinese message.
const DEAD_LINK = new Set([
  "invitation_not_found",
  "invitation_expired",
  "invitation_revoked",
  "invitation_signed",
  "invitation_invalidated",
  "invitation_verify_locked",
]);

/** Whether `error` means the link is finished (show the dead-link page, nothing else). */
export function isDeadLink(error: unknown): error is ApiError {
  return (
    error instanceof ApiError && (DEAD_LINK.has(error.code) || error.status === 410 || error.status === 404)
  );
}

const DEAD_TITLES: Record<string, string> = {
  invitation_not_found: "链接无效",
  invitation_expired: "链接已过期",
  invitation_revoked: "评价请求已撤回",
  invitation_signed: "评价已提交",
  invitation_invalidated: "链接已失效",
  invitation_verify_locked: "链接已锁定",
};

/** The page for an unusable link: what happened (the server's words) and what to do. */
export function DeadLink({ error }: { error: ApiError }) {
  const signed = error.code === "invitation_signed";
  return (
    <main className="sb-teacher">
      <Result
        status={signed ? "success" : "warning"}
        title={DEAD_TITLES[error.code] ?? "链接不可用"}
        subTitle={
          <div className="sb-teacher-dead">
            <p>{error.message}</p>
            {!signed && <p>请联系考生：撤回这次邀请后重新选择您，并将新的二维码发送给您。</p>}
          </div>
        }
      />
    </main>
  );
}

interface Loaded {
  view: TeacherInvitationView;
  edition: Edition;
}

/** The teacher flow. */
export function Teacher() {
  const { token = "" } = useParams();
  const [loaded, setLoaded] = useState<Loaded>();
  const [dead, setDead] = useState<ApiError>();
  const [error, setError] = useState<string>();
  const [round, setRound] = useState(0);
  const [step, setStep] = useState<TeacherStep>("notice");
  const [evaluation, setEvaluation] = useState<SectionData>();
  const [signed, setSigned] = useState<SignedEvaluation>();

  useEffect(() => {
    let live = true;
    setError(undefined);
    (async () => {
      const view = await teacherPageApi.open(token);
      const edition = await editionApi.version(view.form.editionKey, view.form.editionVersion);
      if (!live) return;
      setLoaded({ view, edition });
      // A teacher who verified a moment ago on this phone goes on where they were.
      if (view.sessionActive)
        setStep((current) => (current === "notice" || current === "verify" ? "summary" : current));
    })().catch((failure: unknown) => {
      if (!live) return;
      if (isDeadLink(failure)) setDead(failure);
      else setError(messageOf(failure));
    });
    return () => {
      live = false;
    };
  }, [token, round]);

  const fail = useCallback((failure: unknown): string | undefined => {
    if (isDeadLink(failure)) {
      setDead(failure);
      return undefined;
    }
    // The short session after the identity check ended: check again.
    if (failure instanceof ApiError && failure.code === "teacher_session_required") {
      setStep("verify");
      return failure.message;
    }
    return messageOf(failure);
  }, []);

  const flow = useMemo(() => (loaded ? teacherFlow(loaded.edition) : undefined), [loaded]);
  const steps = flow?.steps;
  // An edition without a notice starts at the identity check.
  const current = steps === undefined || steps.includes(step) ? step : (steps[0] ?? step);
  const index = steps?.indexOf(current) ?? 0;
  const next = useCallback(() => {
    const following = steps?.[index + 1];
    if (following) setStep(following);
    window.scrollTo?.({ top: 0 });
  }, [steps, index]);
  const back = useMemo(() => {
    const previous = steps?.[index - 1];
    // No way back into the identity check once passed, nor before it from the summary.
    if (previous === undefined || previous === "verify" || current === "verify") return undefined;
    return () => setStep(previous);
  }, [steps, index, current]);

  if (dead) return <DeadLink error={dead} />;
  if (error) return <PageError message={error} onRetry={() => setRound((n) => n + 1)} />;
  if (!loaded || !flow) return <PageLoading />;
  const { view, edition } = loaded;

  if (signed) return <DoneStep view={view} signed={signed} />;

  return (
    <main className="sb-teacher">
      <header className="sb-teacher-head">
        <h1 className="sb-teacher-title">{view.form.title}</h1>
        <p className="sb-teacher-who">
          {view.roleTitle}：{view.teacherName}
        </p>
        <StepIndicator flow={flow} index={index} />
      </header>
      {current === "notice" && <NoticeStep edition={edition} onNext={next} />}
      {current === "verify" && <VerifyStep token={token} view={view} onVerified={next} onFailure={fail} />}
      {current === "summary" && <SummaryStep token={token} onNext={next} onBack={back} onFailure={fail} />}
      {current === "commitment" && <CommitmentStep edition={edition} onNext={next} onBack={back} />}
      {current === "evaluate" && (
        <EvaluationStep
          edition={edition}
          answers={evaluation}
          onDone={(answers) => {
            setEvaluation(answers);
            next();
          }}
          onBack={back}
        />
      )}
      {current === "signature" && evaluation && (
        <SignatureStep
          token={token}
          edition={edition}
          evaluation={evaluation}
          onSigned={setSigned}
          onBack={back}
          onFailure={fail}
        />
      )}
    </main>
  );
}

/** 「第 n 步 / 共 6 步」 and the step names, the current one marked. */
function StepIndicator({ flow, index }: { flow: TeacherFlow; index: number }) {
  const current = flow.steps[index] ?? "verify";
  return (
    <nav className="sb-teacher-steps" aria-label="步骤">
      <p className="sb-teacher-step-now" aria-live="polite">
        第 {index + 1} 步 / 共 {flow.steps.length} 步：<strong>{flow.titles[current]}</strong>
      </p>
      <ol className="sb-teacher-step-list">
        {flow.steps.map((step, i) => (
          <li
            key={step}
            className={i < index ? "is-done" : i === index ? "is-current" : undefined}
            aria-current={i === index ? "step" : undefined}
            title={flow.titles[step]}
          />
        ))}
      </ol>
    </nav>
  );
}
