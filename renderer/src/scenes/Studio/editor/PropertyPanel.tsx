/**
 * The property panel of the selected field, by kind: title, help, placeholder, required, length / count
 * bounds, options (a catalog of the draft or an inline list), attachment types / size / count. Texts are
 * applied when the input loses focus or on Enter; every change goes through the studio's checked edits.
 */
import { useEffect, useState, type ReactNode } from "react";
import { Button, Descriptions, Form, Input, InputNumber, Radio, Select, Space, Switch, Tooltip } from "antd";
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import type { AttachmentLimits, ChoiceOption, FieldInfo, FieldPatch } from "@shenbao/forms/studio";
import { KIND_LABELS } from "./labels.js";

export interface PropertyPanelProps {
  info: FieldInfo;
  catalogs: { id: string; title: string; flat: boolean }[];
  /** Applies a change; false when it was refused (the control then shows the stored value again). */
  onPatch(patch: FieldPatch): boolean;
}

const MIME_TYPES = ["image/jpeg", "image/png", "application/pdf", "image/gif", "image/webp"];
const MB = 1024 * 1024;

/** A text input that applies on blur / Enter and goes back to `value` when the change is refused. */
function CommitInput(props: {
  id: string;
  value: string;
  multiline?: boolean;
  onCommit(value: string): boolean;
}) {
  const { id, value, multiline, onCommit } = props;
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const commit = () => {
    if (text === value) return;
    if (!onCommit(text)) setText(value);
  };
  return multiline ? (
    <Input.TextArea
      id={id}
      value={text}
      autoSize={{ minRows: 2, maxRows: 6 }}
      onChange={(event) => setText(event.target.value)}
      onBlur={commit}
    />
  ) : (
    <Input
      id={id}
      value={text}
      onChange={(event) => setText(event.target.value)}
      onBlur={commit}
      onPressEnter={commit}
    />
  );
}

/** A number input that applies on blur / Enter; empty = null when `clearable`. */
function CommitNumber(props: {
  id: string;
  value: number | undefined;
  min?: number;
  onCommit(value: number | null): boolean;
  addonAfter?: string;
}) {
  const { id, value, min, onCommit, addonAfter } = props;
  const [number, setNumber] = useState<number | null>(value ?? null);
  useEffect(() => setNumber(value ?? null), [value]);
  const commit = () => {
    if (number === (value ?? null)) return;
    if (!onCommit(number)) setNumber(value ?? null);
  };
  return (
    <InputNumber
      id={id}
      value={number}
      min={min}
      suffix={addonAfter}
      style={{ width: 200 }}
      onChange={(next) => setNumber(typeof next === "number" ? next : null)}
      onBlur={commit}
      onPressEnter={commit}
    />
  );
}

function OptionsEditor({
  options,
  onSave,
}: {
  options: ChoiceOption[];
  onSave(options: ChoiceOption[]): boolean;
}) {
  const [rows, setRows] = useState(options);
  useEffect(() => setRows(options), [options]);
  const typed = rows.some((row) => typeof row.value !== "string");
  const dirty = JSON.stringify(rows) !== JSON.stringify(options);
  return (
    <div>
      {rows.map((row, index) => (
        <Space key={index} style={{ display: "flex", marginBottom: 8 }}>
          <Input
            aria-label={`选项${index + 1}的值`}
            value={String(row.value)}
            disabled={typed}
            style={{ width: 160 }}
            onChange={(event) =>
              setRows(
                rows.map((other, at) => (at === index ? { ...other, value: event.target.value } : other)),
              )
            }
          />
          <Input
            aria-label={`选项${index + 1}的名称`}
            value={row.title}
            style={{ width: 260 }}
            onChange={(event) =>
              setRows(
                rows.map((other, at) => (at === index ? { ...other, title: event.target.value } : other)),
              )
            }
          />
          {typed ? null : (
            <Button
              icon={<DeleteOutlined />}
              aria-label={`删除选项${index + 1}`}
              onClick={() => setRows(rows.filter((_, at) => at !== index))}
            />
          )}
        </Space>
      ))}
      <Space>
        {typed ? null : (
          <Button
            icon={<PlusOutlined />}
            onClick={() =>
              setRows([...rows, { value: `option${rows.length + 1}`, title: `选项${rows.length + 1}` }])
            }
          >
            添加选项
          </Button>
        )}
        <Button type="primary" disabled={!dirty} onClick={() => onSave(rows)}>
          保存选项
        </Button>
      </Space>
    </div>
  );
}

