import { createHash } from "node:crypto";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { getAt, type Edition } from "@shenbao/rules";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applicationStarter } from "../../commands/applicationStarter.js";
import { candidateTypeChooser } from "../../commands/candidateTypeChooser.js";
import type { Stored } from "../../ports/store.js";
import { collectionsOf, type ApplicationDoc } from "../../store/collections.js";
import { buildCandidate, publishShippedEdition, type TestCandidate } from "../../../test/factories.js";
import { buildJpeg, buildLargePng, buildPdf, buildPng } from "../../../test/filesFactories.js";
import { multipartBody, singleFileBody } from "../../../test/multipartBody.js";
import { startTestServer, type TestServer } from "../../../test/testApp.js";

let server: TestServer;
let edition: Edition;

beforeAll(async () => {
  server = await startTestServer();
  edition = await publishShippedEdition(server.ports.store, server.services.clock);
});
afterAll(async () => {
  await server.close();
});

/** A signed-in candidate with a started application of `candidateType`. */
async function candidateWithApplication(
  candidateType: "apprentice" | "practice" = "apprentice",
): Promise<TestCandidate & { application: Stored<ApplicationDoc> }> {
  const candidate = await buildCandidate(server);
  const deps = { store: server.ports.store, clock: server.services.clock };
  const { application } = await applicationStarter(deps, { userId: candidate.userId });
  const chosen = await candidateTypeChooser(deps, {
    application,
    actor: candidate.userId,
    candidateType,
    confirm: false,
  });
  return { ...candidate, application: chosen };
}

function upload(
  cookie: string,
  applicationId: string,
  target: { section: string; field: string },
  multipart: { body: Buffer; contentType: string },
): Promise<Response> {
  const query = new URLSearchParams(target).toString();
  return fetch(`${server.url}/api/applications/${applicationId}/attachments?${query}`, {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": multipart.contentType },
    body: multipart.body,
  });
}

function download(cookie: string, id: string, query = ""): Promise<Response> {
  return fetch(`${server.url}/api/attachments/${id}${query}`, { headers: { Cookie: cookie } });
}

function remove(cookie: string, id: string): Promise<Response> {
  return fetch(`${server.url}/api/attachments/${id}`, { method: "DELETE", headers: { Cookie: cookie } });
}

/** Every file the folder adapter holds (temp files included), to prove a refused upload kept nothing. */
async function storedFiles(): Promise<string[]> {
  const dir = path.join(server.dataDir, "files");
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => !entry.isDirectory())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

async function attachmentCount(applicationId: string): Promise<number> {
  return collectionsOf(server.ports.store).attachments.count({ applicationId });
}

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

/** The photo field of the basic information and the multi-file materials of the expertise summary. */
const PHOTO = { section: "basicInfo", field: "photo" };
const MATERIALS = { section: "expertise", field: "summary.materials" };

