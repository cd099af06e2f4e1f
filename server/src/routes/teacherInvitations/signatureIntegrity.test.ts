/**
 * Signature integrity (issue 11): a save that changes nothing a teacher read voids nothing; a save that
 * would void asks first; a new verified person or a deleted covered attachment voids; tampering with the
 * stored evaluation or its image is shown on the candidate's list and the PDF input, and blocks submit.
 */
import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { attachmentRefs } from "../../applications/attachmentRefs.js";
import { currentEdition } from "../../editions/publishedEditions.js";
import { applicationPdfInput } from "../../pdf/applicationPdfInput.js";
import { collectionsOf } from "../../store/collections.js";
import { callApi } from "../../../test/factories.js";
import { buildIdNumber, uploadTestPhoto } from "../../../test/identityFactories.js";
import {
  filledCandidate,
  importTeachers,
  invitedToken,
  signAs,
  TEACHER_ROWS,
  TINY_PNG,
  verifiedTeacher,
} from "../../../test/invitationFactories.js";
import { ManualClock } from "../../../test/manualClock.js";
import { startTestServer, type TestServer } from "../../../test/testApp.js";

let server: TestServer;
let candidate: Awaited<ReturnType<typeof filledCandidate>>;
let invitationId: string;
let appId: string;

interface ListView {
  items: {
    id: string;
    state: string;
    stateLabel: string;
    invalidatedReason: string | null;
    problem: string | null;
  }[];
}

beforeEach(async () => {
  server = await startTestServer({ clock: new ManualClock() });
  const refs = await importTeachers(server);
  candidate = await filledCandidate(server, "apprentice");
  appId = candidate.application._id;
  const invited = await invitedToken(server, candidate, appId, { role: "supervisor", ref: refs.sup1 });
  invitationId = invited.invitationId;
  const cookie = await verifiedTeacher(server, invited.token, TEACHER_ROWS.sup1);
  expect((await signAs(server, invited.token, cookie)).status).toBe(201);
});
afterEach(() => server.close());

const invitations = () => collectionsOf(server.ports.store).invitations;
const invitation = () => invitations().get(invitationId);
const countInvitations = async () => (await invitations().find({ applicationId: appId })).items.length;
const list = () =>
  callApi<ListView>(server, "GET", `/api/applications/${appId}/invitations`, { cookie: candidate.cookie });
const submit = () =>
  callApi<{ error: string; message: string }>(server, "POST", `/api/applications/${appId}/submit`, {
    cookie: candidate.cookie,
    body: {},
  });

async function section(key: string) {
  return callApi<{ rev: number; data: Record<string, unknown> }>(
    server,
    "GET",
    `/api/applications/${appId}/sections/${key}`,
    { cookie: candidate.cookie },
  );
}

async function save(key: string, rev: number, data: Record<string, unknown>, confirmVoid?: boolean) {
  return callApi<{ error?: string; message?: string; details?: { count: number } }>(
    server,
    "PUT",
    `/api/applications/${appId}/sections/${key}`,
    { cookie: candidate.cookie, body: { rev, data, ...(confirmVoid === undefined ? {} : { confirmVoid }) } },
  );
}

/** An optional section the example leaves out, and one the example fills with an attachment. */
async function sectionsOfInterest() {
  const edition = await currentEdition(server.ports.store, server.services.clock.now());
  const application = await collectionsOf(server.ports.store).applications.get(appId);
  const stored = application!.sections;
  const list = edition.sections.find((s) => s.key === "recommenders")?.key;
  const unsaved = edition.sections.find(
    (s) => stored[s.key] === undefined && s.key !== list && s.key !== "practice",
  );
  const withFile = edition.sections.find(
    (s) => s.key !== list && attachmentRefs(s.schema, stored[s.key]?.data).length > 0,
  );
  return { edition, unsaved, withFile, stored };
}

