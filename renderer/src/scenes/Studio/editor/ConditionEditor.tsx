/**
 * A json-logic condition edited visually (react-querybuilder) or as raw JSON. A condition the builder
 * cannot write back exactly is never opened in it: a notice says so and the JSON stays editable.
 */
import { lazy, Suspense, useMemo, useState } from "react";
import { Alert, Input, Segmented, Spin } from "antd";
import type { ConditionField } from "@shenbao/forms/studio";
import type { Logic } from "@shenbao/rules";
import { logicToQuery } from "./conditionLogic.js";

const QueryBuilderView = lazy(() => import("./QueryBuilderView.js"));

export interface ConditionEditorProps {
  /** Names the editor for screen readers, e.g. 条件. */
  label: string;
  value: Logic | undefined;
  fields: ConditionField[];
  onChange(value: Logic | undefined): void;
  /** Shown for an empty condition, e.g. 始终适用. */
  emptyText?: string;
}

const text = (logic: Logic | undefined) => (logic === undefined ? "" : JSON.stringify(logic, null, 2));

export function ConditionEditor({ label, value, fields, onChange, emptyText }: ConditionEditorProps) {
  // The query is parsed once per opening: the builder keeps its own state while it edits.
  const [initial] = useState(() => logicToQuery(value, fields));
  const [mode, setMode] = useState<"builder" | "json">(initial === undefined ? "json" : "builder");
  const [raw, setRaw] = useState(() => text(value));
  const [rawError, setRawError] = useState<string | undefined>(undefined);
  const [builderKey, setBuilderKey] = useState(0);
  const query = useMemo(
    () => (mode === "builder" ? logicToQuery(value, fields) : undefined),
    [mode, builderKey],
  );
  const expressible = mode === "json" ? logicToQuery(value, fields) !== undefined : true;

  const switchTo = (next: "builder" | "json") => {
    if (next === "json") setRaw(text(value));
    else setBuilderKey((key) => key + 1);
    setMode(next);
  };

  return (
    <div className="sb-condition" role="group" aria-label={label}>
      <Segmented
        size="small"
        value={mode}
        onChange={(next) => switchTo(next as "builder" | "json")}
        options={[
          { value: "builder", label: "可视化", disabled: !expressible },
          { value: "json", label: "JSON" },
        ]}
        style={{ marginBottom: 8 }}
      />
      {!expressible ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          title="这个条件超出可视化编辑器的表达范围，已原样保留；请直接编辑下面的 JSON。"
        />
      ) : null}
      {mode === "builder" && query !== undefined ? (
        <Suspense fallback={<Spin size="small" />}>
          <QueryBuilderView key={builderKey} query={query} fields={fields} onChange={onChange} />
          {value === undefined && emptyText !== undefined ? (
            <div className="sb-field-row__name">{emptyText}</div>
          ) : null}
        </Suspense>
      ) : (
        <>
          <Input.TextArea
            aria-label={`${label}（JSON）`}
            value={raw}
            spellCheck={false}
            autoSize={{ minRows: 3, maxRows: 16 }}
            style={{ fontFamily: "monospace" }}
            status={rawError === undefined ? undefined : "error"}
            placeholder={emptyText}
            onChange={(event) => {
              const next = event.target.value;
              setRaw(next);
              if (next.trim() === "") {
                setRawError(undefined);
                onChange(undefined);
                return;
              }
              try {
                onChange(JSON.parse(next) as Logic);
                setRawError(undefined);
              } catch {
                setRawError("JSON 格式有误，修正前不会保存");
              }
            }}
          />
          {rawError !== undefined ? (
            <div role="alert" className="ant-form-item-explain-error">
              {rawError}
            </div>
          ) : null}
        </>
      )}
    </div>
  );
}
