/**
 * The candidate's application (APP-1…APP-7): the edition's apply action, the candidate type first, then
 * the task list grouped as the edition says, 「提交上报」 with blockers as links, 「查看详情」, the PDF and
 * 「撤回」. Every title, type label and group comes from the edition or the server, none from this file.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { Link, useLocation, useNavigate } from "react-router";
import { Alert, App, Button, Card, Radio, Result, Space, Tag, Typography } from "antd";
import { CheckCircleFilled, LockOutlined } from "@ant-design/icons";
import { editionText, schemaAt, type Edition, type SectionError } from "@shenbao/rules";
import { ApiError, messageOf } from "../../api/apiClient.js";
import { applicationApi, type ApplicationView, type TaskView } from "../../api/endpoints.js";
import { useRequireSignIn } from "../../app/useRequireSignIn.js";
import { ActionBar, PageError, PageLoading } from "../../ui/PageState.js";
import { blockerHref, blockerText } from "./blockerLinks.js";
import { groupTasks, isOptionalAndEmpty, taskAction } from "./taskList.js";
import { useMyApplication } from "./useMyApplication.js";
import "./application.css";

/** The application page at /apply. */
export function Application() {
  const me = useRequireSignIn();
  const { data, error, reload, setApplication } = useMyApplication(me !== undefined);
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [starting, setStarting] = useState(false);
  const [choosingType, setChoosingType] = useState(false);
  const openTypeChoice = useCallback(() => setChoosingType(true), []);

  if (error) return <PageError message={error} onRetry={reload} />;
  if (!me || !data) return <PageLoading />;
  const { application, edition, identity } = data;

  // ID-1: no application before 认证成功 (the server refuses too; this says why and where to go).
  if (identity?.state !== "verified" && application === null) {
    const pending = identity?.state === "pending";
    return (
      <main className="sb-page">
        <Result
          status={pending ? "info" : "warning"}
          title={pending ? "实名认证待认证" : "请先完成实名认证"}
          subTitle={pending ? "实名认证审核通过（认证成功）后方可报名" : "认证成功后方可报名"}
          extra={
            <Button type="primary" onClick={() => navigate("/identity")}>
              {pending ? "查看认证状态" : "前往认证"}
            </Button>
          }
        />
      </main>
    );
  }

  if (application === null) {
    const start = async () => {
      setStarting(true);
      try {
        setApplication(await applicationApi.start());
        reload();
      } catch (failure) {
        message.error(messageOf(failure));
      } finally {
        setStarting(false);
      }
    };
    return (
      <main className="sb-page sb-has-bar">
        <h1 className="sb-page-title">{edition.title}</h1>
        <Card>
          <Typography.Paragraph>
            请按页面提示依次完成各项信息的填写，全部完成后「提交上报」。填写过程中可随时保存，下次登录继续填写。
          </Typography.Paragraph>
        </Card>
        <ActionBar>
          <Button type="primary" loading={starting} onClick={() => void start()}>
            {editionText(edition, "product.apply")}
          </Button>
        </ActionBar>
      </main>
    );
  }

  if (application.candidateType === null || choosingType) {
    return (
      <CandidateTypeChoice
        edition={edition}
        application={application}
        onChosen={(next) => {
          setChoosingType(false);
          setApplication(next);
        }}
        onCancel={application.candidateType === null ? undefined : () => setChoosingType(false)}
        onConflict={reload}
      />
    );
  }

  return (
    <TaskListPage
      edition={edition}
      application={application}
      onChange={setApplication}
      onChangeType={openTypeChoice}
      onConflict={reload}
    />
  );
}

