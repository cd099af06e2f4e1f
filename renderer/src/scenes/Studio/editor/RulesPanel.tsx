/**
 * 「规则」: the rules of the section or form, each opened in a form — id, description, effect, the fields it
 * acts on, message, the condition (visual builder or raw json-logic) and, for checks, what must hold.
 * 「保存规则」 writes it through the studio's checked rule edits.
 */
import { useEffect, useMemo, useState } from "react";
import { Button, Collapse, Empty, Form, Input, Popconfirm, Select, Space, Tag, Typography } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import type { ConditionField, FieldNode } from "@shenbao/forms/studio";
import type { Logic, Rule, RuleEffect } from "@shenbao/rules";
import { ConditionEditor } from "./ConditionEditor.js";
import { EFFECT_HELP, EFFECT_LABELS } from "./labels.js";

export interface RulesPanelProps {
  rules: Rule[];
  tree: FieldNode[];
  conditionFields(each: string | undefined): ConditionField[];
  /** Saves the rule at `index` (undefined = a new rule); returns an error message when refused. */
  onSave(index: number | undefined, rule: Rule): string | undefined;
  onRemove(index: number): string | undefined;
  /** Id of a rule to open (a lint finding's rule). */
  openRule?: string | undefined;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (typeof value === "object" && value !== null)
    return `{${Object.entries(value)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([key, entry]) => `${JSON.stringify(key)}:${canonical(entry)}`)
      .join(",")}}`;
  return JSON.stringify(value);
}

function flatten(nodes: FieldNode[]): FieldNode[] {
  return nodes.flatMap((node) => [node, ...flatten(node.children)]);
}

/** Fields a rule can act on: relative to the list when the rule runs per entry (`each`). */
function targetOptions(tree: FieldNode[], each: string | undefined) {
  const all = flatten(tree);
  const scoped =
    each === undefined
      ? all
      : all
          .filter((node) => node.path.startsWith(`${each}.`))
          .map((node) => ({ ...node, path: node.path.slice(each.length + 1) }));
  return scoped.map((node) => ({ value: node.path, label: `${node.title}（${node.path}）` }));
}

