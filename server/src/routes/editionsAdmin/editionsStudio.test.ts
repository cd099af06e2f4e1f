/**
 * The studio's draft endpoints (issue 9, FORM-2): autosave at a revision, lint findings, the draft's edition
 * and validators module for the preview, catalog import, publish refused while lint or examples fail.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import type { EditionFiles } from "@shenbao/forms";
import type { Edition } from "@shenbao/rules";
import { MAX_DRAFT_BYTES } from "../../commands/editionDraftSaver.js";
import { collectionsOf } from "../../store/collections.js";
import { buildAdmin, buildCandidate, callApi, type TestCandidate } from "../../../test/factories.js";
import { startTestServer, type TestServer } from "../../../test/testApp.js";

let server: TestServer;
let admin: TestCandidate;

const DRAFT = "/api/admin/editions/hubei-2024/2025.1.0";

beforeEach(async () => {
  server = await startTestServer();
  admin = await buildAdmin(server);
  const copied = await api("POST", "/api/admin/editions/hubei-2024/2024.1.0/copy", { version: "2025.1.0" });
  expect(copied.status).toBe(201);
});
afterEach(() => server.close());

const api = (method: "GET" | "POST" | "PUT" | "PATCH", path: string, body?: unknown, cookie = admin.cookie) =>
  callApi<Record<string, unknown>>(server, method, path, { cookie, ...(body === undefined ? {} : { body }) });

async function draftFiles(): Promise<{ rev: number; files: EditionFiles }> {
  const answer = await api("GET", `${DRAFT}/files`);
  return { rev: answer.body.rev as number, files: answer.body.files as EditionFiles };
}

/** The first section's schema file, and the path of its first top-level field. */
function firstSection(files: EditionFiles): { file: string; field: string } {
  const manifest = JSON.parse(files["manifest.json"]!) as { sections: { key: string }[] };
  const key = manifest.sections[0]!.key;
  const file = `sections/${key}/${key}.schema.json`;
  const schema = JSON.parse(files[file]!) as { properties: Record<string, unknown> };
  return { file, field: Object.keys(schema.properties)[0]! };
}

function withTitle(files: EditionFiles, title: string): EditionFiles {
  const { file, field } = firstSection(files);
  const schema = JSON.parse(files[file]!) as { properties: Record<string, { title: string }> };
  schema.properties[field]!.title = title;
  return { ...files, [file]: JSON.stringify(schema, null, 2) };
}

async function auditActions(): Promise<{ action: string; after: unknown }[]> {
  const { items } = await collectionsOf(server.ports.store).audit.find({ entity: "editions" });
  return items.map((event) => ({ action: event.action, after: event.after }));
}

