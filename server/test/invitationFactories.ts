/**
 * Factories for invitation tests (TCH-1…5): registry physicians imported the way administrators do, a
 * candidate whose application is filled from the edition's example, the work-proof upload through the
 * attachments route, the selection, and the teacher's whole page flow (code from the outbox, verify, sign).
 */
import { registryImporter } from "../src/commands/registryImporter.js";
import { applicationStarter } from "../src/commands/applicationStarter.js";
import { candidateTypeChooser } from "../src/commands/candidateTypeChooser.js";
import { currentEdition } from "../src/editions/publishedEditions.js";
import { identityNumberContext } from "../src/identity/identityRecords.js";
import { evaluationFormKey } from "../src/invitations/invitationRecords.js";
import { TEACHER_SESSION } from "../src/invitations/invitationSettings.js";
import { labelGroupOf } from "../src/registry/registryVocabulary.js";
import { findRegistryDoc } from "../src/registry/registryRecords.js";
import type { Stored } from "../src/ports/store.js";
import { collectionsOf, type ApplicationDoc } from "../src/store/collections.js";
import {
  buildCandidate,
  callApi,
  fillFromExample,
  publishShippedEdition,
  type TestCandidate,
} from "./factories.js";
import { singleFileBody } from "./multipartBody.js";
import { readOutbox } from "./outbox.js";
import { idNumberFor, registryCsv, registryRow, type RegistryRow } from "./registryFactories.js";
import type { TestServer } from "./testApp.js";

/** A 1×1 PNG: the smallest real signature image. */
export const TINY_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

/** The candidate's own ID number in these tests (the identity factory stores a placeholder). */
export const CANDIDATE_ID_NUMBER = idNumberFor("42010219800101123");

/** Three recommenders and two supervisors under their own label group, and one person under both. */
export const TEACHER_ROWS: Record<"rec1" | "rec2" | "rec3" | "sup1" | "sup2" | "both", RegistryRow> = {
  rec1: registryRow(41, { labels: labelGroupOf("recommender") }),
  rec2: registryRow(42, { labels: labelGroupOf("recommender") }),
  rec3: registryRow(43, { labels: labelGroupOf("recommender") }),
  sup1: registryRow(44, { labels: labelGroupOf("supervisor") }),
  sup2: registryRow(45, { labels: labelGroupOf("supervisor") }),
  both: registryRow(46),
};

/** Imports `TEACHER_ROWS` into the server's registry; returns each person's ref. */
export async function importTeachers(server: TestServer): Promise<Record<keyof typeof TEACHER_ROWS, string>> {
  const { store } = server.ports;
  const { cipher, clock } = server.services;
  await registryImporter(
    { store, cipher, clock, regionLookup: server.services.identity.regionLookup },
    { input: { buffer: registryCsv(Object.values(TEACHER_ROWS)), format: "csv" }, actor: "test" },
  );
  const refs = {} as Record<keyof typeof TEACHER_ROWS, string>;
  for (const [key, row] of Object.entries(TEACHER_ROWS)) {
    const doc = await findRegistryDoc(collectionsOf(store), cipher, String(row.idNumber));
    if (!doc) throw new Error(`registry row ${key} was not imported`);
    refs[key as keyof typeof TEACHER_ROWS] = doc._id;
  }
  return refs;
}

/** A signed-in candidate with every candidate-saved section filled from the edition's valid example. */
export async function filledCandidate(
  server: TestServer,
  candidateType: "apprentice" | "practice" = "apprentice",
): Promise<TestCandidate & { application: Stored<ApplicationDoc> }> {
  const { store } = server.ports;
  const { cipher, clock } = server.services;
  await publishShippedEdition(store, clock);
  const candidate = await buildCandidate(server);
  const { identities } = collectionsOf(store);
  const [identity] = (await identities.find({ userId: candidate.userId }, { limit: 1 })).items;
  if (!identity) throw new Error("no identity");
  const { _id, rev, createdAt: _c, updatedAt: _u, ...fields } = identity;
  await identities.replace(_id, rev, {
    ...fields,
    idNumberEnc: cipher.encrypt(CANDIDATE_ID_NUMBER, identityNumberContext(_id)),
  });
  const edition = await currentEdition(store, clock.now());
  let { application } = await applicationStarter({ store, clock }, { userId: candidate.userId });
  application = await candidateTypeChooser(
    { store, clock },
    { application, actor: candidate.userId, candidateType, confirm: false },
  );
  application = await fillFromExample({ store, clock, edition }, application, candidateType);
  return { ...candidate, application };
}

