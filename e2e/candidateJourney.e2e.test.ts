// Browser tests of issue 4 (deliver item 8): both candidate types from the portal home to the point where
// only 推荐信息 blocks 提交上报, and the bad-input paths, in Debian's Chromium at 375×667 and 1280×800.
// Every label looked for comes from the edition's JSON or is the app's own wording, never a field title
// typed here; the answers typed are the edition's example answers.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { getAt, sectionHints, type SectionData } from "@shenbao/rules";
import { buildIdNumber, withWrongCheck } from "../server/test/identityFactories.js";
import {
  backToTaskList,
  enterIdentity,
  identityResult,
  openSection,
  signInWithCode,
  snapBothSizes,
  taskButton,
  saveSectionThroughApi,
  uniquePhone,
  uploadIdPhotosAndSubmit,
} from "./candidateSteps.js";
import {
  applicationExample,
  candidateTypeLabel,
  fieldMessage,
  fieldTitle,
  loadHubeiEdition,
  sectionExample,
  sectionOf,
} from "./edition.js";
import { e2eSession } from "./session.js";
import { fillSection, pressSave, saveSection, shownErrors } from "./sectionFiller.js";
import { fieldItem, sectionForm } from "./widgets.js";

const session = e2eSession();
const edition = await loadHubeiEdition();

/** The edition's hints for these answers are on the section page (#12); there is at least one. */
async function expectHints(
  page: Page,
  candidateType: string,
  key: string,
  answers: SectionData,
): Promise<void> {
  const hints = sectionHints(edition, key, { candidateType, sections: { [key]: answers } });
  expect(hints.length, `hints of ${key}`).toBeGreaterThan(0);
  for (const hint of hints) await sectionForm(page).getByText(hint.message).waitFor();
}

/** Screenshots at both sizes; at 375 nothing may scroll sideways and axe finds nothing serious (#12). */
async function evidence(page: Page, journey: string, step: string): Promise<void> {
  const { overflow, culprits, accessibility } = await snapBothSizes(page, journey, step);
  expect(overflow, `${step} scrolls sideways at 375: ${culprits.join(", ")}`).toBeLessThanOrEqual(0);
  expect(accessibility, `${journey} ${step} at 375`).toEqual([]);
}

/** The birth date part of an ID number for the person of an example (YYYY-MM-DD → YYYYMMDD). */
const birthOf = (basicInfo: SectionData) => String(basicInfo.birthDate).replaceAll("-", "");

/** Signs a new candidate in from the home page's tile or 快捷入口, answering 「前往认证」 on the prompt. */
async function signInFromHome(page: Page, entry: "tile" | "quick", journey: string): Promise<void> {
  await page.goto("/");
  await page.getByRole("heading", { name: "快捷入口" }).waitFor();
  await evidence(page, journey, "home");
  if (entry === "tile")
    await page.getByRole("link", { name: "中医医术确有专长人员医师资格考核报名" }).click();
  else await page.getByRole("link", { name: "湖北省卫生人才业务登录入口" }).click();
  await page.getByRole("heading", { name: "登录", level: 1 }).waitFor();
  await evidence(page, journey, "sign-in");
  await signInWithCode(page, session.server.dataDir, uniquePhone());
  await page.getByRole("dialog").getByText("首次登录请先完成实名认证").waitFor();
  await evidence(page, journey, "verify-prompt");
  await page.getByRole("dialog").getByRole("button", { name: "前往认证" }).click();
}

/** 实名认证 with a valid number and both photos, to 「认证成功」. */
async function verifyIdentity(page: Page, journey: string, name: string, idNumber: string): Promise<void> {
  await enterIdentity(page, name, idNumber);
  await evidence(page, journey, "identity-info");
  await uploadIdPhotosAndSubmit(page);
  await identityResult(page, "认证成功").waitFor();
  await evidence(page, journey, "identity-verified");
}

