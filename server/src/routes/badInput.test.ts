// Bad input across the API (issue 11): every case is answered with a 4xx, a stable error id and a Chinese
// message, and changes nothing in the store. One table, one harness; each row says what a user or an
// attacker sends and what the server must answer.
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Edition, SectionData } from "@shenbao/rules";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectionsOf } from "../store/collections.js";
import type { SqliteStore } from "../store/sqliteStore.js";
import {
  buildCandidate,
  exampleSection,
  liveAttachments,
  publishShippedEdition,
  type TestCandidate,
} from "../../test/factories.js";
import { startTestServer, type TestServer } from "../../test/testApp.js";

const CJK = /[\u3400-\u9fff]/;
// An English word in a message (zod's "Invalid input", "Too big", "expected string") means it leaked.
const ENGLISH_WORD = /[A-Za-z]{3,}/;

/** What the table's rows may use: the signed-in people and the application they act on. */
interface Fixture {
  candidate: TestCandidate;
  unverified: TestCandidate;
  admin: TestCandidate;
  applicationId: string;
  /** The candidate's own basicInfo with live uploads, to vary one field at a time. */
  basicInfo: SectionData;
  foreignUpload: string;
  deletedUpload: string;
  otherFieldUpload: string;
}

/** One bad request and the answer it must get. */
interface BadCase {
  name: string;
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: (f: Fixture) => string;
  /** A JSON value, or raw bytes / text sent as they are. */
  body?: (f: Fixture) => unknown;
  raw?: Buffer | string;
  as?: "candidate" | "unverified" | "admin" | "nobody";
  headers?: Record<string, string>;
  status: number;
  error: string;
}

const section = (key: string) => (f: Fixture) => `/api/applications/${f.applicationId}/sections/${key}`;
const save = (data: (f: Fixture) => unknown) => (f: Fixture) => ({ rev: currentRev, data: data(f) });
const basic = (change: Record<string, unknown>) => save((f) => ({ ...f.basicInfo, ...change }));
const nested = (depth: number) => {
  let value: unknown = "x";
  for (let level = 0; level < depth; level++) value = { a: value };
  return value;
};
const items = (count: number, item: unknown = {}) =>
  Array.from({ length: count }, () => structuredClone(item));
const person = { role: "recommender", name: "张三", idNumber: "420102197001010011" };
const verifyBody = { name: "张三", idNumber: "420102197001010011", photoFront: "0".repeat(32) };
const requestBody = { ...verifyBody, docType: "passport" };
let currentRev = 0;

