import { getAt, sectionApplies, type Edition } from "@shenbao/rules";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applicationStarter } from "../../commands/applicationStarter.js";
import { candidateTypeChooser } from "../../commands/candidateTypeChooser.js";
import { sectionSaver } from "../../commands/sectionSaver.js";
import { formatFileSize } from "../../pdf/applicationPdf.js";
import { identityNumberContext } from "../../identity/identityRecords.js";
import { collectionsOf } from "../../store/collections.js";
import {
  buildCandidate,
  exampleSection,
  fillFromExample,
  publishShippedEdition,
} from "../../../test/factories.js";
import { buildPng } from "../../../test/filesFactories.js";
import { singleFileBody } from "../../../test/multipartBody.js";
import { pdfText, squeeze } from "../../../test/pdfText.js";
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

const ID_NUMBER = "420102197504121234";

/** Gives the candidate's current identity a really encrypted number (the factory stores a placeholder). */
async function encryptIdentityNumber(userId: string): Promise<void> {
  const { identities } = collectionsOf(server.ports.store);
  const [identity] = (await identities.find({ currentUserId: userId })).items;
  if (!identity) throw new Error("buildCandidate wrote no identity");
  const { _id, rev, createdAt: _created, updatedAt: _updated, ...fields } = identity;
  await identities.replace(_id, rev, {
    ...fields,
    idNumberEnc: server.services.cipher.encrypt(ID_NUMBER, identityNumberContext(_id)),
  });
}

/** A candidate whose apprentice application holds the edition's example answers and one real photo. */
async function filledApplication() {
  const candidate = await buildCandidate(server);
  await encryptIdentityNumber(candidate.userId);
  const deps = { store: server.ports.store, clock: server.services.clock };
  const { application } = await applicationStarter(deps, { userId: candidate.userId });
  const typed = await candidateTypeChooser(deps, {
    application,
    actor: candidate.userId,
    candidateType: "apprentice",
    confirm: false,
  });
  let filled = await fillFromExample({ ...deps, edition }, typed, "apprentice");

  const multipart = singleFileBody(buildPng(5, 5), "本人照片.png");
  const response = await fetch(
    `${server.url}/api/applications/${filled._id}/attachments?section=basicInfo&field=photo`,
    {
      method: "POST",
      headers: { Cookie: candidate.cookie, "Content-Type": multipart.contentType },
      body: multipart.body,
    },
  );
  if (response.status !== 201) throw new Error(`upload failed: ${response.status} ${await response.text()}`);
  const uploaded = (await response.json()) as { id: string; name: string; size: number };
  filled = await sectionSaver(deps, {
    application: filled,
    actor: candidate.userId,
    key: "basicInfo",
    rev: filled.rev,
    data: { ...exampleSection(edition, "apprentice", "basicInfo"), photo: uploaded.id },
  });
  return { ...candidate, application: filled, photo: uploaded };
}

function getPdf(cookie: string, applicationId: string): Promise<Response> {
  return fetch(`${server.url}/api/applications/${applicationId}/pdf`, { headers: { Cookie: cookie } });
}

describe("GET /api/applications/:id/pdf", () => {
  it("gives the owner a PDF of every applicable section with answers, attachments and the masked ID number", async () => {
    const { cookie, application, photo } = await filledApplication();

    const response = await getPdf(cookie, application._id);

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="file.pdf"; filename*=UTF-8''${encodeURIComponent("申请表")}.pdf`,
    );
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.subarray(-6).toString("latin1")).toMatch(/%%EOF\s*$/);

    const text = squeeze(await pdfText(pdf));
    expect(text).toContain(squeeze(`${edition.title}申请表`));
    for (const section of edition.sections) {
      if (!sectionApplies(edition, section.key, { candidateType: "apprentice" })) continue;
      expect(text).toContain(squeeze(section.title));
    }
    expect(text).toContain("4201**********1234");
    expect(text).not.toContain(ID_NUMBER);
    const answer = (key: string, path: string) =>
      squeeze(String(getAt(exampleSection(edition, "apprentice", key), path)));
    expect(text).toContain(answer("basicInfo", "occupation"));
    expect(text).toContain(answer("apprenticeship", "siteName"));
    expect(text).toContain(answer("expertise", "cases.4.complaint"));
    expect(text).toContain(squeeze(`${photo.name}（${formatFileSize(photo.size)}）`));
  });

  it("answers 404 to a second candidate", async () => {
    const { application } = await filledApplication();
    const other = await buildCandidate(server);

    const response = await getPdf(other.cookie, application._id);

    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: "not_found" });
  });

  it("answers 401 without a session", async () => {
    const response = await fetch(`${server.url}/api/applications/anything/pdf`);

    expect(response.status).toBe(401);
  });
});
