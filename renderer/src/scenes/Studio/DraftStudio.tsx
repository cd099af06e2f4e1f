/**
 * The studio page of one edition version, /admin/editions/:key/:version (issue 9, FORM-2…5): tabs 字段
 * (files and editors), 预览, 检查, 规则测试, 差异, and 「发布」 with a confirmation. Edits autosave with
 * the draft's revision; a published version opens read-only.
 */
import { useCallback, useEffect, useState } from "react";
import { useNavigate, useParams } from "react-router";
import { Alert, App, Button, Space, Tabs, Tag, Typography } from "antd";
import type { Edition } from "@shenbao/rules";
import type { EditionChange } from "@shenbao/forms/browser";
import { ApiError, messageOf } from "../../api/apiClient.js";
import { useRequireSignIn } from "../../app/useRequireSignIn.js";
import { PageError, PageLoading } from "../../ui/PageState.js";
import { LintPanel, RuleTestsPanel, DiffPanel, runExamples } from "./CheckPanels.js";
import { FilesTab } from "./FilesTab.js";
import { PreviewTab } from "./PreviewTab.js";
import { AUTOSAVE_LABEL, useDraftAutosave } from "./useDraftAutosave.js";
import {
  loadDraftEdition,
  studioApi,
  type EditionFiles,
  type EditionVersion,
  type LintFinding,
} from "./studioApi.js";
import "./studio.css";

/** The page: loads the version, then the studio. */
export function DraftStudio() {
  const me = useRequireSignIn();
  const { key = "", version = "" } = useParams();
  const [loaded, setLoaded] = useState<{
    files: EditionFiles;
    rev: number;
    status: string;
    versions: EditionVersion[];
  }>();
  const [error, setError] = useState<string>();
  const load = useCallback(async () => {
    setError(undefined);
    try {
      const [files, list] = await Promise.all([studioApi.files(key, version), studioApi.list()]);
      setLoaded({ files: files.files, rev: files.rev, status: files.status, versions: list.items });
    } catch (failure) {
      setError(messageOf(failure));
    }
  }, [key, version]);
  useEffect(() => {
    if (me) void load();
  }, [me, load]);
  if (error !== undefined) return <PageError message={error} onRetry={() => void load()} />;
  if (!me || loaded === undefined) return <PageLoading />;
  return <Studio key={`${key}@${version}`} editionKey={key} version={version} {...loaded} />;
}

interface StudioProps {
  editionKey: string;
  version: string;
  files: EditionFiles;
  rev: number;
  status: string;
  versions: EditionVersion[];
}

type TabKey = "files" | "preview" | "lint" | "tests" | "diff";

function firstFile(files: EditionFiles): string {
  const paths = Object.keys(files).sort();
  return paths.find((p) => /^sections\/[^/]+\/[^/]+\.schema\.json$/.test(p)) ?? paths[0] ?? "";
}