/** 我要报名中医医术确有专长 from the 认证成功 page, then the candidate type, to the task list. */
async function startApplication(page: Page, journey: string, candidateType: string): Promise<void> {
  await page.getByRole("button", { name: "我要报名中医医术确有专长" }).click();
  await page.getByRole("heading", { name: edition.title }).waitFor();
  await page.getByRole("button", { name: "我要报名中医医术确有专长" }).click();
  await page.getByRole("radio", { name: candidateTypeLabel(edition, candidateType) }).check();
  await evidence(page, journey, "candidate-type");
  await page.getByRole("button", { name: "确定" }).click();
  await page.locator(".sb-tasks").first().waitFor();
  await evidence(page, journey, "task-list");
}

/** Opens a section from the task list, types its answers, saves, and is back at the task list. */
async function completeSection(
  page: Page,
  journey: string,
  key: string,
  answers: SectionData,
  checkBranches?: () => Promise<void>,
): Promise<void> {
  const section = sectionOf(edition, key);
  await openSection(page, section.title);
  await fillSection(page, edition, section, answers);
  await checkBranches?.();
  await saveSection(page);
  // Pictured as a candidate opening the saved section finds it: a fresh load, no picker left mid-gesture.
  await page.reload();
  await sectionForm(page).waitFor();
  // Saved attachments are listed under the names they were uploaded with, not as 「附件 1…n」.
  await expect
    .poll(() => sectionForm(page).locator(".sb-attachment-name").allTextContents(), { timeout: 10_000 })
    .not.toContainEqual(expect.stringMatching(/^附件 \d+$/));
  await evidence(page, journey, `section-${key}`);
  await backToTaskList(page);
  await expect.poll(() => taskButton(page, section.title).textContent()).toBe("编辑");
}

/** Presses 提交上报 and returns the lines of the blocker list it shows. */
async function submitBlockers(page: Page, journey: string): Promise<string[]> {
  await page.getByRole("button", { name: "提交上报" }).click();
  const list = page.getByRole("alert").filter({ hasText: "不能提交" }).locator(".sb-blockers li");
  await list.first().waitFor();
  await evidence(page, journey, "submit-blockers");
  return list.allTextContents();
}

describe("师承 candidate on a phone: portal home to 提交上报", () => {
  it("signs in, verifies, fills every section with uploads and both branches, and is blocked only by 推荐信息", async () => {
    const journey = "apprentice";
    const page = await session.openPage("phone");
    const example = applicationExample(edition, "valid-apprentice-application.json");
    const basicInfo = example.basicInfo as SectionData;
    await signInFromHome(page, "tile", journey);
    await verifyIdentity(
      page,
      journey,
      String(basicInfo.name),
      buildIdNumber("420102", birthOf(basicInfo), "113"),
    );
    await startApplication(page, journey, "apprentice");

    await completeSection(page, journey, "basicInfo", basicInfo);
    const technique = sectionOf(edition, "technique");
    await completeSection(
      page,
      journey,
      "technique",
      sectionExample(technique, "valid-external-with-medicine.json"),
      // 外治技术 brings the 外用药 choice (SEC-3).
      async () =>
        expect(
          await fieldItem(sectionForm(page), fieldTitle(technique, "externalMedicine")).isVisible(),
        ).toBe(true),
    );
    const apprenticeship = sectionOf(edition, "apprenticeship");
    await completeSection(
      page,
      journey,
      "apprenticeship",
      example.apprenticeship as SectionData,
      async () => {
        // 具有出师证书: the certificate branch shows, the five-year branch does not (SEC-4).
        const form = sectionForm(page);
        expect(await fieldItem(form, fieldTitle(apprenticeship, "certificate")).isVisible()).toBe(true);
        expect(await fieldItem(form, fieldTitle(apprenticeship, "fiveYearProof")).count()).toBe(0);
        // The edition's hint says, as the dates are entered, how long since the certificate (#12).
        await expectHints(page, "apprentice", "apprenticeship", example.apprenticeship as SectionData);
      },
    );
    await completeSection(page, journey, "expertise", example.expertise as SectionData);
    const credentials = sectionOf(edition, "credentials");
    await completeSection(
      page,
      journey,
      "credentials",
      sectionExample(credentials, "valid-with-file-and-issue-details.json"),
    );

    const recommenders = sectionOf(edition, "recommenders").title;
    const blockers = await submitBlockers(page, journey);
    expect(blockers.length).toBeGreaterThan(0);
    for (const line of blockers) expect(line.startsWith(`${recommenders}：`), line).toBe(true);
    expect(await taskButton(page, recommenders).textContent()).toBe("去完善");

    // 查看详情 is a read view: numbered case records, no controls (#12, APP-6).
    await page.getByRole("button", { name: "查看详情" }).click();
    await page.getByRole("heading", { name: "查看详情" }).waitFor();
    const cases = getAt(sectionOf(edition, "expertise").schema, "properties.cases.items.title");
    for (const n of ["一", "二", "三", "四", "五"])
      await page.getByRole("heading", { name: `${String(cases)}${n}` }).waitFor();
    expect(await page.locator("main .sb-read button, main .sb-read input").count()).toBe(0);
    await evidence(page, journey, "details");
  }, 180_000);
});