/** APP-2: the candidate type, chosen first; a later change asks and warns what is removed. */
function CandidateTypeChoice({
  edition,
  application,
  onChosen,
  onCancel,
  onConflict,
}: {
  edition: Edition;
  application: ApplicationView;
  onChosen: (application: ApplicationView) => void;
  onCancel: (() => void) | undefined;
  onConflict: () => void;
}) {
  const { modal, message } = App.useApp();
  const current = application.candidateType;
  const [value, setValue] = useState<string | null>(current);
  const [saving, setSaving] = useState(false);

  const save = async (confirm: boolean) => {
    if (value === null) return;
    setSaving(true);
    try {
      onChosen(await applicationApi.chooseType(application.id, value, application.rev, confirm));
    } catch (failure) {
      message.error(messageOf(failure));
      if (failure instanceof ApiError && failure.isConflict) onConflict();
    } finally {
      setSaving(false);
    }
  };

  const choose = () => {
    if (value === null || value === current) return onCancel?.();
    if (current === null) return void save(false);
    // Type-specific sections (those with `appliesWhen`) that hold data are what the server drops (APP-2).
    // Not evaluated here: the rules package would add ajv to this chunk, and the server decides anyway.
    const dropped = application.tasks
      .filter((task) => task.updatedAt !== null)
      .filter(
        (task) => edition.sections.find((section) => section.key === task.key)?.appliesWhen !== undefined,
      )
      .map((task) => `「${task.title}」`);
    const label = edition.candidateTypes.find((type) => type.value === value)?.label ?? value;
    modal.confirm({
      title: `更换为「${label}」？`,
      content: `更换${edition.candidateTypeTitle}后，不适用于新类型的部分中已填写的内容将被清除，且不能恢复${
        dropped.length > 0 ? `（${dropped.join("、")}）` : ""
      }。确定更换吗？`,
      okText: "确定更换",
      cancelText: "取消",
      okButtonProps: { danger: true },
      onOk: () => save(true),
    });
  };

  return (
    <main className="sb-page sb-has-bar" id="candidateType">
      <h1 className="sb-page-title">选择{edition.candidateTypeTitle}</h1>
      <Card>
        <Typography.Paragraph type="secondary">
          不同类型填写的内容以及上传的附件会略有不同，请根据本人情况选择。
        </Typography.Paragraph>
        <Radio.Group
          value={value}
          onChange={(event) => setValue(event.target.value as string)}
          aria-label={edition.candidateTypeTitle}
          className="sb-type-choice"
        >
          {edition.candidateTypes.map((type) => (
            <Radio key={type.value} value={type.value} className="sb-type-option">
              {type.label}
            </Radio>
          ))}
        </Radio.Group>
      </Card>
      <ActionBar>
        {onCancel && <Button onClick={onCancel}>取消</Button>}
        <Button type="primary" disabled={value === null} loading={saving} onClick={choose}>
          确定
        </Button>
      </ActionBar>
    </main>
  );
}

/** The title of the field at `path` of section `key`, or the path when the schema has none. */
function fieldLabel(edition: Edition, key: string, path: string): string {
  const schema = edition.sections.find((section) => section.key === key)?.schema;
  const title = schema && schemaAt(schema, path)?.title;
  return typeof title === "string" ? title : path;
}

/** One row: the section title, its status button and a returned section's comment. */
function TaskRow({ task, submitted, edition }: { task: TaskView; submitted: boolean; edition: Edition }) {
  const navigate = useNavigate();
  const action = taskAction(task.status, isOptionalAndEmpty(task));
  const open = () => navigate(`/apply/sections/${encodeURIComponent(task.key)}`);
  return (
    <li className="sb-task">
      <div className="sb-task-main">
        <span className="sb-task-title">
          {action.done ? (
            <CheckCircleFilled className="sb-task-done" aria-label="已完成" />
          ) : (
            <span className="sb-task-todo" aria-hidden="true" />
          )}
          {task.title}
          {!task.requiredForSubmit && <Typography.Text type="secondary">（选填）</Typography.Text>}
          {task.formUpdated && !submitted && (
            <Tag color="blue" className="sb-task-updated">
              表单已更新，请核对
            </Tag>
          )}
        </span>
        <Button
          type={action.tone === "primary" ? "primary" : "default"}
          danger={action.tone === "danger"}
          icon={action.tone === "locked" ? <LockOutlined /> : undefined}
          onClick={open}
          aria-label={`${task.title} ${submitted && !action.readOnly ? "查看" : action.label}`}
        >
          {submitted && !action.readOnly ? "查看" : action.label}
        </Button>
      </div>
      {(task.comment || task.fieldComments.length > 0) && (
        <Alert
          type="warning"
          showIcon
          title="审核意见"
          description={
            <>
              {task.comment}
              {task.fieldComments.length > 0 && (
                <ul className="sb-field-comments">
                  {task.fieldComments.map((note) => (
                    <li key={note.path}>
                      {fieldLabel(edition, task.key, note.path)}：{note.comment}
                    </li>
                  ))}
                </ul>
              )}
            </>
          }
          className="sb-task-comment"
        />
      )}
    </li>
  );
}