function Row({
  label,
  htmlFor,
  extra,
  children,
}: {
  label: string;
  htmlFor?: string;
  extra?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Form.Item label={label} htmlFor={htmlFor} extra={extra}>
      {children}
    </Form.Item>
  );
}

export function PropertyPanel({ info, catalogs, onPatch }: PropertyPanelProps) {
  const id = (suffix: string) => `sb-prop-${suffix}`;
  const kind = info.kind;
  const isText = kind === "text" || kind === "textarea";
  const isChoice = kind === "choice" || kind === "multiChoice";
  const isBooleanChoice = info.options?.some((option) => typeof option.value === "boolean") ?? false;
  const attachment: AttachmentLimits | undefined = info.attachment;
  const requiredSwitch = (
    <Switch
      id={id("required")}
      checked={info.required}
      disabled={info.shownBy.length > 0 && !info.required}
      onChange={(required) => onPatch({ required })}
    />
  );
  return (
    <Form layout="vertical" component="div" key={info.path}>
      <Descriptions
        size="small"
        column={2}
        style={{ marginBottom: 16 }}
        items={[
          { key: "name", label: "字段标识", children: info.path },
          { key: "kind", label: "类型", children: KIND_LABELS[kind] },
        ]}
      />
      <Row label="标题" htmlFor={id("title")}>
        <CommitInput id={id("title")} value={info.title} onCommit={(title) => onPatch({ title })} />
      </Row>
      <Row label="说明" htmlFor={id("help")} extra="显示在字段下方的说明文字（纯文本）">
        <CommitInput id={id("help")} multiline value={info.help} onCommit={(help) => onPatch({ help })} />
      </Row>
      {kind !== "group" && kind !== "list" && kind !== "attachment" && kind !== "dateRange" ? (
        <Row label="占位提示" htmlFor={id("placeholder")}>
          <CommitInput
            id={id("placeholder")}
            value={info.placeholder}
            onCommit={(placeholder) => onPatch({ placeholder })}
          />
        </Row>
      ) : null}
      <Row
        label="必填"
        htmlFor={id("required")}
        extra={
          info.shownBy.length > 0
            ? `该字段由显示规则（${info.shownBy.join("、")}）控制，请在「规则」中用必填规则设置`
            : "必填字段在提交前必须填写"
        }
      >
        {info.shownBy.length > 0 ? (
          <Tooltip title="由显示规则控制">{requiredSwitch}</Tooltip>
        ) : (
          requiredSwitch
        )}
      </Row>
      {isText ? (
        <>
          <Row label="长度上限（字）" htmlFor={id("maxLength")}>
            <CommitNumber
              id={id("maxLength")}
              value={info.maxLength}
              min={1}
              onCommit={(value) => value !== null && onPatch({ maxLength: value })}
            />
          </Row>
          <Row label="长度下限（字）" htmlFor={id("minLength")}>
            <CommitNumber
              id={id("minLength")}
              value={info.minLength}
              min={1}
              onCommit={(value) => onPatch({ minLength: value })}
            />
          </Row>
        </>
      ) : null}
      {kind === "textarea" ? (
        <Row label="输入框行数" htmlFor={id("rows")}>
          <CommitNumber id={id("rows")} value={info.rows} min={1} onCommit={(rows) => onPatch({ rows })} />
        </Row>
      ) : null}
      {kind === "number" ? (
        <>
          <Row label="只允许整数" htmlFor={id("integer")}>
            <Switch
              id={id("integer")}
              checked={info.integer ?? false}
              onChange={(integer) => onPatch({ integer })}
            />
          </Row>
          <Row label="最小值" htmlFor={id("minimum")}>
            <CommitNumber
              id={id("minimum")}
              value={info.minimum}
              onCommit={(minimum) => onPatch({ minimum })}
            />
          </Row>
          <Row label="最大值" htmlFor={id("maximum")}>
            <CommitNumber
              id={id("maximum")}
              value={info.maximum}
              onCommit={(maximum) => onPatch({ maximum })}
            />
          </Row>
        </>
      ) : null}
      {kind === "list" || kind === "multiChoice" ? (
        <>
          <Row label="数量上限" htmlFor={id("maxItems")}>
            <CommitNumber
              id={id("maxItems")}
              value={info.maxItems}
              min={1}
              onCommit={(value) => value !== null && onPatch({ maxItems: value })}
            />
          </Row>
          <Row label="数量下限" htmlFor={id("minItems")}>
            <CommitNumber
              id={id("minItems")}
              value={info.minItems}
              min={1}
              onCommit={(minItems) => onPatch({ minItems })}
            />
          </Row>
        </>
      ) : null}
      {isChoice ? (
        <Row label="选项来源">
          {isBooleanChoice ? (
            <OptionsEditor options={info.options ?? []} onSave={(options) => onPatch({ options })} />
          ) : (
            <>
              <Radio.Group
                value={info.catalog === undefined ? "inline" : "catalog"}
                onChange={(event) => {
                  if (event.target.value === "inline")
                    onPatch({
                      options: [
                        { value: "option1", title: "选项1" },
                        { value: "option2", title: "选项2" },
                      ],
                    });
                  else {
                    const first = catalogs.find((entry) => kind === "choice" || entry.flat);
                    if (first !== undefined) onPatch({ catalog: first.id });
                  }
                }}
                style={{ marginBottom: 8 }}
              >
                <Radio value="inline">自定义选项</Radio>
                <Radio value="catalog">选项清单</Radio>
              </Radio.Group>
              {info.catalog !== undefined ? (
                <Select
                  aria-label="选项清单"
                  value={info.catalog}
                  style={{ width: "100%" }}
                  onChange={(catalog: string) => onPatch({ catalog })}
                  options={catalogs
                    .filter((entry) => kind === "choice" || entry.flat)
                    .map((entry) => ({ value: entry.id, label: `${entry.title}（${entry.id}）` }))}
                />
              ) : (
                <OptionsEditor options={info.options ?? []} onSave={(options) => onPatch({ options })} />
              )}
            </>
          )}
        </Row>
      ) : null}
      {kind === "division" && info.catalog !== undefined ? (
        <Row label="地区清单">
          <span>{catalogs.find((entry) => entry.id === info.catalog)?.title ?? info.catalog}</span>
        </Row>
      ) : null}
      {attachment !== undefined ? (
        <>
          <Row label="允许的文件类型" htmlFor={id("accept")}>
            <Select
              id={id("accept")}
              mode="tags"
              value={attachment.accept}
              style={{ width: "100%" }}
              options={MIME_TYPES.map((value) => ({ value, label: value }))}
              onChange={(accept: string[]) => onPatch({ attachment: { ...attachment, accept } })}
            />
          </Row>
          <Row label="单个文件大小上限" htmlFor={id("maxBytes")}>
            <CommitNumber
              id={id("maxBytes")}
              value={Math.round((attachment.maxBytes / MB) * 100) / 100}
              min={0.1}
              addonAfter="MB"
              onCommit={(value) =>
                value !== null && onPatch({ attachment: { ...attachment, maxBytes: Math.round(value * MB) } })
              }
            />
          </Row>
          <Row label="文件数量上限" htmlFor={id("maxCount")}>
            <CommitNumber
              id={id("maxCount")}
              value={attachment.maxCount}
              min={1}
              onCommit={(value) =>
                value !== null && onPatch({ attachment: { ...attachment, maxCount: value } })
              }
            />
          </Row>
          <Row label="文件数量下限" htmlFor={id("minCount")} extra="需要固定份数时填写（如 10 份）">
            <CommitNumber
              id={id("minCount")}
              value={attachment.minCount}
              min={1}
              onCommit={(value) => {
                const next: AttachmentLimits = { ...attachment };
                if (value === null) delete next.minCount;
                else next.minCount = value;
                return onPatch({ attachment: next });
              }}
            />
          </Row>
        </>
      ) : null}
      {kind === "other" ? <p>此类字段的其他属性请在代码视图中编辑。</p> : null}
    </Form>
  );
}