describe("what voids a signature", () => {
  it("saving an optional section unchanged and empty voids nothing and invites nobody again", async () => {
    const { unsaved } = await sectionsOfInterest();
    expect(unsaved).toBeDefined();
    const before = await countInvitations();
    const { body } = await section(unsaved!.key);
    const saved = await save(unsaved!.key, body.rev, {});
    expect(saved.status).toBe(200);
    expect((await invitation())?.state).toBe("signed");
    expect(await countInvitations()).toBe(before);
  });

  it("asks before a save that voids (409 with the count, nothing written), then voids with the reason", async () => {
    const { body } = await section("technique");
    const changed = {
      ...body.data,
      servedLastFiveYears: Number(body.data.servedLastFiveYears ?? 0) + 1,
    };
    const asked = await save("technique", body.rev, changed);
    expect(asked.status).toBe(409);
    expect(asked.body.error).toBe("signatures_would_void");
    expect(asked.body.message).toBe("修改后，已签署的 1 位老师需重新签名");
    expect((await section("technique")).body.rev).toBe(body.rev);
    expect((await invitation())?.state).toBe("signed");

    expect((await save("technique", body.rev, changed, true)).status).toBe(200);
    const old = (await list()).body.items.find((item) => item.id === invitationId);
    expect(old).toMatchObject({ stateLabel: "已失效", invalidatedReason: "申请内容已修改" });
  });

  it("verifying another person after withdrawing voids the signature, with the reason", async () => {
    const withdrawn = await callApi(server, "POST", "/api/identity/withdraw", { cookie: candidate.cookie });
    expect(withdrawn.status).toBe(200);
    expect((await invitation())?.state).toBe("signed");
    const { store, files } = server.ports;
    const photoFront = await uploadTestPhoto(
      { store, files, clock: server.services.clock },
      candidate.userId,
    );
    const verified = await callApi(server, "POST", "/api/identity/verify", {
      cookie: candidate.cookie,
      body: { name: "李四", idNumber: buildIdNumber("420102", "19850101", "456"), photoFront },
    });
    expect(verified.status).toBe(200);
    expect(await invitation()).toMatchObject({ state: "invalidated", invalidatedReason: "identity" });
    const item = (await list()).body.items.find((view) => view.id === invitationId);
    expect(item?.invalidatedReason).toBe("实名认证信息已变更");
  });

  it("deleting an attachment the signed content names voids the signature and drops the id", async () => {
    const { withFile, stored } = await sectionsOfInterest();
    expect(withFile).toBeDefined();
    const [ref] = attachmentRefs(withFile!.schema, stored[withFile!.key]?.data);
    const deleted = await callApi(server, "DELETE", `/api/attachments/${ref!.id}`, {
      cookie: candidate.cookie,
    });
    expect(deleted.status).toBe(204);
    expect(await invitation()).toMatchObject({ state: "invalidated", invalidatedReason: "attachment" });
    const after = await collectionsOf(server.ports.store).applications.get(appId);
    expect(JSON.stringify(after?.sections[withFile!.key]?.data)).not.toContain(ref!.id);
  });
});

/** Edits one answer of the signed evaluation straight in the store, under its hashes. */
async function editEvaluationRow(): Promise<void> {
  const doc = (await invitation())!;
  const { _id, rev, createdAt: _c, updatedAt: _u, ...fields } = doc;
  const answers = { ...doc.evaluation!.answers };
  const [first] = Object.keys(answers).filter((key) => typeof answers[key] === "string");
  answers[first!] = `${String(answers[first!])}（改）`;
  await invitations().replace(_id, rev, { ...fields, evaluation: { ...doc.evaluation!, answers } });
}

const reissue = (id: string, cookie = candidate.cookie) =>
  callApi<{
    error?: string;
    invitation?: { id: string; teacherName: string; state: string; link: string | null };
  }>(server, "POST", `/api/invitations/${id}/reissue`, { cookie, body: {} });

