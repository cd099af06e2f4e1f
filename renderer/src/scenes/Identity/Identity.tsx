/**
 * 实名认证 (ID-1…ID-5): choose the method (身份证（自动核验） preferred), 信息填写, 证件扫描, submit.
 * Automatic success shows 「认证成功」 at once; manual requests show 「待认证」 until an administrator
 * decides; after too many failed checks the server's message and a switch to 人工审核 are offered.
 */
import { useCallback, useEffect, useMemo, useState } from "react";
import { useNavigate } from "react-router";
import { Alert, App, Button, Card, Input, Radio, Result, Space, Steps, Tag, Typography } from "antd";
import type { Catalog } from "@shenbao/rules";
import { ApiError, messageOf } from "../../api/apiClient.js";
import { editionApi } from "../../api/editionEndpoints.js";
import { identityApi, type IdDocType, type IdentityPage, type IdentityView } from "../../api/endpoints.js";
import { useSession } from "../../app/session.js";
import { useRequireSignIn } from "../../app/useRequireSignIn.js";
import { ActionBar, PageError, PageLoading } from "../../ui/PageState.js";
import { DocumentCapture, type CapturedPhoto } from "./DocumentCapture.js";
import { residentIdHint } from "./idNumberHints.js";
import { usePortal } from "../../app/portal.js";

const RESIDENT_ID: IdDocType = "resident_id";
const DOC_TYPES_CATALOG = "idDocumentTypes";

/** A method the user can pick: automatic checking is for resident ID cards only. */
interface Method {
  key: string;
  auto: boolean;
  docType: IdDocType;
  label: string;
}

interface Draft {
  name: string;
  idNumber: string;
  sex?: "male" | "female";
  birthDate?: string;
  front?: CapturedPhoto;
  back?: CapturedPhoto;
}

/** The methods in the guide's order: the two for resident ID cards, then the other documents of the edition. */
function methodsOf(catalog: Catalog | undefined): Method[] {
  const methods: Method[] = [
    { key: "auto", auto: true, docType: RESIDENT_ID, label: "身份证（自动核验）" },
    { key: "manual", auto: false, docType: RESIDENT_ID, label: "身份证（人工审核）" },
  ];
  for (const item of catalog?.items ?? []) {
    if (item.value === RESIDENT_ID) continue;
    methods.push({ key: item.value, auto: false, docType: item.value as IdDocType, label: item.label });
  }
  return methods;
}

/** The 实名认证 page at /identity. */
export function Identity() {
  const me = useRequireSignIn();
  const [page, setPage] = useState<IdentityPage>();
  const [docTypes, setDocTypes] = useState<Catalog>();
  const [error, setError] = useState<string>();
  const [redo, setRedo] = useState(false);

  const load = useCallback(() => {
    setError(undefined);
    identityApi.get().then(setPage, (failure: unknown) => setError(messageOf(failure)));
    // Document type names live in the edition's catalog; without it only the resident ID methods show.
    editionApi.current().then(
      (edition) => setDocTypes(edition.catalogs[DOC_TYPES_CATALOG]),
      () => setDocTypes(undefined),
    );
  }, []);
  useEffect(() => {
    if (me) load();
  }, [me, load]);

  if (!me || (page === undefined && error === undefined)) return <PageLoading />;
  if (page === undefined) return <PageError message={error ?? ""} onRetry={load} />;

  const identity = page.identity;
  const onDone = (next: IdentityView) => {
    setRedo(false);
    setPage({ ...page, identity: next });
  };
  if (identity && (identity.state === "verified" || identity.state === "pending")) {
    return <IdentityStatusView identity={identity} docTypes={docTypes} onWithdrawn={load} />;
  }
  return (
    <IdentityWizard
      page={page}
      methods={methodsOf(docTypes)}
      rejected={!redo && identity?.state === "rejected" ? identity : undefined}
      onRedo={() => setRedo(true)}
      onDone={onDone}
      onAttemptFailed={load}
    />
  );
}

