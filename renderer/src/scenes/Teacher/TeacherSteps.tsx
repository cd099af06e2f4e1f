/**
 * The screens of the teacher flow (TCH-4), one step each, with large type and full-width buttons for a
 * phone in WeChat. Texts of the notice, the commitment and the signature come from the edition's
 * evaluation form; errors are the server's Chinese messages.
 */
import { useEffect, useMemo, useState, type ReactNode } from "react";
import { Alert, Button, Card, Checkbox, Descriptions, Input, Result, Typography } from "antd";
import type { Edition, SectionData } from "@shenbao/rules";
import { checkSection } from "@shenbao/rules";
import { ApiError } from "../../api/apiClient.js";
import { editionApi } from "../../api/editionEndpoints.js";
import {
  teacherPageApi,
  type InvitationSummary,
  type SignedEvaluation,
  type TeacherInvitationView,
} from "../../api/invitationEndpoints.js";
import type { AttachmentClient } from "../../formEngine/attachmentClient.js";
import { FormEngine } from "../../formEngine/FormEngine.js";
import { SignaturePad } from "../../formEngine/widgets/SignaturePad.js";
import { PageLoading } from "../../ui/PageState.js";
import { evaluationForm, fieldText, signatureField, teacherFlow, withoutFields } from "./teacherForm.js";

const VERIFY_TITLE = "身份核验";

/** Turns a failure into the message to show (or undefined when the page switched to the dead-link view). */
type OnFailure = (failure: unknown) => string | undefined;

function Paragraphs({ text }: { text: string }) {
  return (
    <div className="sb-teacher-text">
      {text
        .split("\n")
        .filter((line) => line.trim() !== "")
        .map((line) => (
          <p key={line}>{line}</p>
        ))}
    </div>
  );
}

function StepBar({ children, onBack }: { children: ReactNode; onBack?: (() => void) | undefined }) {
  return (
    <div className="sb-teacher-bar">
      {onBack && (
        <Button size="large" onClick={onBack}>
          上一步
        </Button>
      )}
      {children}
    </div>
  );
}

/** A read-and-tick step: the field's description and a checkbox with its title (notice, commitment). */
function AcknowledgeStep({
  edition,
  field,
  heading,
  onNext,
  onBack,
}: {
  edition: Edition;
  field: string;
  heading: string;
  onNext: () => void;
  onBack?: (() => void) | undefined;
}) {
  const text = fieldText(evaluationForm(edition), field);
  const [ticked, setTicked] = useState(false);
  return (
    <section aria-label={text.uiTitle ?? heading}>
      <Card title={text.uiTitle ?? heading} className="sb-teacher-card">
        <Paragraphs text={text.description} />
        <Checkbox
          className="sb-teacher-check"
          checked={ticked}
          onChange={(event) => setTicked(event.target.checked)}
        >
          {text.title}
        </Checkbox>
      </Card>
      <StepBar onBack={onBack}>
        <Button type="primary" size="large" disabled={!ticked} onClick={onNext}>
          下一步
        </Button>
      </StepBar>
    </section>
  );
}

/** The edition's notice, read and ticked before the identity check. */
export function NoticeStep({ edition, onNext }: { edition: Edition; onNext: () => void }) {
  const flow = teacherFlow(edition);
  if (flow.notice === undefined) return null;
  return (
    <AcknowledgeStep edition={edition} field={flow.notice} heading={flow.titles.notice} onNext={onNext} />
  );
}

/** The edition's commitment, ticked before evaluating. */
export function CommitmentStep(props: {
  edition: Edition;
  onNext: () => void;
  onBack?: (() => void) | undefined;
}) {
  const flow = teacherFlow(props.edition);
  if (flow.commitment === undefined) return null;
  return <AcknowledgeStep {...props} field={flow.commitment} heading={flow.titles.commitment} />;
}

function useSecondsUntil(iso: string | undefined): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (iso === undefined) return undefined;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [iso]);
  return iso === undefined ? 0 : Math.max(0, Math.ceil((Date.parse(iso) - now) / 1000));
}