describe("tampering is found on read and blocks submit", () => {
  it("an edited evaluation row: the list and the PDF say 签名校验失败, submit refuses", async () => {
    await editEvaluationRow();

    const item = (await list()).body.items.find((view) => view.id === invitationId);
    expect(item).toMatchObject({
      stateLabel: "签名校验失败",
      problem: "签名校验失败，请点「请老师重新签名」，老师会收到新的签名链接",
    });
    const application = await collectionsOf(server.ports.store).applications.get(appId);
    const pdf = await applicationPdfInput(
      { store: server.ports.store, cipher: server.services.cipher, files: server.ports.files },
      application!,
    );
    expect(pdf.evaluations?.[0]).toMatchObject({
      problem: "签名校验失败，请点「请老师重新签名」，老师会收到新的签名链接",
      signature: undefined,
    });
    const refused = await submit();
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      error: "signature_check_failed",
      message: "签名校验失败，请点「请老师重新签名」，老师会收到新的签名链接",
    });
  });

  it("a swapped signature file in storage is found the same way", async () => {
    const doc = (await invitation())!;
    const other = Buffer.concat([TINY_PNG, Buffer.from([0])]);
    const swapped = await server.ports.files.put(Readable.from([other]), {
      maxBytes: 1 << 20,
      allowedTypes: ["image/png"],
    });
    const { _id, rev, createdAt: _c, updatedAt: _u, ...fields } = doc;
    // Storage swapped under the record: the record still names its own hash, the key now holds other bytes.
    await invitations().replace(_id, rev, {
      ...fields,
      evaluation: { ...doc.evaluation!, signatureFileKey: swapped.key },
    });
    const item = (await list()).body.items.find((view) => view.id === invitationId);
    expect(item?.problem).toBe("签名校验失败，请点「请老师重新签名」，老师会收到新的签名链接");
    const refused = await submit();
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe("signature_check_failed");
  });

  it("an intact signature shows no problem and passes the check (submit then stops at the missing teachers)", async () => {
    const item = (await list()).body.items.find((view) => view.id === invitationId);
    expect(item).toMatchObject({ stateLabel: "已签署", problem: null });
    const refused = await submit();
    expect(refused.status).toBe(422);
    expect(refused.body.error).not.toBe("signature_check_failed");
  });
});

describe("请老师重新签名 after a failed check (issue 11)", () => {
  it("voids the failed signature with its reason and invites the same teacher again with a new link", async () => {
    await editEvaluationRow();
    const before = await countInvitations();
    const answered = await reissue(invitationId);
    expect(answered.status).toBe(201);
    const replacement = answered.body.invitation!;
    expect(replacement.id).not.toBe(invitationId);
    expect(replacement.link).toMatch(/^https?:\/\//);
    expect(await countInvitations()).toBe(before + 1);
    expect(await invitation()).toMatchObject({
      state: "invalidated",
      invalidatedReason: "tampered",
      replacedBy: replacement.id,
    });
    const items = (await list()).body.items;
    expect(items.find((item) => item.id === invitationId)).toMatchObject({
      stateLabel: "已失效",
      invalidatedReason: "签名校验失败",
      problem: null,
    });
    expect(items.find((item) => item.id === replacement.id)?.problem).toBeNull();
    // Nothing fails its check any more: submit stops at the signature still missing, not at tampering.
    const refused = await submit();
    expect(refused.status).toBe(422);
    expect(refused.body.error).not.toBe("signature_check_failed");
  });

  it("refuses it for an intact signature and for someone else's invitation, changing nothing", async () => {
    const intact = await reissue(invitationId);
    expect(intact.status).toBe(409);
    expect(intact.body.error).toBe("signature_not_reissuable");
    expect((await invitation())?.state).toBe("signed");

    await editEvaluationRow();
    const other = await filledCandidate(server, "practice");
    const foreign = await reissue(invitationId, other.cookie);
    expect(foreign.status).toBe(404);
    expect((await invitation())?.state).toBe("signed");
  });
});