/** 「认证成功」 or 「待认证」 with the details and 「撤回认证」 (ID-5). */
function IdentityStatusView({
  identity,
  docTypes,
  onWithdrawn,
}: {
  identity: IdentityView;
  docTypes: Catalog | undefined;
  onWithdrawn: () => void;
}) {
  const { modal, message } = App.useApp();
  const { refreshIdentity } = useSession();
  const navigate = useNavigate();
  const portal = usePortal();
  const verified = identity.state === "verified";
  const docLabel = docTypes?.items.find((item) => item.value === identity.docType)?.label ?? "";

  const withdraw = () =>
    modal.confirm({
      title: "撤回认证",
      content: "撤回后可以重新选择认证方式进行认证，认证成功前不能报名。确定撤回吗？",
      okText: "撤回认证",
      cancelText: "取消",
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await identityApi.withdraw();
          message.success("已撤回认证");
          void refreshIdentity();
          onWithdrawn();
        } catch (failure) {
          message.error(messageOf(failure));
        }
      },
    });

  return (
    <main className="sb-page sb-has-bar">
      <h1 className="sb-page-title">实名认证</h1>
      <Result
        status={verified ? "success" : "info"}
        title={verified ? "认证成功" : "待认证"}
        subTitle={verified ? undefined : "已提交人工审核，管理员审核通过后即为认证成功"}
      />
      <Card>
        <Space orientation="vertical">
          <div>
            状态：<Tag color={verified ? "success" : "processing"}>{identity.stateLabel}</Tag>
          </div>
          <div>名字：{identity.name}</div>
          <div>
            证件：{docLabel} {identity.idNumberMasked}
          </div>
          <div>认证方式：{identity.method === "auto" ? "自动核验" : "人工审核"}</div>
        </Space>
      </Card>
      <ActionBar>
        <Button danger onClick={withdraw}>
          撤回认证
        </Button>
        {verified && portal?.product && (
          <Button type="primary" onClick={() => navigate("/apply")}>
            {portal.product.apply}
          </Button>
        )}
      </ActionBar>
    </main>
  );
}