/** The task list, blockers and the bottom bar of a draft or submitted application. */
function TaskListPage({
  edition,
  application,
  onChange,
  onChangeType,
  onConflict,
}: {
  edition: Edition;
  application: ApplicationView;
  onChange: (application: ApplicationView) => void;
  onChangeType: () => void;
  onConflict: () => void;
}) {
  const { modal, message } = App.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const [busy, setBusy] = useState<"submit" | "withdraw">();
  const [blockers, setBlockers] = useState<SectionError[]>();
  const blockersRef = useRef<HTMLDivElement>(null);
  const submitted = application.status === "submitted";
  const typeLabel = edition.candidateTypes.find((type) => type.value === application.candidateType)?.label;

  const fail = (failure: unknown) => {
    message.error(messageOf(failure));
    if (failure instanceof ApiError && failure.isConflict) onConflict();
  };

  const submit = async () => {
    setBusy("submit");
    setBlockers(undefined);
    try {
      onChange(await applicationApi.submit(application.id, application.rev));
      message.success("提交成功");
    } catch (failure) {
      const list = failure instanceof ApiError ? failure.details.blockers : undefined;
      if (Array.isArray(list)) {
        setBlockers(list as SectionError[]);
        requestAnimationFrame(() =>
          blockersRef.current?.scrollIntoView({ behavior: "smooth", block: "start" }),
        );
      } else fail(failure);
    } finally {
      setBusy(undefined);
    }
  };

  const withdraw = () =>
    modal.confirm({
      title: "撤回申报",
      content: "撤回后可以修改未锁定的内容，修改完成后需要重新「提交上报」。确定撤回吗？",
      okText: "撤回",
      cancelText: "取消",
      onOk: async () => {
        setBusy("withdraw");
        try {
          onChange(await applicationApi.withdraw(application.id, application.rev));
          message.success("已撤回，可修改后重新提交");
        } catch (failure) {
          fail(failure);
        } finally {
          setBusy(undefined);
        }
      },
    });

  // A blocker about the candidate type links here with #candidateType: open the choice.
  useEffect(() => {
    if (location.hash !== "#candidateType" || submitted) return;
    navigate("/apply", { replace: true });
    onChangeType();
  }, [location.hash, submitted, navigate, onChangeType]);

  return (
    <main className="sb-page sb-has-bar">
      <h1 className="sb-page-title">{edition.title}</h1>
      <Card style={{ marginBottom: 16 }}>
        <Space wrap>
          <span>
            {edition.candidateTypeTitle}：<strong>{typeLabel}</strong>
          </span>
          {!submitted && (
            <Button size="small" onClick={onChangeType}>
              更换类型
            </Button>
          )}
          <Tag color={submitted ? "success" : "default"}>{submitted ? "已提交" : "填报中"}</Tag>
          {application.review && <Tag color="processing">{application.review.stageLabel}</Tag>}
        </Space>
        {submitted && application.submittedAt && (
          <Typography.Paragraph type="secondary" style={{ margin: "8px 0 0" }}>
            提交时间：{new Date(application.submittedAt).toLocaleString("zh-CN")}
          </Typography.Paragraph>
        )}
      </Card>

      {application.review?.onsite && submitted && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={application.review.onsite.instruction}
          description={
            <>
              {application.review.onsite.address && <div>地址：{application.review.onsite.address}</div>}
              {application.review.onsite.phone && <div>电话：{application.review.onsite.phone}</div>}
            </>
          }
        />
      )}

      {blockers && (
        <div ref={blockersRef}>
          <Alert
            type="error"
            showIcon
            role="alert"
            style={{ marginBottom: 16 }}
            title="报名信息尚未完善，不能提交。请逐项完善："
            description={
              <ul className="sb-blockers">
                {blockers.map((blocker) => (
                  <li key={`${blocker.section}:${blocker.path}:${blocker.message}`}>
                    <Link to={blockerHref(blocker)}>{blockerText(blocker, edition)}</Link>
                  </li>
                ))}
              </ul>
            }
          />
        </div>
      )}

      {groupTasks(application.tasks).map((group) => (
        <Card
          key={group.title ?? group.tasks[0]?.key}
          title={group.title ?? undefined}
          style={{ marginBottom: 16 }}
          styles={{ body: { padding: "4px 16px" } }}
        >
          <ul className="sb-tasks">
            {group.tasks.map((task) => (
              <TaskRow key={task.key} task={task} submitted={submitted} edition={edition} />
            ))}
          </ul>
        </Card>
      ))}
      {!submitted && !application.blockers.canSubmit && !blockers && (
        <Typography.Paragraph type="secondary">
          除选填项外，全部内容完成后方可提交上报（尚有 {application.blockers.items.length} 处待完善）。
        </Typography.Paragraph>
      )}

      <ActionBar>
        <Button onClick={() => navigate("/apply/details")}>查看详情</Button>
        {submitted ? (
          <>
            <Button href={applicationApi.pdfUrl(application.id)} download>
              下载申请表
            </Button>
            <Button danger loading={busy === "withdraw"} onClick={withdraw}>
              撤回
            </Button>
          </>
        ) : (
          <Button type="primary" loading={busy === "submit"} onClick={() => void submit()}>
            {busy === "submit" ? "正在提交…" : "提交上报"}
          </Button>
        )}
      </ActionBar>
    </main>
  );
}
