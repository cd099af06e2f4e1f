/**
 * A candidate's way to 提交上报 shared by the teacher and review journeys: sections saved through the API
 * with the page's own session (real uploads in place of the examples' attachment ids), teachers chosen on
 * 推荐信息 through the UI (获取老师, 选择, 工作证明). The candidate journey types sections through the UI.
 */
import { expect } from "vitest";
import type { Browser, Page } from "playwright-core";
import { editionBindings, type Edition, type Json, type SectionData } from "@shenbao/rules";
import { DEMO_REGISTRY_PEOPLE } from "../server/src/commands/demoRegistry.js";
import { buildIdNumber } from "../server/test/identityFactories.js";
import {
  PAGE_TIMEOUT,
  enterIdentity,
  identityResult,
  saveSectionThroughApi,
  signInWithCode,
  taskButton,
  uniquePhone,
  uploadIdPhotosAndSubmit,
} from "./candidateSteps.js";
import { newContext, type ServerProcess } from "./harness.js";
import { candidateTypeLabel, fieldTitle, schemaAtPath, sectionOf } from "./edition.js";
import { filesFor } from "./sectionFiller.js";
import { teacherSigns, type TeacherPerson } from "./teacherSteps.js";

/** The 推荐信息 page's own words (the edition's texts name the lookup; these are the platform's). */
export const RECOMMENDERS_WORDS = {
  lookupButton: "获取",
  lookupSuccess: "获取成功",
  idNumberLabel: "身份证号码",
  choose: "选择",
  needed: "需要添加",
} as const;

/** The demo physicians of a role (`recommender`, `supervisor`), in registry order. */
export const demoOf = (role: string): TeacherPerson[] =>
  DEMO_REGISTRY_PEOPLE.filter((person) => (person.labels as readonly string[]).includes(role)).map(
    (person) => ({ name: person.name, idNumber: person.idNumber, phone: String(person.phone) }),
  );

/** The candidate's application id, read with the page's session. */
export function applicationId(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const mine = (await (await fetch("/api/applications/mine")).json()) as { items: { id: string }[] };
    return mine.items[0]?.id ?? "";
  });
}

/** Uploads one generated file into `section`'s attachment field at `fieldPath`; returns the new id. */
async function uploadAttachment(
  page: Page,
  edition: Edition,
  id: string,
  section: string,
  fieldPath: string,
): Promise<string> {
  const segments = fieldPath.split(".");
  // A slot of a multi-file field has the field's accept list.
  const field = /^\d+$/.test(segments.at(-1) ?? "") ? segments.slice(0, -1).join(".") : fieldPath;
  const ui = segments
    .filter((segment) => !/^\d+$/.test(segment))
    .reduce<Record<string, Json> | undefined>(
      (node, segment) => {
        const next = node?.[segment] ?? (node?.items as Record<string, Json> | undefined)?.[segment];
        return next !== null && typeof next === "object" && !Array.isArray(next) ? next : undefined;
      },
      sectionOf(edition, section).uiSchema as Record<string, Json>,
    );
  const options = (ui?.["ui:options"] ?? {}) as Record<string, Json>;
  const accept = Array.isArray(options.accept) ? options.accept.map(String) : [];
  const [file] = filesFor(field, 1, accept);
  if (file === undefined) throw new Error(`no file for ${section}.${fieldPath}`);
  const stored = await page.evaluate(
    async ({ url, name, mimeType, bytes }) => {
      const body = new FormData();
      body.append("file", new Blob([new Uint8Array(bytes)], { type: mimeType }), name);
      const response = await fetch(url, { method: "POST", body, headers: { Accept: "application/json" } });
      return { status: response.status, body: (await response.json()) as { id?: string } };
    },
    {
      url: `/api/applications/${encodeURIComponent(id)}/attachments?section=${encodeURIComponent(section)}&field=${encodeURIComponent(fieldPath)}`,
      name: file.name,
      mimeType: file.mimeType,
      bytes: Array.from(file.buffer),
    },
  );
  if (stored.status !== 201 && stored.status !== 200)
    throw new Error(`upload ${section}.${fieldPath}: ${stored.status} ${JSON.stringify(stored.body)}`);
  return String(stored.body.id);
}