async function upload(path: string, bytes: Buffer, fileName: string) {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(bytes)]), fileName);
  const response = await fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { Cookie: admin.cookie },
    body: form,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("studio autosave", () => {
  it("saves a draft at its revision, recomputes its edition, refuses a stale revision and a published version", async () => {
    const { rev, files } = await draftFiles();
    const saved = await api("PUT", `${DRAFT}/files`, { rev, files: withTitle(files, "新的标题文字") });
    expect(saved.status).toBe(200);
    expect(saved.body.rev).toBe(rev + 1);
    expect(saved.body.loads).toBe(true);
    const loaded = await api("GET", `${DRAFT}/edition?rev=${rev + 1}`);
    expect(JSON.stringify((loaded.body.edition as Edition).sections[0]!.schema)).toContain("新的标题文字");
    // Examples travel with the draft's edition: the preview loads them and the rule tests run them.
    expect((loaded.body.edition as Edition).sections.some((s) => s.examples.length > 0)).toBe(true);

    const stale = await api("PUT", `${DRAFT}/files`, { rev, files });
    expect([stale.status, stale.body.error, stale.body.message]).toEqual([
      409,
      "revision_conflict",
      "草稿已在别处修改，请刷新",
    ]);
    const staleRead = await api("GET", `${DRAFT}/edition?rev=${rev}`);
    expect([staleRead.status, staleRead.body.error]).toEqual([409, "revision_conflict"]);

    const published = await api("GET", "/api/admin/editions/hubei-2024/2024.1.0/files");
    const immutable = await api("PUT", "/api/admin/editions/hubei-2024/2024.1.0/files", {
      rev: published.body.rev,
      files: published.body.files,
    });
    expect([immutable.status, immutable.body.error]).toEqual([409, "edition_immutable"]);

    const actions = await auditActions();
    expect(actions.filter((a) => a.action === "edition.draftSave")).toHaveLength(1);
    expect(actions.some((a) => a.action === "edition.catalogChange")).toBe(false);
  });

  it("saves only the files that changed (PATCH), deletes a file with null, and refuses what would break the draft", async () => {
    const { rev, files } = await draftFiles();
    const { file } = firstSection(files);
    const changed = withTitle(files, "只改一个文件")[file]!;
    const extra = "sections/notes.md";
    const patched = await api("PATCH", `${DRAFT}/files`, {
      rev,
      changes: { [file]: changed, [extra]: "说明" },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ rev: rev + 1, loads: true });
    const after = await draftFiles();
    // Every other file is as it was: the change map only replaced (or added) what it named.
    expect(after.files).toEqual({ ...files, [file]: changed, [extra]: "说明" });

    const removed = await api("PATCH", `${DRAFT}/files`, { rev: rev + 1, changes: { [extra]: null } });
    expect(removed.status).toBe(200);
    expect((await draftFiles()).files).toEqual({ ...files, [file]: changed });

    for (const [changes, message] of [
      [{ "manifest.json": null }, "缺少 manifest.json"],
      [{ "../escape.json": "{}" }, "文件路径不正确"],
      [{ [file]: 42 }, "文件内容应为文本"],
    ] as const) {
      const refused = await api("PATCH", `${DRAFT}/files`, { rev: rev + 2, changes });
      expect([refused.status, refused.body.message], JSON.stringify(changes)).toEqual([400, message]);
    }
    const stale = await api("PATCH", `${DRAFT}/files`, { rev, changes: { [file]: "{}" } });
    expect([stale.status, stale.body.error]).toEqual([409, "revision_conflict"]);
    expect((await draftFiles()).rev).toBe(rev + 2);
    expect((await auditActions()).filter((a) => a.action === "edition.draftSave")).toHaveLength(2);
  });

  it("keeps a draft that does not load, says why in Chinese, and lists every lint finding with file and pointer", async () => {
    const { rev, files } = await draftFiles();
    const { file } = firstSection(files);
    const broken = { ...files, [file]: "{ not json" };
    const saved = await api("PUT", `${DRAFT}/files`, { rev, files: broken });
    expect([saved.status, saved.body.loads]).toEqual([200, false]);
    expect((await draftFiles()).files[file]).toBe("{ not json");
    const preview = await api("GET", `${DRAFT}/edition`);
    expect([preview.status, preview.body.error]).toEqual([422, "edition_draft_unloadable"]);
    const lint = await api("GET", `${DRAFT}/lint`);
    const problems = lint.body.problems as { file: string; pointer: string; message: string }[];
    expect(problems).toContainEqual(expect.objectContaining({ file, pointer: "" }));
    expect(problems.find((p) => p.file === file)!.message).toMatch(/^JSON 格式错误/);

    // A text field without maxLength: the finding points into the schema, in Chinese.
    const schema = JSON.parse(files[file]!) as { properties: Record<string, Record<string, unknown>> };
    schema.properties.extraNote = { type: "string", title: "备注" };
    const second = await api("PUT", `${DRAFT}/files`, {
      rev: rev + 1,
      files: { ...files, [file]: JSON.stringify(schema) },
    });
    expect(second.status).toBe(200);
    const findings = (await api("GET", `${DRAFT}/lint`)).body.problems as {
      pointer: string;
      message: string;
    }[];
    expect(findings).toContainEqual({
      file,
      pointer: "/properties/extraNote",
      message: "文本字段需要填写最大长度（maxLength）",
    });
  });

  it("refuses bad bodies in Chinese without changing the draft", async () => {
    const { rev, files } = await draftFiles();
    const manyFiles = Object.fromEntries(Array.from({ length: 501 }, (_, i) => [`f${i}.md`, "x"]));
    // Over the draft's bound by one byte: 2 bytes a character, so ~3 M characters.
    const tooBig = "é".repeat(MAX_DRAFT_BYTES / 2 + 1);
    const cases: ["PUT" | "PATCH", unknown, string][] = [
      ["PUT", { files }, "invalid_input"],
      ["PUT", { rev, files: { ...files, "../x.json": "{}" } }, "invalid_input"],
      ["PUT", { rev, files: { ...files, ...manyFiles } }, "edition_files_invalid"],
      ["PUT", { rev, files: { ...files, "big.md": tooBig } }, "edition_files_invalid"],
      ["PATCH", { rev, changes: { "big.md": tooBig } }, "edition_files_invalid"],
      ["PATCH", { rev, changes: { "manifest.json": null } }, "edition_files_invalid"],
    ];
    for (const [method, body, error] of cases) {
      const answer = await api(method, `${DRAFT}/files`, body);
      expect([answer.status, answer.body.error]).toEqual([400, error]);
      expect(answer.body.message).toMatch(/[\u4e00-\u9fff]/);
    }
    const renamed = {
      ...files,
      "manifest.json": files["manifest.json"]!.replace('"2025.1.0"', '"2026.1.0"'),
    };
    const identity = await api("PUT", `${DRAFT}/files`, { rev, files: renamed });
    expect([identity.status, identity.body.error]).toEqual([400, "edition_files_invalid"]);
    expect((await draftFiles()).rev).toBe(rev);
    const candidate = await buildCandidate(server);
    expect((await api("PUT", `${DRAFT}/files`, { rev, files }, candidate.cookie)).status).toBe(403);
    // Only an administrator's request may be draft-sized: anyone else's stops at the normal body limit.
    const big = { rev, files: { ...files, "big.md": "x".repeat(2_000_000) } };
    expect((await api("PUT", `${DRAFT}/files`, big, candidate.cookie)).status).toBe(413);
    expect((await api("PUT", `${DRAFT}/files`, big)).status).toBe(200);
    expect((await api("GET", `${DRAFT}/validators.js`, undefined, candidate.cookie)).status).toBe(403);
  });
});