/** The three steps of a new attempt. */
function IdentityWizard({
  page,
  methods,
  rejected,
  onRedo,
  onDone,
  onAttemptFailed,
}: {
  page: IdentityPage;
  methods: Method[];
  rejected: IdentityView | undefined;
  onRedo: () => void;
  onDone: (identity: IdentityView) => void;
  onAttemptFailed: () => void;
}) {
  const { refreshIdentity } = useSession();
  const autoLeft = page.autoCheck.attemptsLeft;
  const [step, setStep] = useState(0);
  const [methodKey, setMethodKey] = useState(autoLeft > 0 ? "auto" : "manual");
  const [draft, setDraft] = useState<Draft>({ name: "", idNumber: "" });
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<{ message: string; offerManual: boolean }>();
  const method = methods.find((m) => m.key === methodKey) ?? methods[0]!;
  const resident = method.docType === RESIDENT_ID;
  const numberHint = resident ? residentIdHint(draft.idNumber) : undefined;
  const update = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  const infoReady = draft.name.trim() !== "" && draft.idNumber.trim() !== "" && numberHint === undefined;
  const photosReady = draft.front?.photoId !== undefined && (!resident || draft.back?.photoId !== undefined);

  const submit = async () => {
    if (!draft.front?.photoId) return;
    setSubmitting(true);
    setFailure(undefined);
    const base = {
      name: draft.name.trim(),
      idNumber: draft.idNumber.trim(),
      photoFront: draft.front.photoId,
      ...(draft.back?.photoId ? { photoBack: draft.back.photoId } : {}),
    };
    try {
      const answer = method.auto
        ? await identityApi.verify(base)
        : await identityApi.requestManual({
            ...base,
            docType: method.docType,
            ...(!resident && draft.sex ? { sex: draft.sex } : {}),
            ...(!resident && draft.birthDate ? { birthDate: draft.birthDate } : {}),
          });
      void refreshIdentity();
      onDone(answer.identity);
    } catch (error) {
      const code = error instanceof ApiError ? error.code : "";
      const attemptsLeft = error instanceof ApiError ? error.details.attemptsLeft : undefined;
      // ID-3: once the automatic budget is spent (or the service is down) the way on is manual review.
      const offerManual =
        method.auto &&
        (code === "identity_attempts_exhausted" ||
          code === "identity_check_unavailable" ||
          attemptsLeft === 0);
      const left =
        typeof attemptsLeft === "number" && attemptsLeft > 0 ? `（还可自动核验 ${attemptsLeft} 次）` : "";
      setFailure({ message: `${messageOf(error)}${left}`, offerManual });
      if (code === "id_number_invalid" || code === "identity_mismatch") setStep(1);
      if (method.auto) onAttemptFailed();
    } finally {
      setSubmitting(false);
    }
  };

  const switchToManual = () => {
    setMethodKey("manual");
    setFailure(undefined);
    setStep(2);
  };

  const steps = useMemo(() => [{ title: "选择方式" }, { title: "信息填写" }, { title: "证件扫描" }], []);

  return (
    <main className="sb-page sb-has-bar">
      <h1 className="sb-page-title">实名认证</h1>
      {rejected && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title="认证未通过"
          description={`驳回原因：${rejected.review?.reason ?? "未说明"}`}
          action={<Button onClick={onRedo}>重新认证</Button>}
        />
      )}
      <Steps
        current={step}
        size="small"
        responsive={false}
        titlePlacement="vertical"
        items={steps}
        style={{ marginBottom: 16 }}
      />
      {failure && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={failure.message}
          action={
            failure.offerManual ? (
              <Button type="primary" onClick={switchToManual}>
                改用身份证（人工审核）
              </Button>
            ) : undefined
          }
        />
      )}

      {step === 0 && (
        <Card title="选择认证方式">
          <Radio.Group
            value={methodKey}
            onChange={(event) => setMethodKey(event.target.value as string)}
            style={{ display: "flex", flexDirection: "column", gap: 12 }}
          >
            {methods.map((m) => (
              <Radio key={m.key} value={m.key} disabled={m.auto && autoLeft === 0} style={{ minHeight: 44 }}>
                {m.label}
                {m.auto &&
                  (autoLeft > 0 ? (
                    <Tag color="green" style={{ marginLeft: 8 }}>
                      推荐
                    </Tag>
                  ) : null)}
              </Radio>
            ))}
          </Radio.Group>
          {autoLeft === 0 && (
            <Typography.Paragraph type="warning" style={{ marginTop: 12 }}>
              自动核验失败次数过多，请选择「身份证（人工审核）」提交人工审核
            </Typography.Paragraph>
          )}
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            港澳台或外籍考生无法进行身份证（自动核验），请选择相应证件类型，提交后等待管理员审核。
          </Typography.Paragraph>
        </Card>
      )}

      {step === 1 && (
        <Card title="信息填写">
          <div className="sb-field">
            <label className="sb-field-label" htmlFor="sb-identity-name">
              真实名字
            </label>
            <Input
              id="sb-identity-name"
              value={draft.name}
              maxLength={60}
              autoComplete="name"
              onChange={(event) => update({ name: event.target.value })}
            />
          </div>
          <div className="sb-field">
            <label className="sb-field-label" htmlFor="sb-identity-number">
              {resident ? "身份证号码" : "证件号码"}
            </label>
            <Input
              id="sb-identity-number"
              value={draft.idNumber}
              maxLength={40}
              autoComplete="off"
              status={numberHint ? "error" : undefined}
              aria-describedby={numberHint ? "sb-identity-number-hint" : undefined}
              onChange={(event) => update({ idNumber: event.target.value })}
            />
            {numberHint && (
              <Typography.Text type="danger" id="sb-identity-number-hint">
                {numberHint}
              </Typography.Text>
            )}
          </div>
          {!resident && (
            <>
              <div className="sb-field" role="radiogroup" aria-labelledby="sb-identity-sex">
                <span className="sb-field-label" id="sb-identity-sex">
                  请选择男或女
                </span>
                <Radio.Group
                  value={draft.sex}
                  onChange={(event) => update({ sex: event.target.value as "male" | "female" })}
                >
                  <Radio value="male">男</Radio>
                  <Radio value="female">女</Radio>
                </Radio.Group>
              </div>
              <div className="sb-field">
                <label className="sb-field-label" htmlFor="sb-identity-birth">
                  出生年月日
                </label>
                {/* The phone's own date wheel: easier for older users than a calendar popup. */}
                <Input
                  id="sb-identity-birth"
                  type="date"
                  value={draft.birthDate ?? ""}
                  max={new Date().toISOString().slice(0, 10)}
                  onChange={(event) => update({ birthDate: event.target.value || undefined })}
                />
              </div>
            </>
          )}
        </Card>
      )}

      {step === 2 && (
        <Card title="证件扫描">
          <Typography.Paragraph type="secondary">
            请将证件平放，置于轮廓框内拍摄；拍摄后请检查照片是否清晰，不清晰可重拍。
          </Typography.Paragraph>
          <DocumentCapture
            label={resident ? "身份证人像面" : "证件资料页"}
            value={draft.front}
            onChange={(front) => update({ front })}
          />
          <DocumentCapture
            label={resident ? "身份证国徽面" : "证件背面（如有）"}
            value={draft.back}
            onChange={(back) => update({ back })}
          />
        </Card>
      )}

      <ActionBar>
        {step > 0 && (
          <Button disabled={submitting} onClick={() => setStep(step - 1)}>
            上一步
          </Button>
        )}
        {step < 2 ? (
          <Button type="primary" disabled={step === 1 && !infoReady} onClick={() => setStep(step + 1)}>
            下一步
          </Button>
        ) : (
          <Button
            type="primary"
            loading={submitting}
            disabled={!infoReady || !photosReady}
            onClick={() => void submit()}
          >
            {submitting ? (method.auto ? "正在核验…" : "正在提交…") : "提交认证"}
          </Button>
        )}
      </ActionBar>
    </main>
  );
}