/** `data` with every example attachment id (`att_…`) replaced by a real upload at its path. */
async function withRealAttachments(
  page: Page,
  edition: Edition,
  id: string,
  section: string,
  data: Json,
  at = "",
): Promise<Json> {
  if (typeof data === "string" && /^att_/.test(data)) return uploadAttachment(page, edition, id, section, at);
  if (Array.isArray(data)) {
    const out: Json[] = [];
    for (const [i, item] of data.entries())
      out.push(await withRealAttachments(page, edition, id, section, item, at ? `${at}.${i}` : String(i)));
    return out;
  }
  if (data !== null && typeof data === "object") {
    const out: Record<string, Json> = {};
    for (const [key, value] of Object.entries(data))
      out[key] = await withRealAttachments(page, edition, id, section, value, at ? `${at}.${key}` : key);
    return out;
  }
  return data;
}

/**
 * Saves every section of this candidate's task list but the teacher list through the API (real uploads);
 * returns the keys saved.
 */
export async function saveOtherSectionsThroughApi(
  page: Page,
  edition: Edition,
  sections: Record<string, SectionData>,
): Promise<string[]> {
  const id = await applicationId(page);
  const teachers = edition.bindings?.teacherList?.section;
  const saved: string[] = [];
  for (const [key, answers] of Object.entries(sections)) {
    if (key === teachers) continue;
    // Only the sections this candidate type has (the task list's rows).
    if (
      (await page
        .locator(".sb-task")
        .filter({ hasText: sectionOf(edition, key).title })
        .count()) === 0
    )
      continue;
    const data = await withRealAttachments(page, edition, id, key, answers as Json);
    expect(await saveSectionThroughApi(page, key, data), key).toBe(200);
    saved.push(key);
  }
  return saved;
}

/** How many teachers of `role` the 推荐信息 page asks for (its 「需要添加 n 名」, from the edition's rules). */
export async function neededOnPage(page: Page, role: string): Promise<number> {
  const line = page.locator(`.sb-team li[data-role="${role}"]`);
  if ((await line.count()) === 0) return 0;
  const match = new RegExp(`${RECOMMENDERS_WORDS.needed} (\\d+) 名`).exec((await line.textContent()) ?? "");
  return Number(match?.[1] ?? 0);
}

/** 获取老师 → 获取 → 选择 (with the 工作证明 upload when the page asks for one); returns the invitation link. */
export async function chooseTeacher(
  page: Page,
  edition: Edition,
  roleTitle: string,
  teacher: TeacherPerson,
): Promise<{ proof: boolean; link: string }> {
  const words = RECOMMENDERS_WORDS;
  const recommenders = sectionOf(edition, edition.bindings?.teacherList?.section ?? "");
  const lookup = page.locator(".sb-lookup").first();
  await lookup.getByRole("radio", { name: roleTitle, exact: true }).check();
  await lookup.getByLabel(fieldTitle(recommenders, "teachers.0.name"), { exact: true }).fill(teacher.name);
  await lookup.getByLabel(words.idNumberLabel, { exact: true }).fill(teacher.idNumber);
  // After one lookup antd may keep the spinner's leaving icon (named 「loading」) in the button: match the end.
  await lookup.getByRole("button", { name: new RegExp(`${words.lookupButton}$`) }).click();
  await lookup.getByText(words.lookupSuccess, { exact: true }).waitFor();
  await lookup.getByRole("button", { name: words.choose, exact: true }).click();

  const card = page
    .getByRole("region", { name: "已选择" })
    .locator(".sb-invitation")
    .filter({ hasText: teacher.name });
  const proofTitle = fieldTitle(recommenders, "teachers.0.workProof");
  const proofInput = lookup.getByLabel(proofTitle, { exact: true });
  await Promise.race([card.waitFor(), proofInput.waitFor({ state: "attached" })]);
  let proof = false;
  if ((await card.count()) === 0) {
    const accept = ((await proofInput.getAttribute("accept")) ?? "").split(",").filter(Boolean);
    await proofInput.setInputFiles(filesFor("workProof", 1, accept));
    await lookup.getByText(/^已上传：/).waitFor();
    await lookup.getByRole("button", { name: "确认选择" }).click();
    await card.waitFor();
    proof = true;
  }
  const link = ((await card.locator(".sb-invitation-link").textContent()) ?? "").trim();
  expect(link).toMatch(/^https?:\/\/.+\/t\/.+/);
  return { proof, link };
}