/** 身份核验: the last six digits of the ID number and the code sent to the registry phone. */
export function VerifyStep({
  token,
  view,
  onVerified,
  onFailure,
}: {
  token: string;
  view: TeacherInvitationView;
  onVerified: () => void;
  onFailure: OnFailure;
}) {
  const needsCode = view.verification.requiresPhoneCode;
  const [last6, setLast6] = useState("");
  const [code, setCode] = useState("");
  const [sent, setSent] = useState<{ maskedPhone: string; resendAt: string }>();
  const [busy, setBusy] = useState<"code" | "verify">();
  const [error, setError] = useState<string>();
  const [attemptsLeft, setAttemptsLeft] = useState<number>();
  const wait = useSecondsUntil(sent?.resendAt);

  const sendCode = async () => {
    setBusy("code");
    setError(undefined);
    try {
      setSent(await teacherPageApi.sendCode(token));
    } catch (failure) {
      setError(onFailure(failure));
    } finally {
      setBusy(undefined);
    }
  };

  const verify = async () => {
    if (!/^\d{5}[\dXx]$/.test(last6.trim())) return setError("请输入身份证号码后六位（最后一位可能是 X）");
    if (needsCode && !/^\d{6}$/.test(code.trim())) return setError("请输入短信中的 6 位验证码");
    setBusy("verify");
    setError(undefined);
    try {
      await teacherPageApi.verify(token, last6.trim().toUpperCase(), needsCode ? code.trim() : undefined);
      onVerified();
    } catch (failure) {
      const left = failure instanceof ApiError ? failure.details.attemptsLeft : undefined;
      if (typeof left === "number") setAttemptsLeft(left);
      setError(onFailure(failure));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <section aria-label={VERIFY_TITLE}>
      <Card title={VERIFY_TITLE} className="sb-teacher-card">
        <p className="sb-teacher-lead">为确认是您本人操作，请完成身份核验。</p>
        <label className="sb-teacher-field">
          <span>身份证号码后六位</span>
          <Input
            size="large"
            inputMode="text"
            maxLength={6}
            autoComplete="off"
            value={last6}
            onChange={(event) => setLast6(event.target.value)}
          />
        </label>
        {needsCode && (
          <>
            <Button
              size="large"
              block
              loading={busy === "code"}
              disabled={wait > 0}
              onClick={() => void sendCode()}
            >
              {wait > 0 ? `${wait} 秒后可重新获取` : sent ? "重新获取验证码" : "获取验证码"}
            </Button>
            {sent && (
              <p className="sb-teacher-note" role="status">
                验证码已发送至预留手机号 {sent.maskedPhone}
              </p>
            )}
            <label className="sb-teacher-field">
              <span>短信验证码</span>
              <Input
                size="large"
                inputMode="numeric"
                maxLength={6}
                autoComplete="one-time-code"
                value={code}
                onChange={(event) => setCode(event.target.value)}
              />
            </label>
          </>
        )}
        {error && (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={error}
            description={attemptsLeft !== undefined ? `还可尝试 ${attemptsLeft} 次` : undefined}
          />
        )}
      </Card>
      <StepBar>
        <Button type="primary" size="large" loading={busy === "verify"} onClick={() => void verify()}>
          核验
        </Button>
      </StepBar>
    </section>
  );
}

// The teacher has no access to the candidate's files; attachment fields show their names only.
const NO_FILES: AttachmentClient = {
  upload: () => Promise.reject(new Error("不可上传")),
  url: () => "about:blank",
  remove: () => Promise.resolve(),
};
const ignoreSave = () => Promise.resolve();

/** The candidate's declaration, read only, each section drawn by the FormEngine from the pinned edition. */
export function SummaryStep({
  token,
  onNext,
  onBack,
  onFailure,
}: {
  token: string;
  onNext: () => void;
  onBack?: (() => void) | undefined;
  onFailure: OnFailure;
}) {
  const [summary, setSummary] = useState<{ data: InvitationSummary; edition: Edition }>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let live = true;
    (async () => {
      const data = await teacherPageApi.summary(token);
      const edition = await editionApi.version(data.editionKey, data.editionVersion);
      if (live) setSummary({ data, edition });
    })().catch((failure: unknown) => live && setError(onFailure(failure)));
    return () => {
      live = false;
    };
  }, [token, onFailure]);

  if (error) return <Alert type="error" showIcon role="alert" title={error} />;
  if (!summary) return <PageLoading />;
  const { data, edition } = summary;
  const sections = Object.fromEntries(data.sections.map((s) => [s.key, s.data]));
  const title = teacherFlow(edition).titles.summary;
  return (
    <section aria-label={title}>
      <Card title={title} className="sb-teacher-card">
        <Descriptions column={1} size="small">
          {data.candidate && <Descriptions.Item label="被推荐人">{data.candidate.name}</Descriptions.Item>}
          {data.candidate && (
            <Descriptions.Item label="证件号码">{data.candidate.maskedIdNumber}</Descriptions.Item>
          )}
          {data.candidateTypeLabel && (
            <Descriptions.Item label={edition.candidateTypeTitle}>
              {data.candidateTypeLabel}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      {data.sections.map((section) => (
        <Card
          key={section.key}
          title={section.title}
          className="sb-teacher-card"
          styles={{ body: { padding: 0 } }}
        >
          <FormEngine
            edition={edition}
            sectionKey={section.key}
            candidateType={data.candidateType ?? undefined}
            answers={section.data}
            sections={sections}
            readOnly
            onSave={ignoreSave}
            attachmentClient={NO_FILES}
          />
        </Card>
      ))}
      <StepBar onBack={onBack}>
        <Button type="primary" size="large" onClick={onNext}>
          已阅读，下一步
        </Button>
      </StepBar>
    </section>
  );
}

const EMPTY: SectionData = {};

/** Evaluation and opinion: the edition's evaluation form without the ticks and the signature. */
export function EvaluationStep({
  edition,
  answers,
  onDone,
  onBack,
}: {
  edition: Edition;
  answers: SectionData | undefined;
  onDone: (answers: SectionData) => void;
  onBack?: (() => void) | undefined;
}) {
  const flow = teacherFlow(edition);
  const signature = signatureField(evaluationForm(edition));
  const narrowed = useMemo(() => {
    const { notice, commitment } = teacherFlow(edition);
    const omit = [notice, commitment, signature?.text.name].filter((name) => name !== undefined);
    return withoutFields(edition, omit);
  }, [edition, signature]);
  const [initial] = useState(() => answers ?? EMPTY);
  const save = (data: SectionData) => {
    // The FormEngine shows what is missing; only a complete evaluation moves on.
    const errors = checkSection(narrowed, flow.formKey, { sections: { [flow.formKey]: data } });
    if (errors.length === 0) onDone(data);
    return Promise.resolve();
  };
  return (
    <section aria-label={flow.titles.evaluate}>
      <Card title={flow.titles.evaluate} className="sb-teacher-card">
        <p className="sb-teacher-note">填写完成后点击「保存」，进入{flow.titles.signature}。</p>
        <FormEngine
          edition={narrowed}
          sectionKey={flow.formKey}
          answers={initial}
          onSave={save}
          attachmentClient={NO_FILES}
        />
      </Card>
      {onBack && (
        <Button size="large" block onClick={onBack}>
          上一步
        </Button>
      )}
    </section>
  );
}

/** The handwritten signature on the landscape pad, then 提交. */
export function SignatureStep({
  token,
  edition,
  evaluation,
  onSigned,
  onBack,
  onFailure,
}: {
  token: string;
  edition: Edition;
  evaluation: SectionData;
  onSigned: (signed: SignedEvaluation) => void;
  onBack?: (() => void) | undefined;
  onFailure: OnFailure;
}) {
  const flow = teacherFlow(edition);
  const signature = signatureField(evaluationForm(edition));
  const [signing, setSigning] = useState(false);
  const [png, setPng] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const title = flow.titles.signature;
  // The acknowledgements were ticked on their own steps; the server checks them with the form's rules.
  const ticked = Object.fromEntries(
    [flow.notice, flow.commitment].filter((name) => name !== undefined).map((name) => [name, true]),
  );

  const submit = async () => {
    if (!png) return setError("请先签名");
    setBusy(true);
    setError(undefined);
    try {
      onSigned(
        await teacherPageApi.sign(token, {
          commitmentAccepted: true,
          evaluation: { ...evaluation, ...ticked },
          signaturePng: png,
        }),
      );
    } catch (failure) {
      setError(onFailure(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-label={title}>
      <Card title={title} className="sb-teacher-card">
        {signature?.help && <p className="sb-teacher-lead">{signature.help}</p>}
        {png ? (
          <img className="sb-teacher-signature" src={png} alt="签名" />
        ) : (
          <p className="sb-teacher-note">点击下方按钮，将手机横过来，在空白处签写本人名字。</p>
        )}
        <Button size="large" block onClick={() => setSigning(true)}>
          {png ? "重新签名" : "开始签名"}
        </Button>
        {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 12 }} />}
      </Card>
      <StepBar onBack={onBack}>
        <Button type="primary" size="large" disabled={!png} loading={busy} onClick={() => void submit()}>
          提交
        </Button>
      </StepBar>
      {signing && (
        <SignaturePad
          requireLandscape={signature?.landscape ?? true}
          hint={signature?.help}
          onCancel={() => setSigning(false)}
          onConfirm={(dataUrl) => {
            setPng(dataUrl);
            setSigning(false);
            setError(undefined);
          }}
        />
      )}
    </section>
  );
}

/** 已完成. */
export function DoneStep({ view, signed }: { view: TeacherInvitationView; signed: SignedEvaluation }) {
  return (
    <main className="sb-teacher">
      <Result
        status="success"
        title="已完成"
        subTitle={
          <div className="sb-teacher-dead">
            <p>{view.teacherName}，您的评价和签名已提交，提交后不可修改。</p>
            {signed.signedAt && <p>提交时间：{new Date(signed.signedAt).toLocaleString("zh-CN")}</p>}
            <p>感谢您的支持，现在可以关闭本页面。</p>
          </div>
        }
      />
      <Typography.Paragraph type="secondary" className="sb-teacher-hash">
        {signed.contentHash ? `凭证编号：${signed.contentHash.slice(0, 16)}` : null}
      </Typography.Paragraph>
    </main>
  );
}