describe("studio preview, catalogs and publishing", () => {
  it("serves the draft's validators module generated like a published edition's", async () => {
    const { rev } = await draftFiles();
    const response = await fetch(`${server.url}${DRAFT}/validators.js?rev=${rev}`, {
      headers: { Cookie: admin.cookie },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("javascript");
    const source = await response.text();
    expect(source).toContain("export default function validators(runtime)");
    expect(source).toContain("hubei-2024@2025.1.0");
    const published = await (
      await fetch(`${server.url}/api/editions/hubei-2024/2024.1.0/validators.js`)
    ).text();
    // Same generator: the module differs only in its version line.
    expect(source.split("\n").slice(1).join("\n")).toBe(published.split("\n").slice(1).join("\n"));
  });

  it("imports a catalog from xlsx with 代码/名称/上级代码 (tree), refuses a bad CSV naming its rows, and audits the change", async () => {
    const { rev, files } = await draftFiles();
    const catalogFile = Object.keys(files).find((f) => /^catalogs\/[^/]+\.json$/.test(f))!;
    const id = catalogFile.slice("catalogs/".length, -".json".length);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("目录");
    sheet.addRows([
      ["代码", "名称", "上级代码"],
      ["A", "甲类", ""],
      ["A1", "甲一", "A"],
      ["B", "乙类", ""],
    ]);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const imported = await upload(`${DRAFT}/catalogs/${id}/import?rev=${rev}`, xlsx, "目录.xlsx");
    expect(imported.status).toBe(200);
    expect(imported.body).toEqual({ rev: rev + 1, items: 3 });
    const after = await draftFiles();
    const catalog = JSON.parse(after.files[catalogFile]!) as { id: string; items: unknown[] };
    expect(catalog.id).toBe(JSON.parse(files[catalogFile]!).id);
    expect(catalog.items).toEqual([
      { value: "A", label: "甲类", children: [{ value: "A1", label: "甲一" }] },
      { value: "B", label: "乙类" },
    ]);
    const change = (await auditActions()).find((a) => a.action === "edition.catalogChange");
    expect(change?.after).toMatchObject({ catalog: id, via: "catalogImport" });

    const csv = Buffer.from("代码,名称,上级代码\nA,甲类,\nA,重复,\nC,,Z\n", "utf8");
    const refused = await upload(`${DRAFT}/catalogs/${id}/import?rev=${after.rev}`, csv, "目录.csv");
    expect([refused.status, refused.body.error]).toEqual([422, "catalog_import_invalid"]);
    const rows = (refused.body.details as { rows: { row: number; message: string }[] }).rows;
    expect(rows.map((r) => r.row)).toEqual([3, 4, 4]);
    expect(rows[0]!.message).toContain("与第 2 行重复");
    expect((await draftFiles()).rev).toBe(after.rev);

    const stale = await upload(`${DRAFT}/catalogs/${id}/import?rev=${rev}`, xlsx, "目录.xlsx");
    expect([stale.status, stale.body.error]).toEqual([409, "revision_conflict"]);
    const missing = await upload(`${DRAFT}/catalogs/nowhere/import?rev=${after.rev}`, xlsx, "目录.xlsx");
    expect(missing.status).toBe(404);
  });

  it("keeps a draft savable after importing a big catalog (40 020 rows in three levels)", async () => {
    const { rev } = await draftFiles();
    const lines = ["代码,名称,上级代码"];
    for (let p = 0; p < 20; p++) {
      lines.push(`P${p},第${p}个省级名称,`);
      for (let c = 0; c < 20; c++) {
        lines.push(`P${p}C${c},第${c}个地市名称,P${p}`);
        for (let d = 0; d < 99; d++) lines.push(`P${p}C${c}D${d},第${d}个县区名称,P${p}C${c}`);
      }
    }
    const csv = Buffer.from(lines.join("\n"), "utf8");
    const imported = await upload(`${DRAFT}/catalogs/divisions/import?rev=${rev}`, csv, "行政区划.csv");
    expect([imported.status, imported.body.items]).toEqual([200, 40_020]);
    // Written compact (one line), like the shipped divisions.
    const after = await draftFiles();
    expect(after.files["catalogs/divisions.json"]!.trimEnd().split("\n")).toHaveLength(1);
    // The administrator's next edit still autosaves (it once hit the draft's size bound for good).
    const { file } = firstSection(after.files);
    const patched = await api("PATCH", `${DRAFT}/files`, {
      rev: after.rev,
      changes: { [file]: withTitle(after.files, "导入目录后的修改")[file]! },
    });
    expect([patched.status, patched.body.message]).toEqual([200, undefined]);
    expect((await draftFiles()).files[file]).toContain("导入目录后的修改");
  });

  it("refuses to publish while an example fails, naming it in Chinese; publishes once fixed and shows who published", async () => {
    const { rev, files } = await draftFiles();
    const validExample = Object.keys(files).find((f) => /\/examples\/valid-[^/]+\.json$/.test(f))!;
    const example = JSON.parse(files[validExample]!) as { answers: Record<string, unknown> };
    const [firstKey] = Object.keys(example.answers);
    const original = files[validExample]!;
    delete example.answers[firstKey!];
    const failing = await api("PUT", `${DRAFT}/files`, {
      rev,
      files: { ...files, [validExample]: JSON.stringify(example) },
    });
    expect(failing.status).toBe(200);
    const refused = await api("POST", `${DRAFT}/publish`, { rev: rev + 1 });
    expect([refused.status, refused.body.error]).toEqual([422, "edition_invalid"]);
    const problems = (refused.body.details as { problems: string[] }).problems;
    expect(problems.some((line) => line.startsWith(validExample) && line.includes("合格示例"))).toBe(true);
    expect(refused.body.message).toContain(validExample);

    await api("PUT", `${DRAFT}/files`, { rev: rev + 1, files: { ...files, [validExample]: original } });
    const published = await api("POST", `${DRAFT}/publish`, { rev: rev + 2 });
    expect(published.status).toBe(200);
    const list = (await api("GET", "/api/admin/editions")).body.items as {
      version: string;
      publishedByLabel: string | null;
    }[];
    const mine = list.find((v) => v.version === "2025.1.0")!;
    expect(mine.publishedByLabel).toMatch(/\*{4}/);
    expect(list.find((v) => v.version === "2024.1.0")!.publishedByLabel).toBe("系统");
    const again = await api("PUT", `${DRAFT}/files`, { rev: rev + 3, files });
    expect([again.status, again.body.error]).toEqual([409, "edition_immutable"]);
  });
});