const cases: BadCase[] = [
  // Section saves: size bounds hold for drafts (maxItems / maxLength), and the platform ceiling beyond them.
  {
    name: "a 60 000-item education list",
    method: "PUT",
    path: section("basicInfo"),
    body: basic({ hasStudyExperience: true, education: items(60_000) }),
    status: 400,
    error: "invalid_input",
  },
  {
    name: "21 education entries (maxItems 20)",
    method: "PUT",
    path: section("basicInfo"),
    body: basic({ education: items(21) }),
    status: 400,
    error: "invalid_input",
  },
  {
    name: "21 continuingEducation entries",
    method: "PUT",
    path: section("basicInfo"),
    body: basic({ continuingEducation: items(21) }),
    status: 400,
    error: "invalid_input",
  },
  {
    name: "a 300 000-character occupation",
    method: "PUT",
    path: section("basicInfo"),
    body: basic({ occupation: "医".repeat(300_000) }),
    status: 400,
    error: "invalid_input",
  },
  {
    name: "occupation one character over its 100",
    method: "PUT",
    path: section("basicInfo"),
    body: basic({ occupation: "医".repeat(101) }),
    status: 400,
    error: "invalid_input",
  },
  {
    name: "homeAddress over 200 characters",
    method: "PUT",
    path: section("basicInfo"),
    body: basic({ homeAddress: "路".repeat(201) }),
    status: 400,
    error: "invalid_input",
  },
  {
    name: "employer over 100 characters",
    method: "PUT",
    path: section("basicInfo"),
    body: basic({ employer: "院".repeat(101) }),
    status: 400,
    error: "invalid_input",
  },
  {
    name: "a 7-character postcode",
    method: "PUT",
    path: section("basicInfo"),
    body: basic({ postcode: "4300001" }),
    status: 400,
    error: "invalid_input",
  },
  {
    name: "an ethnicity longer than any catalog value",
    method: "PUT",
    path: section("basicInfo"),
    body: basic({ ethnicity: "x".repeat(65) }),
    status: 400,
    error: "invalid_input",
  },
  {
    name: "an attachment id longer than 64",
    method: "PUT",
    path: section("basicInfo"),
    body: basic({ photo: "a".repeat(65) }),
    status: 400,
    error: "invalid_input",
  },
  {
    name: "a gender longer than any option",
    method: "PUT",
    path: section("basicInfo"),
    body: basic({ gender: "m".repeat(33) }),
    status: 400,
    error: "invalid_input",
  },
  {
    name: "noStudyExplanation over 500 characters",
    method: "PUT",
    path: section("basicInfo"),
    body: basic({ noStudyExplanation: "无".repeat(501) }),
    status: 400,
    error: "invalid_input",
  },
  {
    name: "an education institution over 100",
    method: "PUT",
    path: section("basicInfo"),
    body: basic({ education: [{ institution: "校".repeat(101) }] }),
    status: 400,
    error: "invalid_input",
  },
  {
    name: "30 000 characters in one case record field",
    method: "PUT",
    path: section("expertise"),
    body: save(() => ({ cases: [{ complaint: "痛".repeat(30_000) }] })),
    status: 400,
    error: "invalid_input",
  },
  {
    name: "servedLastFiveYears as text",
    method: "PUT",
    path: section("technique"),
    body: save(() => ({ servedLastFiveYears: "many" })),
    status: 400,
    error: "invalid_input",
  },
  {
    name: "a field the section does not have",
    method: "PUT",
    path: section("technique"),
    body: save(() => ({ unknownField: 1 })),
    status: 400,
    error: "invalid_input",
  },
  {
    name: "a list where the section is an object",
    method: "PUT",
    path: section("technique"),
    body: save(() => ["list"]),
    status: 400,
    error: "invalid_input",
  },
  {
    name: "section data as a string",
    method: "PUT",
    path: section("technique"),
    body: save(() => "text"),
    status: 400,
    error: "invalid_input",
  },
  {
    name: "no data at all",
    method: "PUT",
    path: section("technique"),
    body: () => ({ rev: currentRev }),
    status: 400,
    error: "invalid_input",
  },
  {
    name: "no revision",
    method: "PUT",
    path: section("technique"),
    body: () => ({ data: {} }),
    status: 400,
    error: "invalid_input",
  },
  {
    name: "a revision as text",
    method: "PUT",
    path: section("technique"),
    body: () => ({ rev: "1", data: {} }),
    status: 400,
    error: "invalid_input",
  },
  {
    name: "revision 0",
    method: "PUT",
    path: section("technique"),
    body: () => ({ rev: 0, data: {} }),
    status: 400,
    error: "invalid_input",
  },
  {
    name: "a fractional revision",
    method: "PUT",
    path: section("technique"),
    body: () => ({ rev: 1.5, data: {} }),
    status: 400,
    error: "invalid_input",
  },
  {
    name: "a stale revision",
    method: "PUT",
    path: section("technique"),
    body: () => ({ rev: currentRev - 1, data: {} }),
    status: 409,
    error: "revision_conflict",
  },
  {
    name: "a JSON string as the body",
    method: "PUT",
    path: section("technique"),
    body: () => "just text",
    status: 400,
    error: "malformed_json",
  },
  {
    name: "JSON null as the body",
    method: "PUT",
    path: section("technique"),
    raw: "null",
    status: 400,
    error: "malformed_json",
  },
  {
    name: "a section the edition does not have",
    method: "PUT",
    path: section("noSuchSection"),
    body: save(() => ({})),
    status: 400,
    error: "unknown_section",
  },
  {
    name: "a section key with a NUL",
    method: "PUT",
    path: section("basic%00Info"),
    body: save(() => ({})),
    status: 404,
    error: "not_found",
  },
  {
    name: "a section the teachers' flow writes",
    method: "PUT",
    path: section("recommenders"),
    body: save(() => ({})),
    status: 409,
    error: "section_managed",
  },

  // Nesting: capped before any route or zod sees it (2 000 levels answered 500 before).
  {
    name: "data nested 2 000 levels deep",
    method: "PUT",
    path: section("technique"),
    body: save(() => nested(2_000)),
    status: 400,
    error: "input_too_deep",
  },
  {
    name: "data nested 33 levels deep",
    method: "PUT",
    path: section("technique"),
    body: save(() => nested(33)),
    status: 400,
    error: "input_too_deep",
  },
  {
    name: "a body of 5 000 nested arrays",
    method: "PUT",
    path: section("technique"),
    raw: `${"[".repeat(5_000)}${"]".repeat(5_000)}`,
    status: 400,
    error: "input_too_deep",
  },

  // Text that cannot be stored: refused with the field's path.
  {
    name: "NUL in occupation",
    method: "PUT",
    path: section("basicInfo"),
    body: basic({ occupation: "医\u0000生" }),
    status: 400,
    error: "invalid_characters",
  },
  {
    name: "a bell character",
    method: "PUT",
    path: section("basicInfo"),
    body: basic({ occupation: "医\u0007生" }),
    status: 400,
    error: "invalid_characters",
  },
  {
    name: "an escape character",
    method: "PUT",
    path: section("basicInfo"),
    body: basic({ occupation: "\u001b[31m医生" }),
    status: 400,
    error: "invalid_characters",
  },
  {
    name: "DEL",
    method: "PUT",
    path: section("basicInfo"),
    body: basic({ occupation: "医\u007f生" }),
    status: 400,
    error: "invalid_characters",
  },
  {
    name: "a C1 control (NEL)",
    method: "PUT",
    path: section("basicInfo"),
    body: basic({ occupation: "医\u0085生" }),
    status: 400,
    error: "invalid_characters",
  },
  {
    name: "a lone high surrogate",
    method: "PUT",
    path: section("basicInfo"),
    raw: '{"rev":REV,"data":{"occupation":"医\\ud842"}}',
    status: 400,
    error: "invalid_characters",
  },
  {
    name: "a lone low surrogate",
    method: "PUT",
    path: section("basicInfo"),
    raw: '{"rev":REV,"data":{"occupation":"\\udfb7医"}}',
    status: 400,
    error: "invalid_characters",
  },
  {
    name: "a right-to-left override",
    method: "PUT",
    path: section("basicInfo"),
    body: basic({ homeAddress: "武汉\u202e路" }),
    status: 400,
    error: "invalid_characters",
  },
  {
    name: "a left-to-right isolate",
    method: "PUT",
    path: section("basicInfo"),
    body: basic({ homeAddress: "武汉\u2066路" }),
    status: 400,
    error: "invalid_characters",
  },
  {
    name: "U+FFFD (what broken UTF-8 decodes to)",
    method: "PUT",
    path: section("basicInfo"),
    body: basic({ homeAddress: "武汉\ufffd路" }),
    status: 400,
    error: "invalid_characters",
  },
  {
    name: "the noncharacter U+FFFF",
    method: "PUT",
    path: section("basicInfo"),
    body: basic({ homeAddress: "武汉\uffff路" }),
    status: 400,
    error: "invalid_characters",
  },
  {
    name: "bytes that are not UTF-8 (GBK)",
    method: "PUT",
    path: section("basicInfo"),
    raw: Buffer.concat([
      Buffer.from('{"rev":1,"data":{"occupation":"'),
      Buffer.from([0xd2, 0xbd, 0xc9, 0xfa]),
      Buffer.from('"}}'),
    ]),
    status: 400,
    error: "invalid_characters",
  },
  {
    name: "a lone continuation byte",
    method: "PUT",
    path: section("basicInfo"),
    raw: Buffer.concat([
      Buffer.from('{"rev":1,"data":{"occupation":"'),
      Buffer.from([0x80]),
      Buffer.from('"}}'),
    ]),
    status: 400,
    error: "invalid_characters",
  },
  {
    name: "a NUL in a field name",
    method: "PUT",
    path: section("technique"),
    body: save(() => ({ "method\u0000": "x" })),
    status: 400,
    error: "invalid_characters",
  },
  {
    name: "a control character in a list item",
    method: "PUT",
    path: section("basicInfo"),
    body: basic({ education: [{ institution: "大学\u0001" }] }),
    status: 400,
    error: "invalid_characters",
  },

  // Attachment fields take only live uploads of this application's own field.
  {
    name: "an attachment id never uploaded",
    method: "PUT",
    path: section("basicInfo"),
    body: basic({ photo: "NeverUploaded0001" }),
    status: 400,
    error: "attachment_invalid",
  },
  {
    name: "another application's upload as the photo",
    method: "PUT",
    path: section("basicInfo"),
    body: (f) => ({ rev: currentRev, data: { ...f.basicInfo, photo: f.foreignUpload } }),
    status: 400,
    error: "attachment_invalid",
  },
  {
    name: "a deleted upload as the photo",
    method: "PUT",
    path: section("basicInfo"),
    body: (f) => ({ rev: currentRev, data: { ...f.basicInfo, photo: f.deletedUpload } }),
    status: 400,
    error: "attachment_invalid",
  },
  {
    name: "an upload of another field as the photo",
    method: "PUT",
    path: section("basicInfo"),
    body: (f) => ({ rev: currentRev, data: { ...f.basicInfo, photo: f.otherFieldUpload } }),
    status: 400,
    error: "attachment_invalid",
  },
  {
    name: "another application's upload as a diploma",
    method: "PUT",
    path: section("basicInfo"),
    body: (f) => ({
      rev: currentRev,
      data: { ...f.basicInfo, hasStudyExperience: true, education: [{ diploma: f.foreignUpload }] },
    }),
    status: 400,
    error: "attachment_invalid",
  },

  // Body parsing.
  {
    name: "malformed JSON",
    method: "PUT",
    path: section("technique"),
    raw: '{"rev": 1, "data": {',
    status: 400,
    error: "malformed_json",
  },
  {
    name: "a body over the 1 MB limit",
    method: "PUT",
    path: section("technique"),
    raw: JSON.stringify({ rev: 1, data: { note: "x".repeat(1_100_000) } }),
    status: 413,
    error: "payload_too_large",
  },

  // The candidate type.
  {
    name: "a 65-character candidate type",
    method: "PUT",
    path: (f) => `/api/applications/${f.applicationId}/candidate-type`,
    body: () => ({ candidateType: "a".repeat(65) }),
    status: 400,
    error: "invalid_input",
  },
  {
    name: "confirm as text",
    method: "PUT",
    path: (f) => `/api/applications/${f.applicationId}/candidate-type`,
    body: () => ({ candidateType: "practice", confirm: "yes" }),
    status: 400,
    error: "invalid_input",
  },
  {
    name: "no candidate type",
    method: "PUT",
    path: (f) => `/api/applications/${f.applicationId}/candidate-type`,
    body: () => ({}),
    status: 400,
    error: "invalid_input",
  },
  {
    name: "an empty candidate type",
    method: "PUT",
    path: (f) => `/api/applications/${f.applicationId}/candidate-type`,
    body: () => ({ candidateType: "" }),
    status: 400,
    error: "invalid_input",
  },
  {
    name: "a candidate type with NUL",
    method: "PUT",
    path: (f) => `/api/applications/${f.applicationId}/candidate-type`,
    body: () => ({ candidateType: "prac\u0000tice" }),
    status: 400,
    error: "invalid_characters",
  },
  {
    name: "a negative revision on the type",
    method: "PUT",
    path: (f) => `/api/applications/${f.applicationId}/candidate-type`,
    body: () => ({ candidateType: "practice", rev: -1 }),
    status: 400,
    error: "invalid_input",
  },

  // Submit and withdraw.
  {
    name: "submit with a revision as text",
    method: "POST",
    path: (f) => `/api/applications/${f.applicationId}/submit`,
    body: () => ({ rev: "x" }),
    status: 400,
    error: "invalid_input",
  },
  {
    name: "submit with revision 0",
    method: "POST",
    path: (f) => `/api/applications/${f.applicationId}/submit`,
    body: () => ({ rev: 0 }),
    status: 400,
    error: "invalid_input",
  },
  {
    name: "withdraw with a fractional revision",
    method: "POST",
    path: (f) => `/api/applications/${f.applicationId}/withdraw`,
    body: () => ({ rev: 2.5 }),
    status: 400,
    error: "invalid_input",
  },

  // 实名认证: legal names are letters only, 2–60 characters, separators between parts.
  {
    name: "a one-character name",
    method: "POST",
    path: () => "/api/identity/verify",
    as: "unverified",
    body: () => ({ ...verifyBody, name: "张" }),
    status: 400,
    error: "invalid_input",
  },
  {
    name: "a 61-character name",
    method: "POST",
    path: () => "/api/identity/verify",
    as: "unverified",
    body: () => ({ ...verifyBody, name: "张".repeat(61) }),
    status: 400,
    error: "invalid_input",
  },
  {
    name: "a name with digits",
    method: "POST",
    path: () => "/api/identity/verify",
    as: "unverified",
    body: () => ({ ...verifyBody, name: "张三3" }),
    status: 400,
    error: "invalid_input",
  },
  {
    name: "a name with an emoji",
    method: "POST",
    path: () => "/api/identity/verify",
    as: "unverified",
    body: () => ({ ...verifyBody, name: "张三😀" }),
    status: 400,
    error: "invalid_input",
  },
  {
    name: "a name with markup",
    method: "POST",
    path: () => "/api/identity/verify",
    as: "unverified",
    body: () => ({ ...verifyBody, name: "<b>张三</b>" }),
    status: 400,
    error: "invalid_input",
  },
  {
    name: "a name starting with the separator",
    method: "POST",
    path: () => "/api/identity/verify",
    as: "unverified",
    body: () => ({ ...verifyBody, name: "·阿旺晋美" }),
    status: 400,
    error: "invalid_input",
  },
  {
    name: "a name with two separators together",
    method: "POST",
    path: () => "/api/identity/verify",
    as: "unverified",
    body: () => ({ ...verifyBody, name: "阿沛••阿旺晋美" }),
    status: 400,
    error: "invalid_input",
  },
  {
    name: "a name of spaces only",
    method: "POST",
    path: () => "/api/identity/verify",
    as: "unverified",
    body: () => ({ ...verifyBody, name: "   " }),
    status: 400,
    error: "invalid_input",
  },
  {
    name: "a name with NUL",
    method: "POST",
    path: () => "/api/identity/verify",
    as: "unverified",
    body: () => ({ ...verifyBody, name: "张\u0000三" }),
    status: 400,
    error: "invalid_characters",
  },
  {
    name: "a name with a direction override",
    method: "POST",
    path: () => "/api/identity/verify",
    as: "unverified",
    body: () => ({ ...verifyBody, name: "张\u202e三" }),
    status: 400,
    error: "invalid_characters",
  },
  {
    name: "no name",
    method: "POST",
    path: () => "/api/identity/verify",
    as: "unverified",
    body: () => ({ ...verifyBody, name: undefined }),
    status: 400,
    error: "invalid_input",
  },
  {
    name: "a name as a number",
    method: "POST",
    path: () => "/api/identity/verify",
    as: "unverified",
    body: () => ({ ...verifyBody, name: 12 }),
    status: 400,
    error: "invalid_input",
  },
  {
    name: "a 41-character ID number",
    method: "POST",
    path: () => "/api/identity/verify",
    as: "unverified",
    body: () => ({ ...verifyBody, idNumber: "4".repeat(41) }),
    status: 400,
    error: "invalid_input",
  },
  {
    name: "a photo id that is no record id",
    method: "POST",
    path: () => "/api/identity/verify",
    as: "unverified",
    body: () => ({ ...verifyBody, photoFront: "../../etc/passwd" }),
    status: 400,
    error: "invalid_input",
  },
  {
    name: "an unknown document type",
    method: "POST",
    path: () => "/api/identity/requests",
    as: "unverified",
    body: () => ({ ...requestBody, docType: "library-card" }),
    status: 400,
    error: "invalid_input",
  },
  {
    name: "a birth date that is no date",
    method: "POST",
    path: () => "/api/identity/requests",
    as: "unverified",
    body: () => ({ ...requestBody, birthDate: "2024-13-45" }),
    status: 400,
    error: "invalid_input",
  },
  {
    name: "a sex that is neither option",
    method: "POST",
    path: () => "/api/identity/requests",
    as: "unverified",
    body: () => ({ ...requestBody, sex: "x" }),
    status: 400,
    error: "invalid_input",
  },
  {
    name: "a one-character name on a manual request",
    method: "POST",
    path: () => "/api/identity/requests",
    as: "unverified",
    body: () => ({ ...requestBody, name: "李" }),
    status: 400,
    error: "invalid_input",
  },

  // The teacher lookup.
  {
    name: "an unknown teacher role",
    method: "POST",
    path: (f) => `/api/applications/${f.applicationId}/teachers/lookup`,
    body: () => ({ ...person, role: "dean" }),
    status: 400,
    error: "invalid_input",
  },
  {
    name: "a one-character teacher name",
    method: "POST",
    path: (f) => `/api/applications/${f.applicationId}/teachers/lookup`,
    body: () => ({ ...person, name: "王" }),
    status: 400,
    error: "invalid_input",
  },
  {
    name: "a teacher name with digits",
    method: "POST",
    path: (f) => `/api/applications/${f.applicationId}/teachers/lookup`,
    body: () => ({ ...person, name: "王医生1号" }),
    status: 400,
    error: "invalid_input",
  },
  {
    name: "a 33-character teacher ID number",
    method: "POST",
    path: (f) => `/api/applications/${f.applicationId}/teachers/lookup`,
    body: () => ({ ...person, idNumber: "4".repeat(33) }),
    status: 400,
    error: "invalid_input",
  },
  {
    name: "a teacher name with NUL",
    method: "POST",
    path: (f) => `/api/applications/${f.applicationId}/teachers/lookup`,
    body: () => ({ ...person, name: "王\u0000五" }),
    status: 400,
    error: "invalid_characters",
  },

  // Sign-in.
  {
    name: "a 13-digit phone number",
    method: "POST",
    path: () => "/api/auth/code",
    as: "nobody",
    body: () => ({ phone: "1391234567890" }),
    status: 400,
    error: "phone_invalid",
  },
  {
    name: "no phone number",
    method: "POST",
    path: () => "/api/auth/code",
    as: "nobody",
    body: () => ({}),
    status: 400,
    error: "invalid_input",
  },
  {
    name: "a phone number with NUL",
    method: "POST",
    path: () => "/api/auth/code",
    as: "nobody",
    body: () => ({ phone: "139\u00001234" }),
    status: 400,
    error: "invalid_characters",
  },
  {
    name: "a 33-character phone number",
    method: "POST",
    path: () => "/api/auth/code",
    as: "nobody",
    body: () => ({ phone: "1".repeat(33) }),
    status: 400,
    error: "invalid_input",
  },
  {
    name: "a sign-in code of 17 characters",
    method: "POST",
    path: () => "/api/auth/sign-in",
    as: "nobody",
    body: () => ({ phone: "13912345678", code: "1".repeat(17) }),
    status: 400,
    error: "invalid_input",
  },

  // Cross-site requests (CSRF): refused before they reach a route.
  {
    name: "a cross-site form POST withdrawing the identity",
    method: "POST",
    path: () => "/api/identity/withdraw",
    headers: { "Sec-Fetch-Site": "cross-site", Origin: "https://evil.example" },
    status: 403,
    error: "cross_site_request",
  },
  {
    name: "a same-site (other subdomain) section save",
    method: "PUT",
    path: section("technique"),
    body: save(() => ({})),
    headers: { "Sec-Fetch-Site": "same-site" },
    status: 403,
    error: "cross_site_request",
  },
  {
    name: "a save from a foreign Origin",
    method: "PUT",
    path: section("technique"),
    body: save(() => ({})),
    headers: { Origin: "https://evil.example" },
    status: 403,
    error: "cross_site_request",
  },
  {
    name: "a submit from an opaque Origin",
    method: "POST",
    path: (f) => `/api/applications/${f.applicationId}/submit`,
    headers: { Origin: "null" },
    status: 403,
    error: "cross_site_request",
  },

  // Paths.
  {
    name: "a page path climbing out with %2f",
    method: "GET",
    path: () => "/..%2f..",
    status: 404,
    error: "route_not_found",
  },
  {
    name: "a page path climbing to /etc/passwd",
    method: "GET",
    path: () => "/..%2f..%2f..%2fetc%2fpasswd",
    status: 404,
    error: "route_not_found",
  },
  {
    name: "a page path of encoded dots",
    method: "GET",
    path: () => "/%2e%2e/%2e%2e/package.json",
    status: 404,
    error: "route_not_found",
  },
  {
    name: "a page path with broken percent-encoding",
    method: "GET",
    path: () => "/%E0%A4%A",
    status: 404,
    error: "route_not_found",
  },
  {
    name: "an asset path climbing out",
    method: "GET",
    path: () => "/assets/..%2f..%2fpackage.json",
    status: 404,
    error: "route_not_found",
  },
  {
    name: "an application id climbing out",
    method: "GET",
    path: () => "/api/applications/..%2f..%2fhealthz",
    status: 404,
    error: "not_found",
  },
  {
    name: "an attachment id with NUL",
    method: "GET",
    path: () => "/api/attachments/abc%00def",
    status: 400,
    error: "invalid_input",
  },
  {
    name: "an unknown API route",
    method: "GET",
    path: () => "/api/no-such-thing",
    status: 404,
    error: "route_not_found",
  },

  // Query strings.
  {
    name: "a page size over 100",
    method: "GET",
    path: () => "/api/admin/identity-requests?limit=1000",
    as: "admin",
    status: 400,
    error: "invalid_input",
  },
  {
    name: "an unknown review state",
    method: "GET",
    path: () => "/api/admin/identity-requests?state=bogus",
    as: "admin",
    status: 400,
    error: "invalid_input",
  },
  {
    name: "a 600-character cursor",
    method: "GET",
    path: () => `/api/admin/identity-requests?cursor=${"c".repeat(600)}`,
    as: "admin",
    status: 400,
    error: "invalid_input",
  },
  {
    name: "a page size of zero",
    method: "GET",
    path: () => "/api/admin/identity-requests?limit=0",
    as: "admin",
    status: 400,
    error: "invalid_input",
  },
  {
    name: "an upload without a field",
    method: "POST",
    path: (f) => `/api/applications/${f.applicationId}/attachments?section=basicInfo`,
    status: 400,
    error: "invalid_input",
  },
  {
    name: "an upload into a 257-character field path",
    method: "POST",
    path: (f) =>
      `/api/applications/${f.applicationId}/attachments?section=basicInfo&field=${"a".repeat(257)}`,
    status: 400,
    error: "invalid_input",
  },
];

