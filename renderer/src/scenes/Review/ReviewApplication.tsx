/**
 * One application for reviewers at /review/:id (REV-1…REV-3, REV-6): every section read-only with its
 * attachments, 「锁定」 or 「退回修改」 with a comment and field comments, what changed since a return, the
 * teachers' signatures and evaluations, cross-application findings, the edition's onsite form at the county,
 * 「审核通过」 to the next level, the full ID number on request (audited) and the audit trail.
 */
import { useCallback, useEffect, useMemo, useState } from "react";
import { useParams } from "react-router";
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import { editionBindings, isObject, type Edition } from "@shenbao/rules";
import { ApiError, messageOf } from "../../api/apiClient.js";
import { createApplicationAttachmentClient } from "../../api/applicationAttachmentClient.js";
import { editionApi } from "../../api/editionEndpoints.js";
import {
  reviewApi,
  type AuditEventView,
  type FieldComment,
  type ReviewApplicationView,
} from "../../api/reviewEndpoints.js";
import { useRequireSignIn } from "../../app/useRequireSignIn.js";
import { FormEngine } from "../../formEngine/FormEngine.js";
import { PageError, PageLoading } from "../../ui/PageState.js";

const ignoreSave = () => Promise.resolve();

/** The reviewer's page of one application. */
export function ReviewApplication() {
  const me = useRequireSignIn();
  const { id = "" } = useParams();
  const { message } = App.useApp();
  const [view, setView] = useState<ReviewApplicationView>();
  const [edition, setEdition] = useState<Edition>();
  const [audit, setAudit] = useState<AuditEventView[]>();
  const [error, setError] = useState<string>();
  const [deciding, setDeciding] = useState<{ key: string; title: string }>();
  const [comment, setComment] = useState("");
  const [notes, setNotes] = useState<FieldComment[]>([]);
  const [fullNumber, setFullNumber] = useState<string>();
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      const loaded = await reviewApi.application(id);
      setView(loaded);
      setEdition(await editionApi.version(loaded.editionKey, loaded.editionVersion));
      setAudit((await reviewApi.audit(id)).items);
    } catch (failure) {
      setError(messageOf(failure));
    }
  }, [id]);
  useEffect(() => {
    if (me) void load();
  }, [me, load]);

  const clients = useMemo(
    () =>
      Object.fromEntries(
        (view?.sections ?? []).map((s) => [s.key, createApplicationAttachmentClient(id, s.key)]),
      ),
    [view?.sections, id],
  );

  if (error) return <PageError message={error} onRetry={() => void load()} />;
  if (!me || !view || !edition) return <PageLoading />;
  const sectionsData = Object.fromEntries(view.sections.map((s) => [s.key, s.data]));
  const onsiteForm = editionBindings(edition).onsite.form;
  const onsiteTitle = edition.forms.find((form) => form.key === onsiteForm)?.title;

  const act = async (run: () => Promise<ReviewApplicationView>, done: string) => {
    setBusy(true);
    try {
      setView(await run());
      setAudit((await reviewApi.audit(id)).items);
      message.success(done);
      return true;
    } catch (failure) {
      message.error(messageOf(failure));
      if (failure instanceof ApiError && failure.isConflict) void load();
      return false;
    } finally {
      setBusy(false);
    }
  };
  const fieldsOf = (key: string) => {
    const schema = edition.sections.find((s) => s.key === key)?.schema;
    const properties = schema && isObject(schema.properties) ? schema.properties : {};
    return Object.entries(properties).map(([name, field]) => ({
      value: name,
      label: isObject(field) && typeof field.title === "string" ? field.title : name,
    }));
  };

  return (
    <main className="sb-page sb-page-wide">
      <h1 className="sb-page-title">
        {view.applicant?.name ?? "申请"} <Tag color="processing">{view.stageLabel}</Tag>
      </h1>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label="证件号码">
            {fullNumber ?? view.applicant?.idNumberMasked}
            {view.can.viewIdentity && !fullNumber && (
              <Button
                size="small"
                type="link"
                onClick={() =>
                  reviewApi.identity(id).then(
                    (identity) => setFullNumber(identity.idNumber),
                    (failure: unknown) => message.error(messageOf(failure)),
                  )
                }
              >
                查看完整号码和证件照（将记录在审计日志中）
              </Button>
            )}
          </Descriptions.Item>
          {fullNumber && (
            <Descriptions.Item label="证件照">
              <Space wrap>
                {(["front", "back"] as const).map((side) => (
                  <a key={side} href={reviewApi.identityPhotoUrl(id, side)} target="_blank" rel="noreferrer">
                    {side === "front" ? "人像面" : "国徽面"}
                  </a>
                ))}
                <Typography.Text type="secondary">（每次查看均记录在审计日志中）</Typography.Text>
              </Space>
            </Descriptions.Item>
          )}
          <Descriptions.Item label={edition.candidateTypeTitle}>
            {edition.candidateTypes.find((t) => t.value === view.candidateType)?.label}
          </Descriptions.Item>
          <Descriptions.Item label="确认地点">{view.route.names.join(" / ")}</Descriptions.Item>
          <Descriptions.Item label="提交时间">
            {view.submittedAt ? new Date(view.submittedAt).toLocaleString("zh-CN") : "—"}
          </Descriptions.Item>
        </Descriptions>
        {view.checks.map((check) => (
          <Alert key={check.message} type="warning" showIcon title={check.message} style={{ marginTop: 8 }} />
        ))}
      </Card>

      {view.sections.map((section) => (
        <Card
          key={section.key}
          title={
            <Space>
              {section.title}
              <Tag
                color={
                  section.status === "已锁定"
                    ? "success"
                    : section.status === "退回修改"
                      ? "error"
                      : "default"
                }
              >
                {section.status}
              </Tag>
            </Space>
          }
          extra={
            view.can.decide && (
              <Space>
                <Button
                  disabled={busy || view.status !== "submitted" || section.status === "已锁定"}
                  onClick={() =>
                    void act(
                      () =>
                        reviewApi.decide(id, section.key, {
                          decision: "locked",
                          comment: "",
                          fieldComments: [],
                          rev: view.rev,
                        }),
                      `${section.title}已锁定`,
                    )
                  }
                >
                  锁定
                </Button>
                <Button
                  danger
                  disabled={busy}
                  onClick={() => setDeciding({ key: section.key, title: section.title })}
                >
                  退回修改
                </Button>
              </Space>
            )
          }
          style={{ marginBottom: 16 }}
        >
          {section.review?.comment && (
            <Typography.Paragraph type="secondary">审核意见：{section.review.comment}</Typography.Paragraph>
          )}
          {section.changes && (
            <Alert
              type={section.changes.length > 0 ? "info" : "warning"}
              showIcon
              style={{ marginBottom: 12 }}
              title={section.changes.length > 0 ? "退回后考生修改的内容" : "退回后考生尚未修改该部分"}
              description={
                section.changes.length > 0 && (
                  <ul>
                    {section.changes.map((change) => (
                      <li key={change.path}>
                        {change.label}：{change.beforeText ?? "（空）"} → {change.afterText ?? "（空）"}
                      </li>
                    ))}
                  </ul>
                )
              }
            />
          )}
          <FormEngine
            edition={edition}
            sectionKey={section.key}
            candidateType={view.candidateType ?? undefined}
            answers={section.data}
            sections={sectionsData}
            readOnly
            onSave={ignoreSave}
            attachmentClient={clients[section.key]!}
            fieldNotes={Object.fromEntries(
              (section.review?.fieldComments ?? []).map((n) => [n.path, n.comment]),
            )}
          />
        </Card>
      ))}

      <Card title="老师签名与评价" style={{ marginBottom: 16 }}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={view.teachers}
          columns={[
            { title: "类型", dataIndex: "roleTitle" },
            { title: "姓名", dataIndex: "teacherName" },
            { title: "证件号码", dataIndex: "teacherMaskedIdNumber" },
            { title: "状态", dataIndex: "stateLabel" },
            {
              title: "签名时间",
              dataIndex: "signedAt",
              render: (at: string | null) => (at ? new Date(at).toLocaleString("zh-CN") : "—"),
            },
          ]}
          expandable={{
            rowExpandable: (row) => row.evaluation !== null,
            expandedRowRender: (row) =>
              edition.bindings?.evaluation && row.evaluation ? (
                <FormEngine
                  edition={edition}
                  sectionKey={edition.bindings.evaluation.form}
                  answers={row.evaluation}
                  readOnly
                  onSave={ignoreSave}
                  attachmentClient={clients[view.sections[0]?.key ?? ""]!}
                />
              ) : null,
          }}
        />
      </Card>

      {onsiteForm && onsiteTitle && (
        <Card title={onsiteTitle} style={{ marginBottom: 16 }}>
          {view.onsite && (
            <Typography.Paragraph type="secondary">
              已于 {new Date(view.onsite.at).toLocaleString("zh-CN")} 记录
            </Typography.Paragraph>
          )}
          <FormEngine
            edition={edition}
            sectionKey={onsiteForm}
            candidateType={view.candidateType ?? undefined}
            sections={sectionsData}
            answers={view.onsite?.answers ?? { division: view.route.county }}
            readOnly={!view.can.confirmOnsite}
            onSave={async (answers) => {
              setView(await reviewApi.onsite(id, answers, view.rev));
              setAudit((await reviewApi.audit(id)).items);
            }}
            attachmentClient={clients[view.sections[0]?.key ?? ""]!}
          />
        </Card>
      )}

      {view.can.pass && (
        <Card style={{ marginBottom: 16 }}>
          {view.passBlockers.map((blocker) => (
            <Alert key={blocker} type="warning" showIcon title={blocker} style={{ marginBottom: 8 }} />
          ))}
          <Button
            type="primary"
            disabled={busy || view.passBlockers.length > 0}
            onClick={() => void act(() => reviewApi.pass(id, view.rev), "已审核通过")}
          >
            审核通过
          </Button>
        </Card>
      )}

      <Card title="审计记录">
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={audit ?? []}
          columns={[
            { title: "时间", dataIndex: "at", render: (at: string) => new Date(at).toLocaleString("zh-CN") },
            { title: "操作人", dataIndex: "actor" },
            { title: "操作", dataIndex: "action" },
            {
              title: "变更前",
              dataIndex: "before",
              render: (value: unknown) => <code>{JSON.stringify(value)}</code>,
            },
            {
              title: "变更后",
              dataIndex: "after",
              render: (value: unknown) => <code>{JSON.stringify(value)}</code>,
            },
          ]}
          scroll={{ x: 960 }}
        />
      </Card>

      <Modal
        open={deciding !== undefined}
        title={`退回修改：${deciding?.title ?? ""}`}
        okText="退回修改"
        cancelText="取消"
        okButtonProps={{
          danger: true,
          loading: busy,
          disabled: comment.trim() === "" && notes.every((n) => n.comment.trim() === ""),
        }}
        onCancel={() => setDeciding(undefined)}
        onOk={async () => {
          if (!deciding) return;
          const ok = await act(
            () =>
              reviewApi.decide(id, deciding.key, {
                decision: "returned",
                comment,
                fieldComments: notes.filter((n) => n.path !== ""),
                rev: view.rev,
              }),
            "已退回考生修改",
          );
          if (ok) {
            setDeciding(undefined);
            setComment("");
            setNotes([]);
          }
        }}
      >
        <label htmlFor="sb-return-comment">退回意见（考生可见）</label>
        <Input.TextArea
          id="sb-return-comment"
          rows={3}
          maxLength={1000}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
        {notes.map((note, index) => (
          <Space key={index} style={{ marginTop: 8, width: "100%" }} wrap>
            <Select
              aria-label="批注栏目"
              style={{ width: 200 }}
              value={note.path || undefined}
              placeholder="选择栏目"
              options={deciding ? fieldsOf(deciding.key) : []}
              onChange={(path: string) =>
                setNotes((list) => list.map((n, i) => (i === index ? { ...n, path } : n)))
              }
            />
            <Input
              aria-label="栏目批注"
              style={{ width: 240 }}
              maxLength={500}
              value={note.comment}
              onChange={(e) =>
                setNotes((list) => list.map((n, i) => (i === index ? { ...n, comment: e.target.value } : n)))
              }
            />
          </Space>
        ))}
        <Button
          style={{ marginTop: 8 }}
          onClick={() => setNotes((list) => [...list, { path: "", comment: "" }])}
        >
          添加栏目批注
        </Button>
      </Modal>
    </main>
  );
}
