/**
 * Factories for application tests: a store with the shipped edition published, verified identities written
 * straight into the store (the identity routes are another engineer's), signed-in candidates, and the
 * edition's own example answers as test data (no field label is restated in TypeScript).
 */
import { randomBytes } from "node:crypto";
import { applicationExampleAnswers, editionDir } from "@shenbao/forms";
import {
  editionBindings,
  sectionApplies,
  type Answers,
  type Edition,
  type SectionData,
} from "@shenbao/rules";
import { SESSION } from "../src/auth/authSettings.js";
import { Keyring, PersonalDataCipher } from "../src/crypto/personalData.js";
import { newId } from "../src/store/newId.js";
import { buildIdNumber } from "./identityFactories.js";
import { identityNumberContext } from "../src/identity/identityRecords.js";
import { PHONE_INDEX_PURPOSE, userPhoneContext } from "../src/auth/phoneNumber.js";
import { createSession } from "../src/auth/sessions.js";
import { attachmentRefs } from "../src/applications/attachmentRefs.js";
import type { IdentityFacts } from "../src/applications/identityPrefill.js";
import { applicationStarter } from "../src/commands/applicationStarter.js";
import { candidateTypeChooser } from "../src/commands/candidateTypeChooser.js";
import { editionPublisher } from "../src/commands/editionPublisher.js";
import { sectionSaver } from "../src/commands/sectionSaver.js";
import { currentEdition } from "../src/editions/publishedEditions.js";
import type { Clock } from "../src/ports/clock.js";
import type { Store, Stored } from "../src/ports/store.js";
import {
  collectionsOf,
  declareCollections,
  type ApplicationDoc,
  type IdentityDoc,
} from "../src/store/collections.js";
import { ManualClock } from "./manualClock.js";
import { openSqliteTestStore } from "./storeFactories.js";
import type { TestServer } from "./testApp.js";

/** The edition every application test runs on. */
export const EDITION_KEY = "hubei-2024";

/** Declares every collection of the server. */
export async function declareForApplications(store: Store): Promise<void> {
  await declareCollections(store);
}

/** Publishes the shipped edition (idempotent) and returns it as the commands will see it. */
export async function publishShippedEdition(store: Store, clock: Clock): Promise<Edition> {
  await editionPublisher({ store, clock }, { dir: editionDir(EDITION_KEY), actor: "system:test" });
  return currentEdition(store, clock.now());
}

/** A fresh SQLite store with the collections declared and the shipped edition published. */
export async function openApplicationStore(): Promise<{
  store: Store;
  clock: ManualClock;
  edition: Edition;
  cipher: PersonalDataCipher;
  cleanup(): Promise<void>;
}> {
  const opened = await openSqliteTestStore();
  const clock = new ManualClock();
  await declareForApplications(opened.store);
  const edition = await publishShippedEdition(opened.store, clock);
  const cipher = new PersonalDataCipher(new Keyring(randomBytes(32)));
  return { store: opened.store, clock, edition, cipher, cleanup: opened.cleanup };
}

/** The answers of the edition's `examples/valid-<type>-application.json`. */
export function validApplicationAnswers(edition: Edition, candidateType: "apprentice" | "practice"): Answers {
  const example = edition.examples.find((e) => e.file === `examples/valid-${candidateType}-application.json`);
  if (example === undefined) throw new Error(`edition ${edition.key} has no valid ${candidateType} example`);
  return applicationExampleAnswers(example);
}

/** One section's data from a valid whole-application example. */
export function exampleSection(
  edition: Edition,
  candidateType: "apprentice" | "practice",
  key: string,
): SectionData {
  const data = validApplicationAnswers(edition, candidateType).sections[key];
  if (data === undefined) throw new Error(`the ${candidateType} example has no section ${key}`);
  return structuredClone(data);
}

/** A section example file's own answers (`sections/<key>/examples/<name>.json`). */
export function sectionExample(
  edition: Edition,
  key: string,
  name: string,
): { answers: SectionData } & Answers {
  const section = edition.sections.find((s) => s.key === key);
  const example = section?.examples.find((e) => e.file === `sections/${key}/examples/${name}.json`);
  if (example === undefined) throw new Error(`no example ${name} of section ${key}`);
  const data = structuredClone(example.data) as unknown as {
    answers: SectionData;
    candidateType?: string;
    sections?: Answers["sections"];
  };
  return { answers: data.answers, candidateType: data.candidateType, sections: data.sections ?? {} };
}

