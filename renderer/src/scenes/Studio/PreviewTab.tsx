/**
 * 预览: the draft in the real FormEngine with its own generated validators (issue 9, FORM-5). Switch the
 * candidate type and the form, load any example's answers, and see which sections apply, the messages the
 * rules give for the current answers and what would block submitting. Everything runs in the page: typing
 * and 「保存」 here never call the server. 「添加为示例」 turns the current answers into an example file.
 */
import { useMemo, useState } from "react";
import { Alert, Button, Card, Form, Input, List, Modal, Radio, Select, Space, Tag, Typography } from "antd";
import {
  applicationBlockers,
  checkSection,
  sectionApplies,
  type Answers,
  type Edition,
  type SectionData,
} from "@shenbao/rules";
import { FormEngine } from "../../formEngine/FormEngine.js";
import { createMemoryAttachmentClient } from "../../formEngine/memoryAttachmentClient.js";

export interface PreviewTabProps {
  edition: Edition;
  /** Adds an example file to the draft (path → text); absent for a published version. */
  onAddExample?: (path: string, text: string) => void;
}

const NO_EXAMPLE = "";

interface ExampleData {
  description?: string;
  candidateType?: string;
  sections?: Record<string, SectionData>;
  answers?: SectionData;
}

/** The 预览 tab. */
export function PreviewTab({ edition, onAddExample }: PreviewTabProps) {
  const forms = [...edition.sections, ...edition.forms];
  const [formKey, setFormKey] = useState(forms[0]?.key ?? "");
  const [answers, setAnswers] = useState<Answers>({
    ...(edition.candidateTypes[0] === undefined ? {} : { candidateType: edition.candidateTypes[0].value }),
    sections: {},
  });
  const [exampleFile, setExampleFile] = useState(NO_EXAMPLE);
  // A new session restarts the FormEngine with the answers held here.
  const [session, setSession] = useState(0);
  const [adding, setAdding] = useState(false);
  const [addForm] = Form.useForm<{ description: string; kind: "valid" | "invalid" }>();
  const attachmentClient = useMemo(() => createMemoryAttachmentClient(), []);
  const form = forms.find((f) => f.key === formKey) ?? forms[0];

  const examples = useMemo(() => {
    const own = (form?.examples ?? []).map((example) => ({ example, whole: false }));
    const whole = edition.examples.map((example) => ({ example, whole: true }));
    return [...own, ...whole];
  }, [form, edition]);

  if (form === undefined) return <Alert type="warning" title="该草稿没有栏目" />;

  const restart = (next: Answers) => {
    setAnswers(next);
    setSession((n) => n + 1);
  };
  const loadExample = (file: string) => {
    setExampleFile(file);
    const found = examples.find(({ example }) => example.file === file);
    if (found === undefined) {
      restart({ ...answers, sections: {} });
      return;
    }
    const data = found.example.data as ExampleData;
    const sections: Record<string, SectionData | undefined> = { ...data.sections };
    if (!found.whole && data.answers !== undefined) sections[form.key] = data.answers;
    restart({ candidateType: data.candidateType ?? answers.candidateType, sections } as Answers);
  };

  const applies = sectionApplies(edition, form.key, answers);
  const errors = applies ? checkSection(edition, form.key, answers) : [];
  const blockers = applicationBlockers(edition, answers);
  const titleOf = (key: string) => forms.find((f) => f.key === key)?.title ?? key;
  const isSection = edition.sections.some((s) => s.key === form.key);

  const addExample = async () => {
    const { description, kind } = await addForm.validateFields();
    const folder = isSection ? "sections" : "forms";
    const stamp = new Date()
      .toISOString()
      .replace(/[-:T.Z]/g, "")
      .slice(0, 14);
    const path = `${folder}/${form.key}/examples/${kind}-studio-${stamp}.json`;
    const others = Object.fromEntries(
      Object.entries(answers.sections).filter(([key, data]) => key !== form.key && data !== undefined),
    );
    const example = {
      description,
      ...(answers.candidateType === undefined ? {} : { candidateType: answers.candidateType }),
      ...(Object.keys(others).length > 0 ? { sections: others } : {}),
      answers: answers.sections[form.key] ?? {},
      ...(kind === "invalid" ? { expect: { errors: errors.map((error) => error.path) } } : {}),
    };
    onAddExample?.(path, `${JSON.stringify(example, null, 2)}\n`);
    setAdding(false);
    addForm.resetFields();
  };

  return (
    <div className="sb-studio-preview">
      <div className="sb-studio-preview-form">
        <Card size="small" style={{ marginBottom: 12 }}>
          <Space wrap>
            <Select
              aria-label="表单"
              value={form.key}
              style={{ minWidth: 180 }}
              options={forms.map((f) => ({ value: f.key, label: f.title }))}
              onChange={(key: string) => {
                setFormKey(key);
                setExampleFile(NO_EXAMPLE);
                setSession((n) => n + 1);
              }}
            />
            <Select
              aria-label={edition.candidateTypeTitle}
              value={answers.candidateType}
              style={{ minWidth: 200 }}
              options={edition.candidateTypes.map((t) => ({ value: t.value, label: t.label }))}
              onChange={(candidateType: string) => restart({ ...answers, candidateType })}
            />
            <Select
              aria-label="示例答案"
              value={exampleFile}
              style={{ minWidth: 240, maxWidth: 420 }}
              options={[
                { value: NO_EXAMPLE, label: "空白" },
                ...examples.map(({ example, whole }) => {
                  const description = (example.data as ExampleData).description;
                  const name = example.file.split("/").at(-1) ?? example.file;
                  return {
                    value: example.file,
                    label: `${whole ? "整份申请 · " : ""}${name}${description ? ` · ${description}` : ""}`,
                  };
                }),
              ]}
              onChange={loadExample}
            />
            {onAddExample !== undefined && <Button onClick={() => setAdding(true)}>添加为示例</Button>}
          </Space>
        </Card>
        {applies ? (
          <FormEngine
            key={`${form.key}\n${session}\n${answers.candidateType ?? ""}`}
            edition={edition}
            sectionKey={form.key}
            {...(answers.candidateType === undefined ? {} : { candidateType: answers.candidateType })}
            answers={answers.sections[form.key]}
            sections={answers.sections}
            attachmentClient={attachmentClient}
            onSave={(data) => {
              setAnswers((current) => ({ ...current, sections: { ...current.sections, [form.key]: data } }));
              return Promise.resolve();
            }}
          />
        ) : (
          <Alert type="info" title={`「${form.title}」不适用于所选的${edition.candidateTypeTitle}`} />
        )}
      </div>
      <aside className="sb-studio-preview-side" aria-label="预览结果">
        <Card size="small" title="适用的栏目" style={{ marginBottom: 12 }}>
          <Space wrap>
            {edition.sections.map((section) => {
              const on = sectionApplies(edition, section.key, answers);
              return (
                <Tag key={section.key} color={on ? "green" : "default"}>
                  {section.title}
                  {on ? "" : "（不适用）"}
                </Tag>
              );
            })}
          </Space>
        </Card>
        <Card size="small" title={`本栏目的提示（${errors.length}）`} style={{ marginBottom: 12 }}>
          <Typography.Paragraph type="secondary">
            在左侧点「保存」后按当前答案检查，不会提交到服务器。
          </Typography.Paragraph>
          <List
            size="small"
            dataSource={errors}
            locale={{ emptyText: "没有提示" }}
            renderItem={(error) => (
              <List.Item>
                <Typography.Text code>{error.path || "（整个栏目）"}</Typography.Text> {error.message}
              </List.Item>
            )}
          />
        </Card>
        <Card size="small" title={`提交障碍（${blockers.length}）`}>
          <List
            size="small"
            dataSource={blockers}
            locale={{ emptyText: "可以提交" }}
            renderItem={(blocker) => (
              <List.Item>
                {blocker.section === "" ? "" : `${titleOf(blocker.section)}：`}
                {blocker.message}
              </List.Item>
            )}
          />
        </Card>
      </aside>
      <Modal
        title="添加为示例"
        open={adding}
        okText="添加"
        cancelText="取消"
        onOk={() => void addExample().catch(() => undefined)}
        onCancel={() => setAdding(false)}
      >
        <Form
          form={addForm}
          layout="vertical"
          initialValues={{ kind: errors.length > 0 ? "invalid" : "valid" }}
        >
          <Form.Item name="description" label="说明" rules={[{ required: true, message: "请填写说明" }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="kind" label="类型">
            <Radio.Group
              options={[
                { value: "valid", label: "合格（不应有任何提示）" },
                { value: "invalid", label: `不合格（应出现当前的 ${errors.length} 处提示）` },
              ]}
            />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
