import { getAt, sectionApplies, type Edition } from "@shenbao/rules";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applicationStarter } from "../../commands/applicationStarter.js";
import { candidateTypeChooser } from "../../commands/candidateTypeChooser.js";
import { sectionSaver } from "../../commands/sectionSaver.js";
import { formatFileSize } from "../../pdf/applicationPdf.js";
import {
  buildCandidate,
  encryptIdentityNumber,
  callApi,
  exampleSection,
  fillFromExample,
  publishShippedEdition,
} from "../../../test/factories.js";
import { buildPng } from "../../../test/filesFactories.js";
import { singleFileBody } from "../../../test/multipartBody.js";
import {
  exampleEvaluation,
  filledCandidate,
  importTeachers,
  invitedToken,
  TEACHER_ROWS,
  TINY_PNG,
  uploadWorkProof,
  verifiedTeacher,
} from "../../../test/invitationFactories.js";
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

/** A candidate whose apprentice application holds the edition's example answers and one real photo. */
async function filledApplication() {
  const candidate = await buildCandidate(server);
  await encryptIdentityNumber(server, candidate.userId, ID_NUMBER);
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
  it("gives the owner a PDF of every applicable section with answers, the photo drawn and the masked ID number", async () => {
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
    // The 证件照 is a single-file images-only field (APP-7): drawn as the picture, not listed by name.
    expect(pdf.toString("latin1")).toContain("/Subtype /Image");
    expect(text).not.toContain(squeeze(`${photo.name}（${formatFileSize(photo.size)}）`));
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

/** Verifies the teacher of `token` and signs with the example evaluation carrying `text` as its wording. */
async function signWith(token: string, row: (typeof TEACHER_ROWS)[keyof typeof TEACHER_ROWS], text: string) {
  const cookie = await verifiedTeacher(server, token, row);
  const evaluation = await exampleEvaluation(server);
  const textField = Object.keys(evaluation).find(
    (key) => typeof evaluation[key] === "string" && String(evaluation[key]).length >= 10,
  );
  if (textField === undefined) throw new Error("the example evaluation has no free-text answer");
  const signed = await callApi<{ contentHash: string }>(server, "POST", `/api/t/${token}/sign`, {
    cookie,
    body: {
      commitmentAccepted: true,
      evaluation: { ...evaluation, [textField]: text },
      signaturePng: TINY_PNG.toString("base64"),
    },
  });
  if (signed.status !== 201) throw new Error(`sign failed: ${signed.status} ${JSON.stringify(signed.body)}`);
  return signed.body.contentHash;
}

describe("GET /api/applications/:id/pdf with teacher evaluations", () => {
  it("prints every signed evaluation with teacher, answers, date, signature image and hash, but not an invalidated one", async () => {
    const refs = await importTeachers(server);
    const candidate = await filledCandidate(server, "apprentice");
    const appId = candidate.application._id;

    // The supervisor signs, then the candidate changes covered content: that signature is 已失效.
    const first = await invitedToken(server, candidate, appId, { role: "supervisor", ref: refs.sup1 });
    const staleHash = await signWith(
      first.token,
      TEACHER_ROWS.sup1,
      "作废前的评价内容，不应出现在申请表上。",
    );
    const technique = await callApi<{ rev: number; data: Record<string, unknown> }>(
      server,
      "GET",
      `/api/applications/${appId}/sections/technique`,
      { cookie: candidate.cookie },
    );
    const changed = await callApi(server, "PUT", `/api/applications/${appId}/sections/technique`, {
      cookie: candidate.cookie,
      body: {
        rev: technique.body.rev,
        data: {
          ...technique.body.data,
          servedLastFiveYears: Number(technique.body.data.servedLastFiveYears ?? 0) + 1,
        },
        confirmVoid: true,
      },
    });
    expect(changed.status).toBe(200);
    const list = await callApi<{ items: { state: string; link: string | null }[] }>(
      server,
      "GET",
      `/api/applications/${appId}/invitations`,
      { cookie: candidate.cookie },
    );
    const replacement = list.body.items.find((item) => item.link !== null);
    expect(list.body.items.map((item) => item.state)).toContain("invalidated");
    const supervisorToken = /\/t\/([A-Za-z0-9_-]+)$/.exec(replacement?.link ?? "")?.[1];
    if (!supervisorToken) throw new Error("no replacement invitation");

    const hashes = [
      await signWith(supervisorToken, TEACHER_ROWS.sup1, "评价一：跟师学习认真，临证思路清晰。"),
    ];
    for (const [key, text] of [
      ["rec1", "评价二：擅长针灸治疗颈肩腰腿痛。"],
      ["rec2", "评价三：熟悉方药配伍，疗效可靠。"],
    ] as const) {
      const workProof = await uploadWorkProof(server, candidate, appId);
      const { token } = await invitedToken(server, candidate, appId, {
        role: "recommender",
        ref: refs[key],
        workProof,
      });
      hashes.push(await signWith(token, TEACHER_ROWS[key], text));
    }

    const response = await getPdf(candidate.cookie, appId);

    expect(response.status).toBe(200);
    const pdf = Buffer.from(await response.arrayBuffer());
    const text = squeeze(await pdfText(pdf));
    const evaluationForm = edition.forms.find((form) => form.key === "evaluation")!;
    expect(text).toContain(squeeze(evaluationForm.title));
    for (const key of ["sup1", "rec1", "rec2"] as const) {
      const row = TEACHER_ROWS[key];
      expect(text).toContain(squeeze(String(row.name)));
      expect(text).toContain(squeeze(String(row.institution)));
      expect(text).toContain(squeeze(String(row.title)));
    }
    expect(text).toContain("跟师学习认真，临证思路清晰");
    expect(text).toContain("擅长针灸治疗颈肩腰腿痛");
    expect(text).toContain("熟悉方药配伍，疗效可靠");
    for (const hash of hashes) expect(text).toContain(`${hash.slice(0, 16)}…`);
    expect(text).not.toContain("作废前的评价内容");
    expect(text).not.toContain(staleHash.slice(0, 16));
    // One embedded image per signed evaluation: the three signatures, not the invalidated one's. A PNG with
    // alpha embeds as an image plus its soft mask, so masks are not counted.
    const raw = pdf.toString("latin1");
    const images = raw.match(/\/Subtype\s*\/Image/g) ?? [];
    const masks = raw.match(/\/SMask\s+\d+\s+0\s+R/g) ?? [];
    expect(images.length - masks.length).toBe(3);
  }, 60_000);
});