/** Identity facts matching the prefilled fields of the apprentice example, so its answers stay valid. */
export function exampleIdentityFacts(edition: Edition): IdentityFacts {
  const binding = editionBindings(edition).identityPrefill;
  if (binding === undefined) throw new Error(`edition ${edition.key} prefills nothing from the identity`);
  const basic = exampleSection(edition, "apprentice", binding.section);
  const facts: Record<string, string> = {};
  for (const [field, fact] of Object.entries(binding.fields)) facts[fact] = String(basic[field]);
  return facts as unknown as IdentityFacts;
}

/**
 * Writes an identity document for `userId` as the identity commands store one: a valid resident ID number
 * for the facts' birth date, really encrypted (the review queue masks it), and a random stand-in hash.
 */
export async function insertIdentity(
  store: Store,
  cipher: PersonalDataCipher,
  userId: string,
  facts: IdentityFacts,
  state: IdentityDoc["state"] = "verified",
): Promise<void> {
  const hash = `test-${randomBytes(8).toString("hex")}`;
  const _id = newId();
  const sequence = String(randomBytes(2).readUInt16BE() % 1000).padStart(3, "0");
  const number = buildIdNumber("420102", (facts.birthDate ?? "1975-04-12").replace(/-/g, ""), sequence);
  await collectionsOf(store).identities.insert({
    _id,
    userId,
    state,
    method: "auto",
    docType: "resident_id",
    ...facts,
    idNumberEnc: cipher.encrypt(number, identityNumberContext(_id)),
    idNumberHash: hash,
    attempts: 0,
    ...(state === "withdrawn" ? {} : { currentUserId: userId }),
    ...(state === "verified" ? { verifiedIdNumberHash: hash } : {}),
  });
}

/** A signed-in candidate of a test server: user id and the cookie header to send. */
export interface TestCandidate {
  userId: string;
  cookie: string;
}

/** A random mainland mobile number, so candidates never collide. */
function randomPhone(): string {
  return `139${String(randomBytes(4).readUInt32BE() % 100_000_000).padStart(8, "0")}`;
}

/**
 * A candidate signed in on `server` (user + session written to its store) with a verified identity
 * matching the edition's examples, unless `verified: false`.
 */
export async function buildCandidate(
  server: TestServer,
  options: { verified?: boolean } = {},
): Promise<TestCandidate> {
  const { store } = server.ports;
  const { users, sessions } = collectionsOf(store);
  const { cipher, clock } = server.services;
  const phone = randomPhone();
  const user = await users.insert({
    phoneIndex: cipher.blindIndex(phone, PHONE_INDEX_PURPOSE),
    phoneEncrypted: "",
    roles: ["candidate"],
  });
  await users.replace(user._id, user.rev, {
    phoneIndex: user.phoneIndex,
    phoneEncrypted: cipher.encrypt(phone, userPhoneContext(user._id)),
    roles: user.roles,
  });
  const { token } = await createSession(sessions, user._id, clock.now());
  if (options.verified !== false) {
    const edition = await currentEdition(store, clock.now());
    await insertIdentity(store, cipher, user._id, exampleIdentityFacts(edition));
  }
  return { userId: user._id, cookie: `${SESSION.cookieName}=${token}` };
}

/** Gives the candidate's current identity a really encrypted number (`buildCandidate` stores a placeholder). */
export async function encryptIdentityNumber(
  server: TestServer,
  userId: string,
  idNumber: string,
): Promise<void> {
  const { identities } = collectionsOf(server.ports.store);
  const [identity] = (await identities.find({ currentUserId: userId })).items;
  if (!identity) throw new Error("buildCandidate wrote no identity");
  const { _id, rev, createdAt: _created, updatedAt: _updated, ...fields } = identity;
  await identities.replace(_id, rev, {
    ...fields,
    idNumberEnc: server.services.cipher.encrypt(idNumber, identityNumberContext(_id)),
  });
}

/** A signed-in administrator on `server` (no verified identity). */
export async function buildAdmin(server: TestServer): Promise<TestCandidate> {
  const admin = await buildCandidate(server, { verified: false });
  const { users } = collectionsOf(server.ports.store);
  const user = await users.get(admin.userId);
  const { _id, rev, createdAt: _c, updatedAt: _u, ...fields } = user!;
  await users.replace(_id, rev, { ...fields, roles: ["admin"] });
  return admin;
}