/**
 * A new candidate in a fresh context (desktop unless `screen` says phone), signed in and verified through
 * the UI as the example's person, with an application of `candidateType`, at the task list.
 */
export async function verifiedCandidate(
  browser: Browser,
  server: ServerProcess,
  edition: Edition,
  who: { basicInfo: SectionData; candidateType: string; sequence: string; screen?: "phone" | "desktop" },
): Promise<Page> {
  const { basicInfo, candidateType, sequence } = who;
  const context = await newContext(browser, server.url, who.screen ?? "desktop");
  const page = await context.newPage();
  page.setDefaultTimeout(PAGE_TIMEOUT);
  await page.goto("/login?returnTo=%2Fapply");
  await signInWithCode(page, server.dataDir, uniquePhone());
  await page.getByRole("dialog").getByRole("button", { name: "前往认证" }).click();
  const birth = String(basicInfo.birthDate).replaceAll("-", "");
  await enterIdentity(page, String(basicInfo.name), buildIdNumber("420102", birth, sequence));
  await uploadIdPhotosAndSubmit(page);
  await identityResult(page, "认证成功").waitFor();
  await page.getByRole("button", { name: "我要报名中医医术确有专长" }).click();
  // The same words open the application page and then its type dialog: wait for the page in between, or
  // the second click can land on the first button while it leaves and the type radio is not there yet.
  await page.getByRole("heading", { name: edition.title }).waitFor();
  await page.getByRole("button", { name: "我要报名中医医术确有专长" }).click();
  await page.getByRole("radio", { name: candidateTypeLabel(edition, candidateType) }).check();
  await page.getByRole("button", { name: "确定" }).click();
  await page.locator(".sb-tasks").first().waitFor();
  return page;
}

/**
 * 提交上报 for a verified candidate on their task list: every other section of `example` through the API,
 * the teachers the 推荐信息 page asks for chosen through the UI and signing each on their own phone at the
 * same time, then 提交上报 until 已提交. Returns the keys of the sections saved through the API and the
 * teachers with the links they signed through.
 */
export async function submitWithTeachers(
  candidate: Page,
  browser: Browser,
  server: ServerProcess,
  edition: Edition,
  example: Record<string, SectionData>,
): Promise<{ saved: string[]; invited: { teacher: TeacherPerson; link: string }[] }> {
  const saved = await saveOtherSectionsThroughApi(candidate, edition, example);
  const teacherSection = sectionOf(edition, editionBindings(edition).teacherList!.section);
  await taskButton(candidate, teacherSection.title).click();
  await candidate.locator(".sb-lookup").first().waitFor();
  const roles = schemaAtPath(teacherSection, "teachers.0.role").oneOf as { const: string; title: string }[];
  const invited: { teacher: TeacherPerson; link: string }[] = [];
  for (const role of roles)
    for (const teacher of demoOf(role.const).slice(0, await neededOnPage(candidate, role.const)))
      invited.push({ teacher, link: (await chooseTeacher(candidate, edition, role.title, teacher)).link });
  expect(invited.length).toBeGreaterThan(0);
  await Promise.all(
    invited.map(({ teacher, link }) =>
      teacherSigns(browser, server.url, server.dataDir, edition, link, teacher, "none"),
    ),
  );
  await candidate.reload();
  await candidate.getByRole("link", { name: "返回任务列表" }).click();
  await candidate.getByRole("button", { name: "提交上报" }).click();
  await candidate.getByText("已提交", { exact: true }).waitFor();
  return { saved, invited };
}
