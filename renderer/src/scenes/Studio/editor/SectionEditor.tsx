/**
 * The studio's visual draft editor of one section or form (#9, FORM-2): the field tree (drag to reorder,
 * add, delete), the property panel of the selected field and the rules with a visual condition builder.
 * It edits the folder's schema / uiSchema / rules together and hands back the whole new file map; every
 * edit goes through @shenbao/forms/studio, which refuses what would break the edition or reuse a field id.
 */
import { useEffect, useMemo, useState } from "react";
import { Alert, Button, Card, Empty, Tabs } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import {
  StudioError,
  addField,
  addRule,
  conditionFields,
  draftCatalogs,
  fieldInfo,
  fieldPath,
  fieldPathFromPointer,
  fieldTree,
  listRules,
  moveField,
  readForm,
  removeField,
  removeRule,
  updateField,
  updateRule,
  type FieldNode,
} from "@shenbao/forms/studio";
import type { Rule } from "@shenbao/rules";
import { AddFieldDialog } from "./AddFieldDialog.js";
import { FieldTree } from "./FieldTree.js";
import { PropertyPanel } from "./PropertyPanel.js";
import { RulesPanel } from "./RulesPanel.js";
import "./editor.css";

export interface SectionEditorProps {
  /** The draft edition: path → JSON text. */
  files: Record<string, string>;
  /** Any file of the section or form folder to edit (`sections/<key>/<key>.schema.json`, …). */
  path: string;
  /** Called with the whole new file map after each accepted edit. */
  onChange(next: Record<string, string>): void;
  /**
   * Selects a field: a dotted path (`location.division`, `cases.2.phone`) or a JSON Pointer into the schema
   * (`/properties/location/properties/division`); `rule:<id>` opens that rule. `focusOfFinding` of
   * `@shenbao/forms/studio` turns a lint finding into this value.
   */
  focus?: string;
  /** The published version the draft was copied from: its field ids are refused as new ids too. */
  baseline?: Record<string, string>;
}

type Attempt<T> = { ok: true; value: T } | { ok: false; message: string };

function attempt<T>(edit: () => T): Attempt<T> {
  try {
    return { ok: true, value: edit() };
  } catch (error) {
    if (error instanceof StudioError) return { ok: false, message: error.message };
    throw error;
  }
}

function exists(nodes: FieldNode[], path: string): boolean {
  return nodes.some((node) => node.path === path || exists(node.children, path));
}

function focusedField(focus: string | undefined): string | undefined {
  if (focus === undefined || focus === "" || focus.startsWith("rule:")) return undefined;
  return focus.startsWith("/") ? fieldPathFromPointer(focus) : fieldPath(focus);
}

export function SectionEditor({ files, path, onChange, focus, baseline }: SectionEditorProps) {
  const loaded = useMemo(() => attempt(() => readForm(files, path)), [files, path]);
  const tree = useMemo(() => (loaded.ok ? fieldTree(files, path) : []), [files, path, loaded.ok]);
  const rules = useMemo(() => (loaded.ok ? listRules(files, path) : []), [files, path, loaded.ok]);
  const catalogs = useMemo(() => attempt(() => draftCatalogs(files)), [files]);
  const [selected, setSelected] = useState<string | undefined>(() => focusedField(focus));
  const [tab, setTab] = useState<string>(focus?.startsWith("rule:") ? "rules" : "field");
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);

  useEffect(() => {
    const field = focusedField(focus);
    if (field !== undefined) {
      // A path inside a field that the tree does not list (a date range's start) selects the field.
      setSelected(field);
      setTab("field");
    } else if (focus?.startsWith("rule:")) setTab("rules");
  }, [focus]);

  if (!loaded.ok)
    return <Alert type="error" showIcon title="无法在可视化编辑器中打开" description={loaded.message} />;

  let selection = selected;
  while (selection !== undefined && selection !== "" && !exists(tree, selection))
    selection = selection.includes(".") ? selection.slice(0, selection.lastIndexOf(".")) : undefined;
  const info =
    selection === undefined || selection === ""
      ? undefined
      : attempt(() => fieldInfo(files, path, selection));

  const apply = (edit: () => Record<string, string>): string | undefined => {
    const result = attempt(edit);
    if (result.ok) {
      setError(undefined);
      if (result.value !== files) onChange(result.value);
      return undefined;
    }
    setError(result.message);
    return result.message;
  };

  const catalogList = catalogs.ok ? catalogs.value : [];
  const fieldsFor = (each: string | undefined) => conditionFields(files, path, each);

  return (
    <div className="sb-section-editor">
      <aside className="sb-section-editor__tree">
        <Card
          size="small"
          title="字段"
          extra={
            <Button type="primary" size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              添加字段
            </Button>
          }
        >
          {tree.length === 0 ? (
            <Empty description="还没有字段" />
          ) : (
            <FieldTree
              nodes={tree}
              selected={selection}
              onSelect={(field) => {
                setSelected(field);
                setTab("field");
              }}
              onMove={(field, to) => apply(() => moveField(files, path, field, to))}
              onRemove={(field) => {
                if (apply(() => removeField(files, path, field)) === undefined && selection === field)
                  setSelected(undefined);
              }}
            />
          )}
        </Card>
      </aside>
      <main className="sb-section-editor__main">
        {error !== undefined ? (
          <Alert
            type="error"
            showIcon
            closable
            onClose={() => setError(undefined)}
            title={error}
            style={{ marginBottom: 12 }}
          />
        ) : null}
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: "field",
              label: "字段属性",
              children:
                info === undefined ? (
                  <Empty description="在左侧选择一个字段" />
                ) : info.ok ? (
                  <PropertyPanel
                    info={info.value}
                    catalogs={catalogList}
                    onPatch={(patch) =>
                      apply(() => updateField(files, path, info.value.path, patch)) === undefined
                    }
                  />
                ) : (
                  <Alert type="error" title={info.message} />
                ),
            },
            {
              key: "rules",
              label: `规则（${rules.length}）`,
              children: (
                <RulesPanel
                  rules={rules}
                  tree={tree}
                  conditionFields={fieldsFor}
                  onSave={(index: number | undefined, rule: Rule) =>
                    apply(() =>
                      index === undefined ? addRule(files, path, rule) : updateRule(files, path, index, rule),
                    )
                  }
                  onRemove={(index) => apply(() => removeRule(files, path, index))}
                  openRule={focus?.startsWith("rule:") ? focus.slice("rule:".length) : undefined}
                />
              ),
            },
          ]}
        />
      </main>
      <AddFieldDialog
        open={adding}
        nodes={tree}
        catalogs={catalogList}
        onClose={() => setAdding(false)}
        onAdd={(spec) => {
          const result = attempt(() => addField(files, path, spec, baseline));
          if (!result.ok) return result.message;
          onChange(result.value);
          setAdding(false);
          setSelected(spec.parent ? `${spec.parent}.${spec.name}` : spec.name);
          setTab("field");
          return undefined;
        }}
      />
    </div>
  );
}
