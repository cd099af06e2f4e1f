import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { collectionsOf } from "../../store/collections.js";
import { buildAdmin, buildCandidate, callApi, publishShippedEdition } from "../../../test/factories.js";
import { registryCsv, registryRow, registryXlsx } from "../../../test/registryFactories.js";
import { startTestServer, type TestServer } from "../../../test/testApp.js";
import { REGISTRY_VOCABULARY } from "../../registry/registryVocabulary.js";

const makeAdmin = buildAdmin;

async function upload(target: TestServer, cookie: string, bytes: Buffer, fileName: string) {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(bytes)]), fileName);
  const response = await fetch(`${target.url}/api/admin/registry/import`, {
    method: "POST",
    headers: { Cookie: cookie },
    body: form,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const header = (key: string) => REGISTRY_VOCABULARY.columns.find((column) => column.key === key)!.header;

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
  await publishShippedEdition(server.ports.store, server.services.clock);
});
afterEach(() => server.close());

const registryCount = () => collectionsOf(server.ports.store).registry.count({});

describe("GET /api/admin/registry/template", () => {
  it("downloads the xlsx template under a Chinese file name, with the vocabulary's headers", async () => {
    const admin = await makeAdmin(server);
    const response = await fetch(`${server.url}/api/admin/registry/template`, {
      headers: { Cookie: admin.cookie },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/spreadsheetml/);
    expect(response.headers.get("content-disposition")).toContain(
      `filename*=UTF-8''${encodeURIComponent("医师名录导入模板.xlsx")}`,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const headers = (workbook.worksheets[0]!.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(REGISTRY_VOCABULARY.columns.map((column) => column.header));
  });
});

describe("POST /api/admin/registry/import", () => {
  it("imports a valid xlsx built with exceljs and answers the counts, then updates on a second import", async () => {
    const admin = await makeAdmin(server);
    const before = await registryCount();
    const file = await registryXlsx([registryRow(1), registryRow(2)]);
    const first = await upload(server, admin.cookie, file, "医师名录.xlsx");
    expect(first).toEqual({ status: 200, body: { inserted: 2, updated: 0, total: 2 } });
    expect(await registryCount()).toBe(before + 2);
    const again = await upload(server, admin.cookie, registryCsv([registryRow(1)]), "名录.csv");
    expect(again).toEqual({ status: 200, body: { inserted: 0, updated: 1, total: 1 } });
    const audit = await collectionsOf(server.ports.store).audit.find({
      entity: "registry",
      entityId: "import",
    });
    expect(audit.items.map((event) => event.actor)).toEqual([admin.userId, admin.userId]);
  });

  it("answers 422 with the row errors when a row is bad, and writes nothing", async () => {
    const admin = await makeAdmin(server);
    const before = await registryCount();
    const file = await registryXlsx([registryRow(1), registryRow(2, { phone: "12345" })]);
    const answer = await upload(server, admin.cookie, file, "名录.xlsx");
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({
      error: "registry_import_invalid",
      details: { rows: [{ row: 3, column: header("phone"), message: expect.any(String) }] },
    });
    expect(await registryCount()).toBe(before);
  });

  it("refuses a file whose bytes are not what its extension says, and a file of another type", async () => {
    const admin = await makeAdmin(server);
    const fake = await upload(server, admin.cookie, registryCsv([registryRow(1)]), "名录.xlsx");
    expect(fake.status).toBe(422);
    const other = await upload(server, admin.cookie, Buffer.from("hello"), "名录.txt");
    expect(other.status).toBe(422);
  });

  it("answers 403 to a candidate and 401 without a session", async () => {
    const candidate = await buildCandidate(server, { verified: false });
    const file = await registryXlsx([registryRow(1)]);
    const before = await registryCount();
    expect((await upload(server, candidate.cookie, file, "名录.xlsx")).status).toBe(403);
    expect((await upload(server, "", file, "名录.xlsx")).status).toBe(401);
    expect(
      (await callApi(server, "GET", "/api/admin/registry/template", { cookie: candidate.cookie })).status,
    ).toBe(403);
    expect((await callApi(server, "GET", "/api/admin/registry", { cookie: candidate.cookie })).status).toBe(
      403,
    );
    expect(await registryCount()).toBe(before);
  });
});

describe("GET /api/admin/registry", () => {
  it("counts the registry and lists a page with numbers and phones masked", async () => {
    const admin = await makeAdmin(server);
    const row = registryRow(7);
    await upload(server, admin.cookie, await registryXlsx([row]), "名录.xlsx");
    const answer = await callApi<{ total: number; items: Record<string, unknown>[] }>(
      server,
      "GET",
      "/api/admin/registry?limit=100",
      { cookie: admin.cookie },
    );
    expect(answer.status).toBe(200);
    expect(answer.body.total).toBe(await registryCount());
    const text = JSON.stringify(answer.body);
    expect(text).not.toContain(String(row.idNumber));
    expect(text).not.toContain(String(row.phone));
    const listed = answer.body.items.find((item) => item.name === row.name);
    expect(listed).toMatchObject({
      idNumber: expect.stringContaining("*"),
      phone: expect.stringContaining("****"),
    });
  });
});