describe("POST /api/applications/:id/attachments", () => {
  it.each([
    ["PNG", PHOTO, buildPng(4, 3), "image/png", "照片.png"],
    ["JPEG", PHOTO, buildJpeg(), "image/jpeg", "正面照.jpg"],
    ["PDF", MATERIALS, buildPdf("proof"), "application/pdf", "证明材料.pdf"],
  ])(
    "stores a %s in a real attachment field with its detected type, size and sha256",
    async (_, target, bytes, mime, name) => {
      const { cookie, application } = await candidateWithApplication();

      const response = await upload(cookie, application._id, target, singleFileBody(bytes, name));

      expect(response.status).toBe(201);
      const body = (await response.json()) as Record<string, unknown>;
      expect(body).toEqual({
        id: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
        applicationId: application._id,
        sectionKey: target.section,
        fieldPath: target.field,
        name,
        mime,
        size: bytes.length,
        sha256: sha256(bytes),
        createdAt: expect.any(String),
      });
      const stored = await collectionsOf(server.ports.store).attachments.get(String(body.id));
      expect(stored).toMatchObject({ ownerId: application.userId, sha256: sha256(bytes), mime });
    },
  );

  it("stores a file for one item of a list of records (education.0.diploma)", async () => {
    const { cookie, application } = await candidateWithApplication();

    const response = await upload(
      cookie,
      application._id,
      { section: "basicInfo", field: "education.0.diploma" },
      singleFileBody(buildPdf(), "diploma.pdf"),
    );

    expect(response.status).toBe(201);
  });

  it("refuses a text file renamed .png with 415 and keeps neither metadata nor file", async () => {
    const { cookie, application } = await candidateWithApplication();
    const before = await storedFiles();
    const text = Buffer.from("这不是图片 — just text pretending to be a PNG\n".repeat(200));

    const response = await upload(
      cookie,
      application._id,
      PHOTO,
      singleFileBody(text, "照片.png", "image/png"),
    );

    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({
      error: "file_type_not_allowed",
      message: expect.stringMatching(/文件类型/),
    });
    expect(await attachmentCount(application._id)).toBe(0);
    expect(await storedFiles()).toEqual(before);
  });

  it("refuses a PDF in an images-only field with 415", async () => {
    const { cookie, application } = await candidateWithApplication();

    const response = await upload(cookie, application._id, PHOTO, singleFileBody(buildPdf(), "photo.pdf"));

    expect(response.status).toBe(415);
    expect(await attachmentCount(application._id)).toBe(0);
  });

  it("refuses a file one byte over the field's maxBytes with 413 and keeps neither metadata nor file", async () => {
    const { cookie, application } = await candidateWithApplication();
    const maxBytes = getAt(
      edition.sections.find((s) => s.key === "basicInfo")!.uiSchema,
      "photo.ui:options.maxBytes",
    );
    const bytes = buildLargePng(Number(maxBytes)).subarray(0, Number(maxBytes) + 1);
    const before = await storedFiles();

    const response = await upload(cookie, application._id, PHOTO, singleFileBody(bytes, "big.png"));

    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: "file_too_large", details: { maxBytes } });
    expect(await attachmentCount(application._id)).toBe(0);
    expect(await storedFiles()).toEqual(before);
  });

  it("refuses a declared body far over the limit before reading it", async () => {
    const { cookie, application } = await candidateWithApplication();

    const response = await upload(
      cookie,
      application._id,
      PHOTO,
      singleFileBody(buildLargePng(6 * 1024 * 1024), "huge.png"),
    );

    expect(response.status).toBe(413);
    expect(await attachmentCount(application._id)).toBe(0);
  });

  it.each([
    [{ section: "basicInfo", field: "name" }],
    [{ section: "basicInfo", field: "nothing" }],
    [{ section: "nowhere", field: "photo" }],
    [{ section: "expertise", field: "cases.2.name" }],
    // The practice section does not apply to an apprentice.
    [{ section: "practice", field: "guidanceForm" }],
  ])("answers 400 for %j, which is no attachment field of this application", async (target) => {
    const { cookie, application } = await candidateWithApplication();
    const before = await storedFiles();

    const response = await upload(cookie, application._id, target, singleFileBody(buildPng(), "x.png"));

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "attachment_field_unknown" });
    expect(await storedFiles()).toEqual(before);
  });

  it("answers 400 for a request with two files and keeps neither", async () => {
    const { cookie, application } = await candidateWithApplication();
    const before = await storedFiles();
    const body = multipartBody([
      { name: "file", body: buildPng(), fileName: "a.png" },
      { name: "file", body: buildPng(2, 2), fileName: "b.png" },
    ]);

    const response = await upload(cookie, application._id, MATERIALS, body);

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "upload_malformed" });
    expect(await attachmentCount(application._id)).toBe(0);
    expect(await storedFiles()).toEqual(before);
  });

  it("answers 400 for a request without a file part or not multipart", async () => {
    const { cookie, application } = await candidateWithApplication();

    const noFile = await upload(
      cookie,
      application._id,
      PHOTO,
      multipartBody([{ name: "note", body: "hi" }]),
    );
    const json = await fetch(
      `${server.url}/api/applications/${application._id}/attachments?section=basicInfo&field=photo`,
      {
        method: "POST",
        headers: { Cookie: cookie, "Content-Type": "application/json" },
        body: "{}",
      },
    );

    expect(noFile.status).toBe(400);
    expect(json.status).toBe(400);
  });

  it("answers 404 to a second candidate uploading into someone else's application", async () => {
    const { application } = await candidateWithApplication();
    const other = await candidateWithApplication();

    const response = await upload(other.cookie, application._id, PHOTO, singleFileBody(buildPng(), "x.png"));

    expect(response.status).toBe(404);
    expect(await attachmentCount(application._id)).toBe(0);
  });

  it("answers 401 without a session", async () => {
    const { application } = await candidateWithApplication();

    const response = await upload("", application._id, PHOTO, singleFileBody(buildPng(), "x.png"));

    expect(response.status).toBe(401);
  });

  it("answers 409 once the application is submitted", async () => {
    const { cookie, application } = await candidateWithApplication();
    await collectionsOf(server.ports.store).applications.replace(application._id, application.rev, {
      ...application,
      status: "submitted",
    });

    const response = await upload(cookie, application._id, PHOTO, singleFileBody(buildPng(), "x.png"));

    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ error: "application_submitted" });
  });
});