/** Uploads a work proof through the attachments route into the recommenders section; returns its id. */
export async function uploadWorkProof(server: TestServer, candidate: TestCandidate, applicationId: string) {
  const { body, contentType } = singleFileBody(TINY_PNG, "proof.png", "image/png");
  const response = await fetch(
    `${server.url}/api/applications/${applicationId}/attachments?section=recommenders&field=teachers.0.workProof`,
    { method: "POST", headers: { Cookie: candidate.cookie, "Content-Type": contentType }, body },
  );
  if (response.status !== 201) throw new Error(`upload failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

/** A selection's answer. */
export interface InviteAnswer {
  invitation: { id: string; link: string; state: string; stateLabel: string };
  application: { blockers: { canSubmit: boolean } };
}

/** `POST /api/applications/:id/invitations` as the candidate. */
export function invite(
  server: TestServer,
  candidate: TestCandidate,
  applicationId: string,
  body: { role: "recommender" | "supervisor"; ref: string; workProof?: string },
) {
  return callApi<InviteAnswer & { error?: string; message?: string }>(
    server,
    "POST",
    `/api/applications/${applicationId}/invitations`,
    { cookie: candidate.cookie, body },
  );
}

/** Invites and returns the token of the link; throws unless the selection succeeded. */
export async function invitedToken(
  server: TestServer,
  candidate: TestCandidate,
  applicationId: string,
  body: { role: "recommender" | "supervisor"; ref: string; workProof?: string },
): Promise<{ token: string; invitationId: string }> {
  const answer = await invite(server, candidate, applicationId, body);
  if (answer.status !== 201)
    throw new Error(`invite failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return { token: tokenOf(answer.body.invitation.link), invitationId: answer.body.invitation.id };
}

/** The token at the end of a teacher link `<origin>/t/<token>`. */
export function tokenOf(link: string): string {
  const token = /\/t\/([A-Za-z0-9_-]+)$/.exec(link)?.[1];
  if (!token) throw new Error(`not a teacher link: ${link}`);
  return token;
}

/** The last one-time code sent to `phone` for an invitation's identity check. */
export function lastInvitationCode(dataDir: string, phone: string): string {
  const line = readOutbox(dataDir)
    .filter((message) => message.to === phone && message.template === "invitationCode")
    .at(-1);
  const code = line && /(\d{6})/.exec(line.text)?.[1];
  if (!code) throw new Error(`no invitation code sent to ${phone}`);
  return code;
}

/** Opens the link, asks for a code, passes the built-in check; returns the teacher session cookie. */
export async function verifiedTeacher(server: TestServer, token: string, row: RegistryRow): Promise<string> {
  await callApi(server, "GET", `/api/t/${token}`);
  const sent = await callApi(server, "POST", `/api/t/${token}/verify/code`);
  if (sent.status !== 200) throw new Error(`code failed: ${sent.status} ${JSON.stringify(sent.body)}`);
  const response = await fetch(`${server.url}/api/t/${token}/verify`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      last6: String(row.idNumber).slice(-6),
      code: lastInvitationCode(server.dataDir, String(row.phone)),
    }),
  });
  if (response.status !== 200) throw new Error(`verify failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .find((header) => header.startsWith(`${TEACHER_SESSION.cookieName}=`))
    ?.split(";")[0];
  if (!cookie) throw new Error("no teacher session cookie");
  return cookie;
}

/** The evaluation answers of the edition's valid example, without the signature the server fills. */
export async function exampleEvaluation(server: TestServer): Promise<Record<string, unknown>> {
  const edition = await currentEdition(server.ports.store, server.services.clock.now());
  const form = edition.forms.find((candidate) => candidate.key === evaluationFormKey(edition));
  const example = form?.examples.find((e) => e.file.endsWith("valid-agree.json"));
  const answers = { ...((example?.data as { answers: Record<string, unknown> }).answers ?? {}) };
  // The signature widget's field: whichever the uiSchema marks (no field name restated here).
  for (const [field, ui] of Object.entries(form?.uiSchema ?? {})) {
    if ((ui as { "ui:widget"?: unknown })["ui:widget"] === "signature") delete answers[field];
  }
  return answers;
}

/** Signs through the API with the example evaluation and a real PNG; returns the response. */
export async function signAs(server: TestServer, token: string, cookie: string) {
  return callApi<{ state: string; contentHash: string; error?: string; message?: string }>(
    server,
    "POST",
    `/api/t/${token}/sign`,
    {
      cookie,
      body: {
        commitmentAccepted: true,
        evaluation: await exampleEvaluation(server),
        signaturePng: TINY_PNG.toString("base64"),
      },
    },
  );
}