function RuleForm(props: {
  rule: Rule;
  index: number | undefined;
  tree: FieldNode[];
  conditionFields: RulesPanelProps["conditionFields"];
  onSave: RulesPanelProps["onSave"];
  onRemove?: () => void;
  onCancel?: () => void;
}) {
  const { index, tree, conditionFields, onSave, onRemove, onCancel } = props;
  const [rule, setRule] = useState<Rule>(props.rule);
  const [error, setError] = useState<string | undefined>(undefined);
  const [conditionKey, setConditionKey] = useState(0);
  const fields = useMemo(() => conditionFields(rule.each), [conditionFields, rule.each]);
  const lists = flatten(tree).filter((node) => node.kind === "list");
  const targets = targetOptions(tree, rule.each);
  const dirty = canonical(rule) !== canonical(props.rule);
  // A saved (or removed-before) rule comes back from the files: start from it again.
  const stored = canonical(props.rule);
  useEffect(() => {
    setRule(props.rule);
    setConditionKey((key) => key + 1);
    setValuesText(props.rule.values === undefined ? "" : JSON.stringify(props.rule.values, null, 2));
  }, [stored]);
  const prefix = `sb-rule-${index ?? "new"}`;
  const set = (patch: Partial<Rule>) => setRule((current) => ({ ...current, ...patch }));
  const setLogic = (key: "when" | "assert") => (logic: Logic | undefined) =>
    setRule((current) => {
      const next = { ...current };
      if (logic === undefined) delete next[key];
      else next[key] = logic;
      return next;
    });
  const [valuesText, setValuesText] = useState(() =>
    props.rule.values === undefined ? "" : JSON.stringify(props.rule.values, null, 2),
  );

  const save = () => {
    const refused = onSave(index, rule);
    setError(refused);
  };

  return (
    <Form layout="vertical" component="div">
      <Space wrap style={{ display: "flex" }} align="start">
        <Form.Item label="规则标识" htmlFor={`${prefix}-id`}>
          <Input
            id={`${prefix}-id`}
            value={rule.id}
            style={{ width: 260 }}
            onChange={(event) => set({ id: event.target.value })}
          />
        </Form.Item>
        <Form.Item label="作用" htmlFor={`${prefix}-effect`} extra={EFFECT_HELP[rule.effect]}>
          <Select
            id={`${prefix}-effect`}
            value={rule.effect}
            style={{ width: 200 }}
            onChange={(effect: RuleEffect) => set({ effect })}
            options={Object.entries(EFFECT_LABELS).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        {lists.length > 0 ? (
          <Form.Item
            label="逐条检查列表"
            htmlFor={`${prefix}-each`}
            extra="对列表的每一条分别适用（条件中用“本条”字段）"
          >
            <Select
              id={`${prefix}-each`}
              allowClear
              placeholder="不逐条"
              value={rule.each}
              style={{ width: 260 }}
              onChange={(each: string | undefined) => {
                setRule((current) => {
                  const next = { ...current, fields: [] as string[] };
                  delete next.field;
                  if (each === undefined) delete next.each;
                  else next.each = each;
                  return next;
                });
                setConditionKey((key) => key + 1);
              }}
              options={lists.map((node) => ({ value: node.path, label: `${node.title}（${node.path}）` }))}
            />
          </Form.Item>
        ) : null}
      </Space>
      <Form.Item label="说明（对应的要求）" htmlFor={`${prefix}-description`}>
        <Input
          id={`${prefix}-description`}
          value={rule.description ?? ""}
          onChange={(event) => set({ description: event.target.value })}
        />
      </Form.Item>
      {rule.effect === "show" || rule.effect === "require" ? (
        <Form.Item label="作用的字段" htmlFor={`${prefix}-fields`}>
          <Select
            id={`${prefix}-fields`}
            mode="multiple"
            value={rule.fields ?? []}
            onChange={(selected: string[]) => set({ fields: selected })}
            options={targets}
          />
        </Form.Item>
      ) : (
        <>
          <Form.Item label="消息显示在字段" htmlFor={`${prefix}-field`}>
            <Select
              id={`${prefix}-field`}
              value={rule.field}
              onChange={(field: string) => set({ field })}
              options={targets}
            />
          </Form.Item>
          <Form.Item label="消息" htmlFor={`${prefix}-message`}>
            <Input.TextArea
              id={`${prefix}-message`}
              value={rule.message ?? ""}
              autoSize={{ minRows: 1, maxRows: 4 }}
              onChange={(event) => set({ message: event.target.value })}
            />
          </Form.Item>
        </>
      )}
      <Form.Item label="条件（何时适用）">
        <ConditionEditor
          key={`when-${conditionKey}`}
          label="条件"
          value={rule.when}
          fields={fields}
          onChange={setLogic("when")}
          emptyText="没有条件：始终适用"
        />
      </Form.Item>
      {rule.effect === "check" ? (
        <Form.Item label="校验条件（必须成立）">
          <ConditionEditor
            key={`assert-${conditionKey}`}
            label="校验条件"
            value={rule.assert}
            fields={fields}
            onChange={setLogic("assert")}
          />
        </Form.Item>
      ) : null}
      {rule.effect === "hint" ? (
        <Form.Item label="取值（JSON：名称 → json-logic）" htmlFor={`${prefix}-values`}>
          <Input.TextArea
            id={`${prefix}-values`}
            value={valuesText}
            spellCheck={false}
            autoSize={{ minRows: 2, maxRows: 12 }}
            style={{ fontFamily: "monospace" }}
            onChange={(event) => {
              setValuesText(event.target.value);
              try {
                const parsed =
                  event.target.value.trim() === ""
                    ? undefined
                    : (JSON.parse(event.target.value) as Rule["values"]);
                setRule((current) => {
                  const next = { ...current };
                  if (parsed === undefined) delete next.values;
                  else next.values = parsed;
                  return next;
                });
              } catch {
                // Saved only once it is JSON.
              }
            }}
          />
        </Form.Item>
      ) : null}
      {error !== undefined ? (
        <div role="alert" className="ant-form-item-explain-error" style={{ marginBottom: 8 }}>
          {error}
        </div>
      ) : null}
      <Space>
        <Button type="primary" disabled={index !== undefined && !dirty} onClick={save}>
          保存规则
        </Button>
        {index !== undefined && dirty ? (
          <Button
            onClick={() => {
              setRule(props.rule);
              setConditionKey((key) => key + 1);
              setError(undefined);
            }}
          >
            撤销修改
          </Button>
        ) : null}
        {onCancel !== undefined ? <Button onClick={onCancel}>取消</Button> : null}
        {onRemove !== undefined ? (
          <Popconfirm
            title={`删除规则「${rule.id}」？`}
            okText="删除"
            okButtonProps={{ danger: true }}
            cancelText="取消"
            onConfirm={onRemove}
          >
            <Button danger>删除规则</Button>
          </Popconfirm>
        ) : null}
      </Space>
    </Form>
  );
}

export function RulesPanel({ rules, tree, conditionFields, onSave, onRemove, openRule }: RulesPanelProps) {
  const [adding, setAdding] = useState(false);
  const [open, setOpen] = useState<string[]>([]);
  const focused = openRule === undefined ? -1 : rules.findIndex((rule) => rule.id === openRule);
  useEffect(() => {
    if (focused !== -1)
      setOpen((current) => (current.includes(String(focused)) ? current : [...current, String(focused)]));
  }, [focused, openRule]);
  const [removeError, setRemoveError] = useState<string | undefined>(undefined);
  const fresh: Rule = { id: `rule-${rules.length + 1}`, effect: "show", fields: [] };
  return (
    <div>
      <Space style={{ marginBottom: 12 }}>
        <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} disabled={adding}>
          添加规则
        </Button>
        <Typography.Text type="secondary">规则按顺序列出；修改后点「保存规则」。</Typography.Text>
      </Space>
      {removeError !== undefined ? (
        <div role="alert" className="ant-form-item-explain-error">
          {removeError}
        </div>
      ) : null}
      {adding ? (
        <div style={{ border: "1px solid #d9d9d9", borderRadius: 8, padding: 16, marginBottom: 12 }}>
          <RuleForm
            rule={fresh}
            index={undefined}
            tree={tree}
            conditionFields={conditionFields}
            onSave={(index, rule) => {
              const refused = onSave(index, rule);
              if (refused === undefined) setAdding(false);
              return refused;
            }}
            onCancel={() => setAdding(false)}
          />
        </div>
      ) : null}
      {rules.length === 0 && !adding ? <Empty description="还没有规则" /> : null}
      <Collapse
        className="sb-rule-list"
        activeKey={open}
        onChange={(keys) => setOpen(Array.isArray(keys) ? keys.map(String) : [String(keys)])}
        items={rules.map((rule, index) => ({
          key: String(index),
          label: (
            <span>
              <Tag>{EFFECT_LABELS[rule.effect] ?? rule.effect}</Tag>
              <strong>{rule.id}</strong>
              {rule.description ? <span className="sb-field-row__name">{rule.description}</span> : null}
            </span>
          ),
          children: (
            <RuleForm
              rule={rule}
              index={index}
              tree={tree}
              conditionFields={conditionFields}
              onSave={onSave}
              onRemove={() => setRemoveError(onRemove(index))}
            />
          ),
        }))}
      />
    </div>
  );
}
