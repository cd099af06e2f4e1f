/**
 * 字段: the draft's files as a tree beside an editor. A draft's section and form files open in the visual
 * editor (loaded on demand), with the JSON code view one click away; every other file opens in the code view.
 * Catalog files can be replaced from an xlsx / CSV file.
 */
import { lazy, Suspense, useMemo, useState, type ComponentType } from "react";
import { Alert, Button, Empty, Segmented, Select, Space, Tree, Typography, Upload } from "antd";
import type { DataNode } from "antd/es/tree";
import { focusOfFinding } from "@shenbao/forms/studio";
import { messageOf } from "../../api/apiClient.js";
import { PageLoading } from "../../ui/PageState.js";
import { JsonCodeEditor } from "./JsonCodeEditor.js";
import type { SectionEditorProps } from "./editor/index.js";
import type { EditionFiles, LintFinding } from "./studioApi.js";

const SectionEditor = lazy<ComponentType<SectionEditorProps>>(async () => ({
  default: (await import("./editor/index.js")).SectionEditor,
}));

/** Whether `path` is a section's or form's schema, uiSchema or rules file. */
export const isFormFile = (path: string) =>
  /^(sections|forms)\/[^/]+\/[^/]+\.(schema|ui|rules)\.json$/.test(path);

/** The catalog id of a catalog file, else undefined. */
export const catalogOf = (path: string) => /^catalogs\/([^/]+)\.json$/.exec(path)?.[1];

function treeOf(paths: string[]): DataNode[] {
  const root: DataNode[] = [];
  const folders = new Map<string, DataNode[]>([["", root]]);
  for (const path of [...paths].sort()) {
    const parts = path.split("/");
    let parent = "";
    for (const [index, part] of parts.entries()) {
      const here = parent === "" ? part : `${parent}/${part}`;
      const list = folders.get(parent) as DataNode[];
      if (index === parts.length - 1) list.push({ key: here, title: part, isLeaf: true });
      else if (!folders.has(here)) {
        const children: DataNode[] = [];
        folders.set(here, children);
        list.push({ key: `dir:${here}`, title: part, children, selectable: false });
      }
      parent = here;
    }
  }
  return root;
}

export interface FilesTabProps {
  files: EditionFiles;
  /** A published version: files are shown, not edited. */
  readOnly?: boolean;
  onChange(next: EditionFiles): void;
  selected: string;
  onSelect(path: string): void;
  /** A JSON Pointer into the selected file (a lint finding's); the visual editor gets its field or rule. */
  focus?: string;
  /** The files of the published version this draft was copied from: its field ids are never reused. */
  baseline?: EditionFiles;
  findings: LintFinding[];
  /** Imports a catalog file (saved by the server); resolves once the page holds the new files. */
  onImportCatalog(catalog: string, file: File): Promise<number>;
}