describe("多年实践 candidate on a laptop: portal home to 提交上报", () => {
  it("signs in from 快捷入口, fills a practice period after 2017-07-01 with ten patient recommendations, and is blocked only by 推荐信息", async () => {
    const journey = "practice";
    const page = await session.openPage("desktop");
    const example = applicationExample(edition, "valid-practice-application.json");
    const basicInfo = example.basicInfo as SectionData;
    await signInFromHome(page, "quick", journey);
    await verifyIdentity(
      page,
      journey,
      String(basicInfo.name),
      buildIdNumber("420102", birthOf(basicInfo), "133"),
    );
    await startApplication(page, journey, "practice");

    await completeSection(page, journey, "basicInfo", basicInfo);
    await completeSection(page, journey, "technique", example.technique as SectionData);
    const practice = sectionOf(edition, "practice");
    const afterLaw = sectionExample(practice, "valid-after-2017.json");
    expect(afterLaw.patientRecommendations).toHaveLength(10);
    await completeSection(page, journey, "practice", afterLaw, async () => {
      // A period reaching past 2017-07-01 brings the guidance form and the on-site county (SEC-5); the
      // evidence chosen shows only its own upload.
      const form = sectionForm(page);
      for (const field of ["guidanceForm", "onsiteDivision", "patientRecommendations"])
        expect(await fieldItem(form, fieldTitle(practice, field)).isVisible(), field).toBe(true);
      for (const field of ["fiveYearProof", "certificateFile"])
        expect(await fieldItem(form, fieldTitle(practice, field)).count(), field).toBe(0);
      await expectHints(page, "practice", "practice", afterLaw);
      expect(
        await fieldItem(form, fieldTitle(practice, "patientRecommendations"))
          .locator(".sb-attachment-list > li")
          .count(),
      ).toBe(10);
    });
    await completeSection(page, journey, "expertise", example.expertise as SectionData);
    await completeSection(page, journey, "credentials", example.credentials as SectionData);

    const recommenders = sectionOf(edition, "recommenders").title;
    const blockers = await submitBlockers(page, journey);
    expect(blockers.length).toBeGreaterThan(0);
    for (const line of blockers) expect(line.startsWith(`${recommenders}：`), line).toBe(true);
  }, 180_000);
});