/** The studio of one loaded version. */
export function Studio(props: StudioProps) {
  const { editionKey: key, version } = props;
  const { modal, message } = App.useApp();
  const navigate = useNavigate();
  const readOnly = props.status !== "draft";
  const draft = useDraftAutosave({ files: props.files, rev: props.rev }, (rev, changes) =>
    studioApi.save(key, version, rev, changes),
  );
  const [tab, setTab] = useState<TabKey>("files");
  const [selected, setSelected] = useState(() => firstFile(props.files));
  const [focus, setFocus] = useState<string>();
  const [findings, setFindings] = useState<LintFinding[]>();
  const [lintError, setLintError] = useState<string>();
  const [edition, setEdition] = useState<{ rev: number; edition: Edition }>();
  const [editionError, setEditionError] = useState<string>();
  const [publishError, setPublishError] = useState<{ message: string; problems: string[] }>();
  const thisVersion = props.versions.find((v) => v.key === key && v.version === version);
  const diffOptions = [
    ...new Set([
      ...(thisVersion?.copiedFrom ? [thisVersion.copiedFrom] : []),
      ...props.versions
        .filter((v) => v.status !== "draft" && !(v.key === key && v.version === version))
        .map((v) => `${v.key}@${v.version}`),
    ]),
  ];
  const [against, setAgainst] = useState<string | undefined>(diffOptions[0]);
  const [baseline, setBaseline] = useState<EditionFiles>();
  const [changes, setChanges] = useState<EditionChange[]>();
  const [diffError, setDiffError] = useState<string>();

  /** Saves what is pending, then returns the revision every check reads. */
  const saved = useCallback(async () => (readOnly ? draft.rev : draft.flush()), [readOnly, draft]);

  const refreshLint = useCallback(async () => {
    setFindings(undefined);
    setLintError(undefined);
    try {
      await saved();
      setFindings((await studioApi.lint(key, version)).problems);
    } catch (failure) {
      setLintError(messageOf(failure));
    }
  }, [saved, key, version]);

  const refreshEdition = useCallback(async () => {
    setEditionError(undefined);
    try {
      const rev = await saved();
      if (edition?.rev === rev) return;
      setEdition({ rev, edition: await loadDraftEdition(key, version, rev) });
    } catch (failure) {
      setEditionError(messageOf(failure));
    }
  }, [saved, key, version, edition?.rev]);

  const refreshDiff = useCallback(
    async (target = against) => {
      if (target === undefined) return;
      setChanges(undefined);
      setDiffError(undefined);
      try {
        await saved();
        setChanges((await studioApi.diff(key, version, target)).changes);
      } catch (failure) {
        setDiffError(messageOf(failure));
      }
    },
    [saved, key, version, against],
  );

  useEffect(() => {
    if (tab === "lint") void refreshLint();
    if (tab === "preview" || tab === "tests") void refreshEdition();
    if (tab === "diff") void refreshDiff();
    // Each tab reloads when it is opened; the draft may have changed meanwhile.
  }, [tab]);

  // The version this draft was copied from: the visual editor never hands out one of its field ids again.
  const copiedFrom = readOnly ? undefined : thisVersion?.copiedFrom;
  useEffect(() => {
    if (!copiedFrom) return undefined;
    const at = copiedFrom.lastIndexOf("@");
    let current = true;
    studioApi.files(copiedFrom.slice(0, at), copiedFrom.slice(at + 1)).then(
      (answer) => {
        if (current) setBaseline(answer.files);
      },
      // Without it the editor still refuses the draft's own and retired ids (the manifest carries those).
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [copiedFrom]);

  // After each autosave the code view shows the linter's findings for the open file (schema-aware lint).
  useEffect(() => {
    if (readOnly || draft.rev === props.rev) return undefined;
    let current = true;
    studioApi.lint(key, version).then(
      (answer) => {
        if (current) setFindings(answer.problems);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [draft.rev, readOnly, props.rev, key, version]);

  const open = (file: string, pointer?: string) => {
    setSelected(file);
    setFocus(pointer);
    setTab("files");
  };

  const publish = () =>
    modal.confirm({
      title: `发布 ${key}@${version}？`,
      content: "发布后该版本不能再修改；报名需另行「开放报名」。检查或规则测试不通过时不能发布。",
      okText: "发布",
      cancelText: "取消",
      onOk: async () => {
        setPublishError(undefined);
        try {
          const rev = await draft.flush();
          await studioApi.publish(key, version, rev);
          message.success("已发布");
          navigate("/admin/editions");
        } catch (failure) {
          const problems =
            failure instanceof ApiError && Array.isArray(failure.details.problems)
              ? (failure.details.problems as string[])
              : [];
          setPublishError({ message: messageOf(failure), problems });
        }
      },
    });

  const failedExamples =
    edition === undefined ? undefined : runExamples(edition.edition).filter((r) => !r.passed);

  return (
    <main className="sb-studio">
      <header className="sb-studio-head">
        <Space wrap>
          <Button onClick={() => navigate("/admin/editions")}>返回版本列表</Button>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {key}@{version}
          </Typography.Title>
          <Tag color={readOnly ? "blue" : "gold"}>{readOnly ? "已发布（只读）" : "草稿"}</Tag>
          {!readOnly && (
            <span role="status" className={`sb-studio-save sb-studio-save-${draft.status}`}>
              {AUTOSAVE_LABEL[draft.status]}
            </span>
          )}
        </Space>
        {!readOnly && (
          <Button type="primary" onClick={publish}>
            发布
          </Button>
        )}
      </header>
      {draft.error !== undefined && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={draft.error}
          description={
            draft.status === "conflict" ? "你的修改仍保留在编辑区，请先复制保存后再刷新页面。" : undefined
          }
        />
      )}
      {publishError !== undefined && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setPublishError(undefined)}
          style={{ marginBottom: 12 }}
          title={publishError.message}
          description={
            publishError.problems.length > 0 && (
              <ul className="sb-studio-problems">
                {publishError.problems.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            )
          }
        />
      )}
      <Tabs
        activeKey={tab}
        onChange={(next) => setTab(next as TabKey)}
        items={[
          {
            key: "files",
            label: "字段",
            children: (
              <FilesTab
                files={draft.files}
                readOnly={readOnly}
                onChange={
                  readOnly
                    ? () => undefined
                    : (next) => {
                        setPublishError(undefined);
                        draft.change(next);
                      }
                }
                selected={selected}
                onSelect={(file) => open(file)}
                {...(focus === undefined ? {} : { focus })}
                findings={findings ?? []}
                {...(baseline === undefined ? {} : { baseline })}
                onImportCatalog={async (catalog, file) => {
                  const rev = await draft.flush();
                  const result = await studioApi.importCatalog(
                    key,
                    version,
                    rev,
                    catalog,
                    file,
                    file.name,
                    () => undefined,
                  );
                  const fresh = await studioApi.files(key, version);
                  draft.reset(fresh.files, fresh.rev);
                  return result.items;
                }}
              />
            ),
          },
          {
            key: "preview",
            label: "预览",
            children:
              editionError !== undefined ? (
                <Alert type="error" title={editionError} />
              ) : edition === undefined ? (
                <PageLoading />
              ) : (
                <PreviewTab
                  key={edition.rev}
                  edition={edition.edition}
                  {...(readOnly
                    ? {}
                    : {
                        onAddExample: (path: string, text: string) => {
                          draft.change({ ...draft.files, [path]: text });
                          message.success(`已添加示例 ${path}`);
                        },
                      })}
                />
              ),
          },
          {
            key: "lint",
            label: findings && findings.length > 0 ? `检查（${findings.length}）` : "检查",
            children: (
              <LintPanel
                findings={findings}
                {...(lintError === undefined ? {} : { error: lintError })}
                onOpen={(finding) => open(finding.file, finding.pointer)}
                onRefresh={() => void refreshLint()}
              />
            ),
          },
          {
            key: "tests",
            label:
              failedExamples && failedExamples.length > 0
                ? `规则测试（${failedExamples.length} 未通过）`
                : "规则测试",
            children: (
              <RuleTestsPanel
                edition={edition?.edition}
                {...(editionError === undefined ? {} : { error: editionError })}
                onOpen={(file) => open(file)}
              />
            ),
          },
          {
            key: "diff",
            label: "差异",
            children: (
              <DiffPanel
                against={against}
                options={diffOptions}
                onAgainst={(value) => {
                  setAgainst(value);
                  void refreshDiff(value);
                }}
                changes={changes}
                {...(diffError === undefined ? {} : { error: diffError })}
              />
            ),
          },
        ]}
      />
    </main>
  );
}