let server: TestServer;
let edition: Edition;
let fixture: Fixture;

/** Every stored document but sessions (which note their last use), as one comparable text. */
async function storeSnapshot(): Promise<string> {
  return (server.ports.store as SqliteStore).exclusive((db) => {
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'doc_%' AND name != 'doc_sessions' ORDER BY name",
      )
      .all() as { name: string }[];
    return JSON.stringify(
      tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY 1`).all()]),
    );
  });
}

async function send(testCase: BadCase): Promise<Response> {
  const who = testCase.as ?? "candidate";
  const cookie = who === "nobody" ? undefined : fixture[who].cookie;
  let body: Buffer | string | undefined;
  if (typeof testCase.raw === "string") body = testCase.raw.replace("REV", String(currentRev));
  else if (testCase.raw !== undefined) body = testCase.raw;
  else if (testCase.body !== undefined) body = JSON.stringify(testCase.body(fixture));
  return fetch(`${server.url}${testCase.path(fixture)}`, {
    method: testCase.method,
    headers: {
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      ...(cookie ? { Cookie: cookie } : {}),
      ...testCase.headers,
    },
    ...(body === undefined ? {} : { body }),
  });
}

beforeAll(async () => {
  const staticDir = mkdtempSync(path.join(os.tmpdir(), "shenbao-static-"));
  writeFileSync(path.join(staticDir, "index.html"), "<!doctype html><title>申报</title>");
  server = await startTestServer({ staticDir });
  edition = await publishShippedEdition(server.ports.store, server.services.clock);
  const { store } = server.ports;
  const { applications, attachments, users } = collectionsOf(store);

  const start = async (candidate: TestCandidate) => {
    const started = await fetch(`${server.url}/api/applications`, {
      method: "POST",
      headers: { Cookie: candidate.cookie },
    });
    const { id } = (await started.json()) as { id: string };
    const typed = await fetch(`${server.url}/api/applications/${id}/candidate-type`, {
      method: "PUT",
      headers: { Cookie: candidate.cookie, "Content-Type": "application/json" },
      body: JSON.stringify({ candidateType: "apprentice" }),
    });
    expect(typed.status).toBe(200);
    return (await applications.get(id))!;
  };
  const candidate = await buildCandidate(server);
  const application = await start(candidate);
  const other = await buildCandidate(server);
  const otherApplication = await start(other);
  const upload = async (owner: typeof application, field: SectionData) =>
    liveAttachments(store, edition, owner, "basicInfo", field);

  const basicInfo = await upload(application, exampleSection(edition, "apprentice", "basicInfo"));
  const saved = await fetch(`${server.url}/api/applications/${application._id}/sections/basicInfo`, {
    method: "PUT",
    headers: { Cookie: candidate.cookie, "Content-Type": "application/json" },
    body: JSON.stringify({ rev: application.rev, data: basicInfo }),
  });
  expect(saved.status).toBe(200);
  currentRev = ((await saved.json()) as { rev: number }).rev;

  const foreignUpload = (await upload(otherApplication, { photo: "x" })).photo as string;
  const deletedUpload = (await upload(application, { photo: "x" })).photo as string;
  await attachments.delete(deletedUpload);
  const otherField = (await upload(application, { education: [{ diploma: "x" }] })) as {
    education: { diploma: string }[];
  };

  const admin = await buildCandidate(server, { verified: false });
  const adminUser = (await users.get(admin.userId))!;
  const { _id, rev, createdAt: _c, updatedAt: _u, ...fields } = adminUser;
  await users.replace(_id, rev, { ...fields, roles: [...fields.roles, "admin"] });

  fixture = {
    candidate,
    unverified: await buildCandidate(server, { verified: false }),
    admin,
    applicationId: application._id,
    basicInfo,
    foreignUpload,
    deletedUpload,
    otherFieldUpload: otherField.education[0]!.diploma,
  };
});
afterAll(() => server.close());

describe("bad input anywhere in the API (issue 11)", () => {
  it(`has at least 80 cases (${cases.length})`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(80);
    expect(new Set(cases.map((testCase) => testCase.name)).size).toBe(cases.length);
  });

  it.each(cases)("answers $name with $status $error in Chinese and stores nothing", async (testCase) => {
    const before = await storeSnapshot();
    const response = await send(testCase);
    const body = (await response.json()) as { error: string; message: string };
    expect({ status: response.status, error: body.error }).toEqual({
      status: testCase.status,
      error: testCase.error,
    });
    expect(body.message).toMatch(CJK);
    expect(body.message).not.toMatch(ENGLISH_WORD);
    expect(await storeSnapshot()).toBe(before);
  });
});