/** A new candidate, verified, with an application of `candidateType`, at the task list (no screenshots). */
async function verifiedCandidateAtTaskList(
  page: Page,
  candidateType: string,
  sequence: string,
): Promise<void> {
  await page.goto("/login?returnTo=%2Fapply");
  await signInWithCode(page, session.server.dataDir, uniquePhone());
  await page.getByRole("dialog").getByRole("button", { name: "前往认证" }).click();
  await enterIdentity(page, "李四", buildIdNumber("420102", "19800101", sequence));
  await uploadIdPhotosAndSubmit(page);
  await identityResult(page, "认证成功").waitFor();
  await page.getByRole("button", { name: "我要报名中医医术确有专长" }).click();
  await page.getByRole("button", { name: "我要报名中医医术确有专长" }).click();
  await page.getByRole("radio", { name: candidateTypeLabel(edition, candidateType) }).check();
  await page.getByRole("button", { name: "确定" }).click();
  await page.locator(".sb-tasks").first().waitFor();
}

describe("bad input on the way to 提交上报", () => {
  it("shows the checksum message for an ID number with a wrong check digit and never 认证成功", async () => {
    const page = await session.openPage("phone");
    await page.goto("/login");
    await signInWithCode(page, session.server.dataDir, uniquePhone());
    await page.getByRole("dialog").getByRole("button", { name: "前往认证" }).click();
    await enterIdentity(page, "王五", withWrongCheck(buildIdNumber("420102", "19850615", "171")));
    await page.getByText("身份证号码校验位不正确，请核对后重新输入").waitFor();
    await evidence(page, "bad-input", "wrong-checksum");
    expect(await page.getByRole("button", { name: "下一步" }).isDisabled()).toBe(true);
    expect(await identityResult(page, "认证成功").count()).toBe(0);
  }, 90_000);

  it("keeps 医术专长及医案 at 去完善 with four case records and names the five-record rule", async () => {
    const page = await session.openPage("desktop");
    await verifiedCandidateAtTaskList(page, "apprentice", "191");
    const expertise = sectionOf(edition, "expertise");
    const fourCases = sectionExample(expertise, "invalid-four-cases.json");
    const fiveRule = fieldMessage(expertise, "cases", "minItems");

    // Through the form: four of the five drawn 病案 typed, the fifth left empty.
    await openSection(page, expertise.title);
    await fillSection(page, edition, expertise, fourCases);
    expect(await pressSave(page)).toMatch(/^已保存草稿，仍有 \d+ 处待完善$/);
    expect((await shownErrors(page)).length).toBeGreaterThan(0);
    await evidence(page, "bad-input", "four-cases-form");
    await backToTaskList(page);
    expect(await taskButton(page, expertise.title).textContent()).toBe("去完善");

    // Exactly four records stored (the form always draws five slots, so this one goes through the API
    // with the page's session; the example's attachment id is not a real upload and is left out).
    const summary = { ...(fourCases.summary as Record<string, unknown>) };
    delete summary.materials;
    expect(await saveSectionThroughApi(page, expertise.key, { ...fourCases, summary })).toBe(200);
    await page.reload();
    expect(await taskButton(page, expertise.title).textContent()).toBe("去完善");
    const blockers = await submitBlockers(page, "bad-input-four-cases");
    expect(blockers).toContain(`${expertise.title}：${fiveRule}`);
  }, 90_000);

  it("asks for the 外用药 choice when 外治技术 is chosen without one", async () => {
    const page = await session.openPage("desktop");
    await verifiedCandidateAtTaskList(page, "practice", "193");
    const technique = sectionOf(edition, "technique");
    await openSection(page, technique.title);
    await fillSection(
      page,
      edition,
      technique,
      sectionExample(technique, "invalid-external-without-choice.json"),
    );
    expect(await pressSave(page)).toMatch(/^已保存草稿，仍有 1 处待完善$/);
    const externalMedicine = fieldItem(sectionForm(page), fieldTitle(technique, "externalMedicine"));
    const message = await externalMedicine.locator(".sb-form-error").textContent();
    expect(message).toContain(fieldTitle(technique, "externalMedicine"));
    await evidence(page, "bad-input", "external-medicine-missing");
    await backToTaskList(page);
    expect(await taskButton(page, technique.title).textContent()).toBe("去完善");
  }, 90_000);
});