/** The 字段 tab. */
export function FilesTab(props: FilesTabProps) {
  const { files, selected } = props;
  const [mode, setMode] = useState<"visual" | "code">("visual");
  const [importing, setImporting] = useState(false);
  const [importResult, setImportResult] = useState<{ ok: boolean; text: string; rows?: string[] }>();
  const tree = useMemo(() => treeOf(Object.keys(files)), [files]);
  const text = files[selected];
  // A published version is shown in the read-only code view; the visual editor edits drafts.
  const editable = isFormFile(selected) && !props.readOnly;
  const visual = editable && mode === "visual";
  const catalog = catalogOf(selected);
  // The visual editor selects a field path or `rule:<id>`; the pointer is the code view's.
  const visualFocus = useMemo(
    () =>
      props.focus === undefined ? undefined : focusOfFinding(files, { file: selected, path: props.focus }),
    [files, selected, props.focus],
  );
  const folderKeys = useMemo(() => {
    const parts = selected.split("/");
    return parts.slice(0, -1).map((_, i) => `dir:${parts.slice(0, i + 1).join("/")}`);
  }, [selected]);

  const importCatalog = async (file: File) => {
    if (catalog === undefined) return;
    setImporting(true);
    setImportResult(undefined);
    try {
      const items = await props.onImportCatalog(catalog, file);
      setImportResult({ ok: true, text: `已导入 ${items} 项` });
    } catch (error) {
      const rows = (error as { details?: { rows?: { message: string }[] } }).details?.rows;
      setImportResult({
        ok: false,
        text: messageOf(error),
        ...(Array.isArray(rows) ? { rows: rows.map((row) => row.message) } : {}),
      });
    } finally {
      setImporting(false);
    }
  };

  return (
    <div className="sb-studio-files">
      <nav className="sb-studio-tree" aria-label="草稿文件">
        <Select
          showSearch
          aria-label="查找文件"
          placeholder="查找文件"
          value={null}
          style={{ width: "100%", marginBottom: 8 }}
          options={Object.keys(files)
            .sort()
            .map((path) => ({ value: path, label: path }))}
          onChange={(path: string | null) => {
            if (path !== null) props.onSelect(path);
          }}
        />
        <Tree
          showLine
          key={folderKeys.join("\n")}
          defaultExpandedKeys={folderKeys}
          selectedKeys={[selected]}
          treeData={tree}
          onSelect={(keys) => {
            const key = keys[0];
            if (typeof key === "string" && !key.startsWith("dir:")) props.onSelect(key);
          }}
        />
      </nav>
      <section className="sb-studio-editor" aria-label="编辑区">
        {text === undefined ? (
          <Empty description="请在左侧选择文件" />
        ) : (
          <>
            <Space wrap style={{ marginBottom: 8 }}>
              <Typography.Text strong>{selected}</Typography.Text>
              {editable && (
                <Segmented
                  value={mode}
                  onChange={(value) => setMode(value as "visual" | "code")}
                  options={[
                    { value: "visual", label: "可视编辑" },
                    { value: "code", label: "JSON 代码" },
                  ]}
                />
              )}
              {catalog !== undefined && !props.readOnly && (
                <Upload
                  accept=".xlsx,.csv"
                  showUploadList={false}
                  beforeUpload={(file) => {
                    void importCatalog(file);
                    return false;
                  }}
                >
                  <Button loading={importing}>从 Excel / CSV 导入</Button>
                </Upload>
              )}
            </Space>
            {catalog !== undefined && !props.readOnly && (
              <Typography.Paragraph type="secondary">
                导入文件的第一行为表头：代码、名称、上级代码（可空）；导入会替换该目录的全部选项，有错误时不导入任何数据。
              </Typography.Paragraph>
            )}
            {importResult !== undefined && (
              <Alert
                style={{ marginBottom: 8 }}
                type={importResult.ok ? "success" : "error"}
                title={importResult.text}
                description={
                  importResult.rows && (
                    <ul>
                      {importResult.rows.map((row) => (
                        <li key={row}>{row}</li>
                      ))}
                    </ul>
                  )
                }
              />
            )}
            {visual ? (
              <Suspense fallback={<PageLoading />}>
                <SectionEditor
                  files={files}
                  path={selected}
                  onChange={props.onChange}
                  {...(visualFocus === undefined ? {} : { focus: visualFocus })}
                  {...(props.baseline === undefined ? {} : { baseline: props.baseline })}
                />
              </Suspense>
            ) : (
              <JsonCodeEditor
                path={selected}
                value={text}
                plain={!selected.endsWith(".json")}
                readOnly={props.readOnly ?? false}
                findings={props.findings.filter((finding) => finding.file === selected)}
                {...(props.focus === undefined ? {} : { focus: props.focus })}
                onChange={(next) => props.onChange({ ...props.files, [selected]: next })}
              />
            )}
          </>
        )}
      </section>
    </div>
  );
}
