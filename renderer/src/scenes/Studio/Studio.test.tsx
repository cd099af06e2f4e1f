// @vitest-environment jsdom
import "../../formEngine/test/domPolyfills.js";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Edition } from "@shenbao/rules";
import { editionDir, readEditionFiles, type EditionFiles } from "@shenbao/forms";
import { EditorView } from "codemirror";
import { routes } from "../../app/routes.js";
import { hubeiEdition } from "../../formEngine/test/hubeiEdition.js";
import { installFakeFetch, type FakeAnswer } from "../../test/fakeFetch.js";

// As in the editor's own tests: @react-querybuilder/antd loads antd/es by deep paths only a bundler resolves.
vi.mock("@react-querybuilder/antd", async () => ({
  QueryBuilderAntD: ({ children }: { children: unknown }) => children,
  AntDValueEditor: (await import("react-querybuilder")).ValueEditor,
}));

let edition: Edition;
let hubei: EditionFiles;
beforeAll(async () => {
  [edition, hubei] = await Promise.all([hubeiEdition(), readEditionFiles(editionDir("hubei-2024"))]);
  // CodeMirror measures text; jsdom has no layout.
  Range.prototype.getClientRects = () => [] as unknown as DOMRectList;
  Range.prototype.getBoundingClientRect = () => new DOMRect();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const ME = { id: "u1", phone: "139****5678", roles: ["admin"], identityStatus: "none" };
const BASE = "/api/admin/editions/demo/2025.1.0";
const version = (over: Record<string, unknown>) => ({
  key: "demo",
  version: "2024.1.0",
  rev: 1,
  title: "示例表单",
  status: "published",
  publishedAt: "2024-03-01T00:00:00.000Z",
  publishedBy: "system:firstStart",
  publishedByLabel: "系统",
  createdBy: null,
  copiedFrom: null,
  open: true,
  opensAt: null,
  closesAt: null,
  updatedAt: "2024-03-01T00:00:00.000Z",
  ...over,
});
const LIST = {
  items: [
    version({}),
    version({
      version: "2025.1.0",
      status: "draft",
      open: false,
      publishedAt: null,
      copiedFrom: "demo@2024.1.0",
    }),
  ],
};
const FILES = {
  "manifest.json": '{ "key": "demo", "version": "2025.1.0" }',
  "sections/a/a.schema.json":
    '{\n  "type": "object",\n  "properties": {\n    "name": { "type": "string" }\n  }\n}',
};

function script(extra: Record<string, FakeAnswer | ((call: { body: unknown }) => FakeAnswer)> = {}) {
  return installFakeFetch({
    "GET /api/me": { body: ME },
    "GET /api/admin/editions": { body: LIST },
    [`GET ${BASE}/files`]: { body: { rev: 4, status: "draft", files: FILES } },
    // The version the draft was copied from, read for the visual editor's id check.
    "GET /api/admin/editions/demo/2024.1.0/files": { body: { rev: 1, status: "published", files: FILES } },
    ...extra,
  });
}

/** The studio has loaded with its first section file open in the visual editor; shows its JSON code. */
async function showCode(file = "sections/a/a.schema.json") {
  fireEvent.click(await screen.findByRole("radio", { name: "JSON 代码" }, { timeout: 25_000 }));
  return screen.findByLabelText(`编辑 ${file}`, {}, { timeout: 25_000 });
}

/**
 * The 检查 finding button naming `name`. Found by its text, not by role: a role query computes every
 * element's accessible name and visibility, which over the visual rule editor's DOM took close to a
 * minute in jsdom (the test ran 63 s of its 90 s bound on an idle machine).
 */
async function lintFinding(name: string): Promise<HTMLElement> {
  const text = await screen.findByText(name, { selector: "button, button > span" }, { timeout: 15_000 });
  return text.closest("button")!;
}

function renderAt(path: string) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(<RouterProvider router={router} />);
  return router;
}

describe("editions list", () => {
  it("shows each version's state and who published it, and copies a version into a new draft", async () => {
    const calls = script({
      "POST /api/admin/editions/demo/2024.1.0/copy": {
        status: 201,
        body: { edition: LIST.items[1] },
      },
    });
    const router = renderAt("/admin/editions");
    const published = (await screen.findByText("demo@2024.1.0", {}, { timeout: 25_000 })).closest("tr")!;
    expect(within(published as HTMLElement).getByText("已发布")).toBeTruthy();
    expect(within(published as HTMLElement).getByText("开放报名")).toBeTruthy();
    expect(within(published as HTMLElement).getByText(/^系统 /)).toBeTruthy();
    const draft = screen.getByText(/demo@2025\.1\.0/).closest("tr")!;
    expect(within(draft as HTMLElement).getByText("草稿")).toBeTruthy();

    fireEvent.click(within(published as HTMLElement).getByRole("button", { name: "复制为新版本" }));
    const dialog = await screen.findByRole("dialog");
    // The next year's version is proposed.
    expect((within(dialog).getByLabelText("版本号") as HTMLInputElement).value).toBe("2025.1.0");
    fireEvent.change(within(dialog).getByLabelText(/^标题/), { target: { value: "新标题" } });
    fireEvent.click(within(dialog).getByRole("button", { name: /复\s*制/ }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/admin/editions/demo/2025.1.0"));
    expect(calls.find((c) => c.method === "POST")?.body).toEqual({
      key: "demo",
      version: "2025.1.0",
      title: "新标题",
    });
  }, 60_000);
});

describe("draft studio", () => {
  it("lists lint findings and opens the file a finding names", async () => {
    script({
      [`GET ${BASE}/lint`]: {
        body: {
          rev: 4,
          problems: [{ file: "manifest.json", pointer: "/title", message: "缺少标题" }],
        },
      },
    });
    renderAt("/admin/editions/demo/2025.1.0");
    await showCode();
    fireEvent.click(screen.getByRole("tab", { name: /检查/ }));
    fireEvent.click(await lintFinding("manifest.json /title"));
    expect(await screen.findByLabelText("编辑 manifest.json")).toBeTruthy();
    expect(screen.getByText("已保存")).toBeTruthy();
  }, 60_000);

  it("opens a section finding's rule or field in the visual editor and refuses an id of the copied-from version", async () => {
    const file = "sections/technique/technique.schema.json";
    const rulesFile = "sections/technique/technique.rules.json";
    const [firstRule] = JSON.parse(hubei[rulesFile]!) as { id: string }[];
    // The manifest, catalogs and this one section keep the page light; other sections are simply absent.
    const draft = Object.fromEntries(
      Object.entries(hubei).filter(
        ([path]) => !path.startsWith("sections/") || path.startsWith("sections/technique/"),
      ),
    );
    const schema = JSON.parse(hubei[file]!) as { properties: Record<string, { title?: string }> };
    const field = "servedLastFiveYears";
    const before = structuredClone(schema);
    // The published version had a field the draft no longer has (removed in the code view, so not retired).
    before.properties.legacyNote = { title: "旧字段" };
    const calls = script({
      [`GET ${BASE}/files`]: { body: { rev: 4, status: "draft", files: draft } },
      "GET /api/admin/editions/demo/2024.1.0/files": {
        body: { rev: 1, status: "published", files: { ...draft, [file]: JSON.stringify(before) } },
      },
      [`GET ${BASE}/lint`]: {
        body: {
          rev: 4,
          problems: [
            { file: rulesFile, pointer: "/0/when", message: "条件有误" },
            { file, pointer: `/properties/${field}/title`, message: "标题过长" },
          ],
        },
      },
    });
    renderAt("/admin/editions/demo/2025.1.0");
    await screen.findByRole("radio", { name: "JSON 代码" }, { timeout: 25_000 });
    await waitFor(() =>
      expect(calls.some((c) => c.path.startsWith("/api/admin/editions/demo/2024"))).toBe(true),
    );
    fireEvent.click(screen.getByRole("tab", { name: /检查/ }));
    fireEvent.click(await lintFinding(`${rulesFile} /0/when`));
    // A rules-file pointer became `rule:<id>`: that rule is open in 规则.
    const ruleId = (await screen.findByLabelText("规则标识", {}, { timeout: 25_000 })) as HTMLInputElement;
    expect(ruleId.value).toBe(firstRule!.id);

    fireEvent.click(screen.getByRole("tab", { name: /检查/ }));
    fireEvent.click(await lintFinding(`${file} /properties/${field}/title`));
    // The pointer became the field: its properties are open.
    const title = (await screen.findByLabelText("标题", {}, { timeout: 25_000 })) as HTMLInputElement;
    expect(title.value).toBe(schema.properties[field]!.title);

    fireEvent.click(screen.getByRole("button", { name: /添加字段/ }));
    const dialog = await screen.findByRole("dialog");
    fireEvent.change(within(dialog).getByLabelText("字段标识"), { target: { value: "legacyNote" } });
    fireEvent.change(within(dialog).getByLabelText("标题"), { target: { value: "新字段" } });
    fireEvent.click(within(dialog).getByRole("button", { name: /确认添加/ }));
    expect((await within(dialog).findByRole("alert")).textContent).toMatch(/复制来源的版本中用过/);
    expect(calls.some((c) => c.method === "PATCH")).toBe(false);
  }, 90_000);

  it("runs the draft's examples in the page and shows a refused publish with every problem", async () => {
    const calls = script({
      [`GET ${BASE}/edition?rev=4`]: { body: { rev: 4, edition } },
      [`POST ${BASE}/publish`]: {
        status: 422,
        body: {
          error: "edition_invalid",
          message:
            "表单定义有误，不能发布：sections/a/examples/valid-x.json /: 合格示例（valid-）不应有错误，却有：name",
          details: {
            problems: ["sections/a/examples/valid-x.json /: 合格示例（valid-）不应有错误，却有：name"],
          },
        },
      },
    });
    renderAt("/admin/editions/demo/2025.1.0");
    await showCode();
    fireEvent.click(screen.getByRole("tab", { name: /规则测试/ }));
    const examples =
      [...edition.sections, ...edition.forms].flatMap((f) => f.examples).length + edition.examples.length;
    expect(await screen.findByText(`全部 ${examples} 个示例通过`, {}, { timeout: 25_000 })).toBeTruthy();
    // Running them never asked the server anything but the edition.
    expect(calls.filter((c) => c.path.includes("/lint") || c.method !== "GET")).toEqual([]);

    fireEvent.click(screen.getByRole("button", { name: /发\s*布/ }));
    const confirm = await screen.findByRole("dialog");
    fireEvent.click(within(confirm).getByRole("button", { name: /发\s*布/ }));
    expect(await screen.findByText(/^表单定义有误，不能发布/)).toBeTruthy();
    expect(screen.getAllByText(/合格示例（valid-）不应有错误/).length).toBeGreaterThan(0);
    expect(calls.find((c) => c.method === "POST")?.body).toEqual({ rev: 4 });
  }, 60_000);

  it("autosaves an edit with the revision and keeps the text on a 409", async () => {
    const calls = script({
      [`PATCH ${BASE}/files`]: {
        status: 409,
        body: { error: "revision_conflict", message: "该内容已在其他页面修改，请刷新后重试" },
      },
    });
    renderAt("/admin/editions/demo/2025.1.0");
    const content = await showCode();
    const view = EditorView.findFromDOM(content)!;
    view.dispatch({ changes: { from: view.state.doc.length, insert: "\n" } });
    expect(await screen.findByText("未保存")).toBeTruthy();
    // The 检查 tab saves pending text first; the conflict stops it and the text stays.
    fireEvent.click(screen.getByRole("tab", { name: /检查/ }));
    expect(await screen.findAllByText("草稿已在别处修改，请刷新", {}, { timeout: 15_000 })).not.toHaveLength(
      0,
    );
    // Only the edited file travels, on top of the revision the page read.
    const patch = calls.find((c) => c.method === "PATCH");
    expect(patch?.body).toEqual({
      rev: 4,
      changes: { "sections/a/a.schema.json": `${FILES["sections/a/a.schema.json"]}\n` },
    });
    expect(calls.some((c) => c.path.endsWith("/lint"))).toBe(false);
    fireEvent.click(screen.getByRole("tab", { name: "字段" }));
    const again = await screen.findByLabelText("编辑 sections/a/a.schema.json");
    expect(EditorView.findFromDOM(again)!.state.doc.toString()).toBe(
      `${FILES["sections/a/a.schema.json"]}\n`,
    );
  }, 60_000);

  it("opens a published version read-only: no 发布, no editing", async () => {
    script({
      "GET /api/admin/editions/demo/2024.1.0/files": { body: { rev: 1, status: "published", files: FILES } },
    });
    renderAt("/admin/editions/demo/2024.1.0");
    const content = await screen.findByLabelText("编辑 sections/a/a.schema.json", {}, { timeout: 25_000 });
    expect(screen.getByText("已发布（只读）")).toBeTruthy();
    expect(screen.queryByRole("button", { name: /^发\s*布$/ })).toBeNull();
    expect(EditorView.findFromDOM(content)!.state.readOnly).toBe(true);
  }, 60_000);
});