describe("GET /api/attachments/:id", () => {
  it("gives the owner the exact bytes with the detected type, nosniff and a safe Content-Disposition", async () => {
    const { cookie, application } = await candidateWithApplication();
    const bytes = buildPng(3, 3);
    const hostile = '病历"; x.pdf\r\nSet-Cookie: a';
    // A raw quote, CR and LF can only arrive through RFC 5987 `filename*`; busboy decodes them.
    const body = multipartBody([
      { name: "file", body: bytes, fileNameStar: hostile, contentType: "application/pdf" },
    ]);
    const uploaded = (await (await upload(cookie, application._id, PHOTO, body)).json()) as {
      id: string;
      name: string;
    };

    const response = await download(cookie, uploaded.id);

    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(bytes);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.getSetCookie()).toEqual([]);
    const disposition = response.headers.get("content-disposition")!;
    expect(disposition).toMatch(
      /^attachment; filename="[^"\\\r\n/]*"; filename\*=UTF-8''[A-Za-z0-9%!#$&+\-.^_`|~]+$/,
    );
    const encoded = disposition.split("filename*=UTF-8''")[1]!;
    expect(decodeURIComponent(encoded)).toBe(uploaded.name);
    expect(uploaded.name).not.toMatch(/["\r\n]/);
    expect(uploaded.name).toContain("病历");
  });

  it("serves images and PDFs inline only when a preview is asked for", async () => {
    const { cookie, application } = await candidateWithApplication();
    const uploaded = (await (
      await upload(cookie, application._id, MATERIALS, singleFileBody(buildPdf(), "证明.pdf"))
    ).json()) as {
      id: string;
    };

    const preview = await download(cookie, uploaded.id, "?inline=1");
    const plain = await download(cookie, uploaded.id);

    expect(preview.headers.get("content-disposition")).toMatch(/^inline; /);
    expect(preview.headers.get("content-type")).toBe("application/pdf");
    expect(plain.headers.get("content-disposition")).toMatch(/^attachment; /);
    await preview.arrayBuffer();
    await plain.arrayBuffer();
  });

  it("answers 404 to a second candidate and to an unknown id", async () => {
    const { cookie, application } = await candidateWithApplication();
    const uploaded = (await (
      await upload(cookie, application._id, PHOTO, singleFileBody(buildPng(), "x.png"))
    ).json()) as { id: string };
    const other = await buildCandidate(server);

    const stranger = await download(other.cookie, uploaded.id);
    const unknown = await download(cookie, "0".repeat(32));

    expect(stranger.status).toBe(404);
    expect(await stranger.json()).toMatchObject({ error: "not_found" });
    expect(unknown.status).toBe(404);
  });
});

describe("DELETE /api/attachments/:id", () => {
  it("deletes the owner's attachment: metadata and file are gone and downloads answer 404", async () => {
    const { cookie, application } = await candidateWithApplication();
    const before = await storedFiles();
    const uploaded = (await (
      await upload(cookie, application._id, PHOTO, singleFileBody(buildPng(), "x.png"))
    ).json()) as { id: string };
    expect(await storedFiles()).toHaveLength(before.length + 1);

    const response = await remove(cookie, uploaded.id);

    expect(response.status).toBe(204);
    expect(await attachmentCount(application._id)).toBe(0);
    expect(await storedFiles()).toEqual(before);
    expect((await download(cookie, uploaded.id)).status).toBe(404);
  });

  it("answers 404 to a second candidate and keeps the file", async () => {
    const { cookie, application } = await candidateWithApplication();
    const uploaded = (await (
      await upload(cookie, application._id, PHOTO, singleFileBody(buildPng(), "x.png"))
    ).json()) as { id: string };
    const other = await buildCandidate(server);

    const response = await remove(other.cookie, uploaded.id);

    expect(response.status).toBe(404);
    expect(await attachmentCount(application._id)).toBe(1);
    expect((await download(cookie, uploaded.id)).status).toBe(200);
  });

  it("answers 409 once the application is submitted and keeps the file", async () => {
    const { cookie, application } = await candidateWithApplication();
    const uploaded = (await (
      await upload(cookie, application._id, PHOTO, singleFileBody(buildPng(), "x.png"))
    ).json()) as { id: string };
    const current = (await collectionsOf(server.ports.store).applications.get(application._id))!;
    await collectionsOf(server.ports.store).applications.replace(current._id, current.rev, {
      ...current,
      status: "submitted",
    });

    const response = await remove(cookie, uploaded.id);

    expect(response.status).toBe(409);
    expect(await attachmentCount(application._id)).toBe(1);
  });
});
