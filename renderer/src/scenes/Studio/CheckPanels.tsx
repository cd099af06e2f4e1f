/**
 * The studio's 检查, 规则测试 and 差异 tabs (issue 9, FORM-3, FORM-4): the linter's findings (a click opens
 * the file at the pointer), the draft's examples run in the page (valid must pass, invalid must fail as named),
 * and the changes against another version, before → after.
 */
import { useMemo } from "react";
import { Alert, Button, List, Select, Space, Table, Tag, Typography } from "antd";
import { checkSection, type Edition, type Json } from "@shenbao/rules";
import {
  chineseLintMessage,
  formExampleAnswers,
  verifyExamples,
  type EditionChange,
} from "@shenbao/forms/browser";
import type { LintFinding } from "./studioApi.js";

/** 检查: every finding; clicking one opens its file at its pointer. */
export function LintPanel(props: {
  findings: LintFinding[] | undefined;
  error?: string;
  onOpen(finding: LintFinding): void;
  onRefresh(): void;
}) {
  if (props.error !== undefined) return <Alert type="error" title={props.error} />;
  return (
    <div>
      <Space style={{ marginBottom: 8 }}>
        <Button onClick={props.onRefresh}>重新检查</Button>
        {props.findings !== undefined &&
          (props.findings.length === 0 ? (
            <Tag color="green">没有发现问题</Tag>
          ) : (
            <Tag color="red">{props.findings.length} 处问题</Tag>
          ))}
      </Space>
      <List
        bordered
        loading={props.findings === undefined}
        dataSource={props.findings ?? []}
        locale={{ emptyText: "没有发现问题" }}
        renderItem={(finding) => (
          <List.Item>
            <Button
              type="link"
              onClick={() => props.onOpen(finding)}
              style={{ whiteSpace: "normal", textAlign: "left", height: "auto" }}
            >
              {finding.file} {finding.pointer || "/"}
            </Button>
            <span>{finding.message}</span>
          </List.Item>
        )}
      />
    </div>
  );
}

interface ExampleRow {
  file: string;
  kind: "valid" | "invalid";
  passed: boolean;
  problems: string[];
  messages: string[];
}

/** Runs every example of `edition` in the page; the messages an invalid one gets are shown beside it. */
export function runExamples(edition: Edition): ExampleRow[] {
  const forms = [...edition.sections, ...edition.forms];
  return verifyExamples(edition).map(({ example, problems }) => {
    let messages: string[] = [];
    if (example.kind === "invalid") {
      const form = forms.find((f) => f.examples.includes(example));
      try {
        messages =
          form === undefined
            ? []
            : checkSection(edition, form.key, formExampleAnswers(form, example)).map(
                (error) => `${error.path || "（整个栏目）"}：${error.message}`,
              );
      } catch {
        messages = [];
      }
    }
    return {
      file: example.file,
      kind: example.kind,
      passed: problems.length === 0,
      problems: problems.map((problem) => chineseLintMessage(problem).message),
      messages,
    };
  });
}

/** 规则测试. */
export function RuleTestsPanel(props: {
  edition: Edition | undefined;
  error?: string;
  onOpen(file: string): void;
}) {
  const rows = useMemo(
    () => (props.edition === undefined ? undefined : runExamples(props.edition)),
    [props.edition],
  );
  if (props.error !== undefined) return <Alert type="error" title={props.error} />;
  const failed = rows?.filter((row) => !row.passed).length ?? 0;
  return (
    <div>
      {rows !== undefined && (
        <Alert
          style={{ marginBottom: 8 }}
          type={failed === 0 ? "success" : "error"}
          title={
            failed === 0 ? `全部 ${rows.length} 个示例通过` : `${failed} 个示例未通过（共 ${rows.length} 个）`
          }
        />
      )}
      <Table<ExampleRow>
        size="small"
        rowKey="file"
        loading={rows === undefined}
        dataSource={rows ?? []}
        pagination={false}
        columns={[
          {
            title: "示例",
            dataIndex: "file",
            render: (file: string) => (
              <Button
                type="link"
                onClick={() => props.onOpen(file)}
                style={{ padding: 0, whiteSpace: "normal", height: "auto", textAlign: "left" }}
              >
                {file}
              </Button>
            ),
          },
          {
            title: "应当",
            dataIndex: "kind",
            width: 90,
            render: (kind: string) => (kind === "valid" ? "通过" : "出错"),
          },
          {
            title: "结果",
            dataIndex: "passed",
            width: 90,
            render: (passed: boolean) =>
              passed ? <Tag color="green">符合</Tag> : <Tag color="red">不符合</Tag>,
          },
          {
            title: "说明",
            render: (_: unknown, row: ExampleRow) => (
              <>
                {row.problems.map((problem) => (
                  <Typography.Paragraph key={problem} type="danger" style={{ margin: 0 }}>
                    {problem}
                  </Typography.Paragraph>
                ))}
                {row.messages.map((message) => (
                  <Typography.Paragraph key={message} type="secondary" style={{ margin: 0 }}>
                    {message}
                  </Typography.Paragraph>
                ))}
              </>
            ),
          },
        ]}
      />
    </div>
  );
}

const KIND: Record<EditionChange["kind"], string> = {
  edition: "表单",
  section: "栏目",
  form: "附表",
  field: "字段",
  rule: "规则",
  catalog: "目录",
  text: "文字",
  binding: "设置",
};
const CHANGE: Record<EditionChange["change"], [string, string]> = {
  added: ["新增", "green"],
  removed: ["删除", "red"],
  changed: ["修改", "orange"],
};
const show = (value: Json) =>
  value === null ? "—" : typeof value === "string" ? value : JSON.stringify(value);

/** 差异: the changes against another version. */
export function DiffPanel(props: {
  against: string | undefined;
  options: string[];
  onAgainst(value: string): void;
  changes: EditionChange[] | undefined;
  error?: string;
}) {
  return (
    <div>
      <Space style={{ marginBottom: 8 }}>
        <span>对比版本</span>
        <Select
          aria-label="对比版本"
          value={props.against}
          style={{ minWidth: 240 }}
          options={props.options.map((value) => ({ value, label: value }))}
          onChange={props.onAgainst}
        />
      </Space>
      {props.error !== undefined ? (
        <Alert type="error" title={props.error} />
      ) : props.against === undefined ? (
        <Alert type="info" title="没有可对比的已发布版本" />
      ) : (
        <Table<EditionChange>
          size="small"
          loading={props.changes === undefined}
          dataSource={props.changes ?? []}
          rowKey={(change) => `${change.kind}:${change.form ?? ""}:${change.path}:${change.change}`}
          pagination={false}
          locale={{ emptyText: "没有变化" }}
          columns={[
            {
              title: "类别",
              dataIndex: "kind",
              width: 70,
              render: (kind: EditionChange["kind"]) => KIND[kind],
            },
            {
              title: "变化",
              dataIndex: "change",
              width: 70,
              render: (change: EditionChange["change"]) => (
                <Tag color={CHANGE[change][1]}>{CHANGE[change][0]}</Tag>
              ),
            },
            {
              title: "位置",
              render: (_: unknown, change: EditionChange) =>
                change.form === undefined ? change.path : `${change.form} · ${change.path}`,
            },
            {
              title: "修改前 → 修改后",
              render: (_: unknown, change: EditionChange) =>
                (change.details ?? []).map((detail) => (
                  <div key={detail.what}>
                    <Typography.Text code>{detail.what}</Typography.Text> {show(detail.before)} →{" "}
                    {show(detail.after)}
                  </div>
                )),
            },
          ]}
        />
      )}
    </div>
  );
}