/** What the command tests share: a store with the edition published, its clock and the edition. */
export interface ApplicationTestContext {
  store: Store;
  clock: Clock;
  edition: Edition;
  cipher: PersonalDataCipher;
}

/** A new user with a verified identity and a started application, the type chosen when given. */
export async function startedApplication(
  context: ApplicationTestContext,
  candidateType?: "apprentice" | "practice",
): Promise<{ userId: string; application: Stored<ApplicationDoc> }> {
  const { store, clock, edition, cipher } = context;
  const userId = `user-${randomBytes(6).toString("hex")}`;
  await insertIdentity(store, cipher, userId, exampleIdentityFacts(edition));
  let { application } = await applicationStarter({ store, clock }, { userId });
  if (candidateType !== undefined) {
    application = await candidateTypeChooser(
      { store, clock },
      { application, actor: userId, candidateType, confirm: false },
    );
  }
  return { userId, application };
}

/**
 * Makes the attachment ids in `data` (section `key`) live uploads of `application`: inserts one attachment
 * record per id, into the field it sits in, and rewrites the id in place (examples carry made-up ids, and a
 * save accepts only this application's own uploads, issue 11). Returns `data`.
 */
export async function liveAttachments<T extends SectionData>(
  store: Pick<Store, "collection">,
  edition: Edition,
  application: Pick<ApplicationDoc, "userId"> & { _id: string },
  key: string,
  data: T,
): Promise<T> {
  const section = edition.sections.find((candidate) => candidate.key === key);
  if (section === undefined) return data;
  const { attachments } = collectionsOf(store);
  for (const ref of attachmentRefs(section.schema, data)) {
    const stored = await attachments.insert({
      ownerId: application.userId,
      applicationId: application._id,
      sectionKey: key,
      fieldPath: ref.path,
      name: `${ref.id}.pdf`,
      mime: "application/pdf",
      size: 1024,
      sha256: randomBytes(32).toString("hex"),
      fileKey: `test/${randomBytes(12).toString("hex")}`,
    });
    const segments = ref.path.split(".");
    let holder = data as unknown as Record<string, unknown>;
    for (const segment of segments.slice(0, -1)) holder = holder[segment] as Record<string, unknown>;
    holder[segments.at(-1)!] = stored._id;
  }
  return data;
}

/** Saves every section of the valid example the candidate may save (all but command-written ones). */
export async function fillFromExample(
  context: Pick<ApplicationTestContext, "store" | "clock" | "edition">,
  application: Stored<ApplicationDoc>,
  candidateType: "apprentice" | "practice",
): Promise<Stored<ApplicationDoc>> {
  const answers = validApplicationAnswers(context.edition, candidateType);
  let current = application;
  for (const [key, data] of Object.entries(answers.sections)) {
    if (data === undefined || editionBindings(context.edition).commandOwnedSections.has(key)) continue;
    // Examples may carry the other branch's data to prove it is ignored; a save of it would be refused.
    if (!sectionApplies(context.edition, key, { candidateType })) continue;
    await liveAttachments(context.store, context.edition, current, key, data);
    current = await sectionSaver(
      { store: context.store, clock: context.clock },
      { application: current, actor: current.userId, key, rev: current.rev, data },
    );
  }
  return current;
}

/**
 * Writes a section straight into the store, as the review and invitation commands of later issues will
 * (a locked review, the signed teachers); returns the stored application.
 */
export async function writeSectionDirectly(
  store: Store,
  application: Stored<ApplicationDoc>,
  key: string,
  record: Partial<ApplicationDoc["sections"][string]>,
): Promise<Stored<ApplicationDoc>> {
  const previous = application.sections[key] ?? { data: {}, state: "incomplete" as const, updatedAt: 0 };
  return collectionsOf(store).applications.replace(application._id, application.rev, {
    ...application,
    sections: { ...application.sections, [key]: { ...previous, ...record } },
  });
}

/** An API answer: status, headers and parsed JSON body (undefined when empty). */
export interface ApiAnswer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** Calls the test server's API as a browser with `cookie` would. */
export async function callApi<T = Record<string, unknown>>(
  server: Pick<TestServer, "url">,
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
  path: string,
  options: { cookie?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiAnswer<T>> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { "Content-Type": "application/json" }),
      ...(options.cookie ? { Cookie: options.cookie } : {}),
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text ? JSON.parse(text) : undefined) as T,
  };
}
