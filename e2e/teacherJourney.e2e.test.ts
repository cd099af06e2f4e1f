// Browser test of issue 5's "done when": a candidate of each type chooses the teachers the edition's rules
// ask for on 推荐信息 (获取老师, 选择, 工作证明), each teacher signs in a fresh 375×667 phone context from
// the link read off the candidate's page, the candidate submits, and the PDF names every signed evaluation.
// The candidate's other sections are saved through the API with the page's session (the candidate journey
// test types them through the UI); sign-in, 实名认证 and everything about teachers go through the UI.
import { describe, expect, it } from "vitest";
import type { SectionData } from "@shenbao/rules";
import { pdfText, squeeze } from "../server/test/pdfText.js";
import { applicationExample, loadHubeiEdition, schemaAtPath, sectionExample, sectionOf } from "./edition.js";
import { e2eSession } from "./session.js";
import {
  applicationId,
  chooseTeacher,
  verifiedCandidate,
  demoOf,
  neededOnPage,
  saveOtherSectionsThroughApi,
} from "./applicationSteps.js";
import { teacherSigns, type TeacherPerson } from "./teacherSteps.js";

const session = e2eSession();
const edition = await loadHubeiEdition();
// Each demo physician is invited once in this run.
const used = new Set<string>();

/** The whole issue-5 journey for one candidate type; returns the invited teachers by role. */
async function journey(candidateType: string, exampleFile: string, teamExample: string, sequence: string) {
  const example = applicationExample(edition, exampleFile);
  const basicInfo = example.basicInfo as SectionData;
  const page = await verifiedCandidate(session.browser, session.server, edition, {
    basicInfo,
    candidateType,
    sequence,
  });
  session.track(page);
  await saveOtherSectionsThroughApi(page, edition, example);

  // 推荐信息 through the UI: the page's counts come from the edition's rules and match the example team.
  const recommenders = sectionOf(edition, "recommenders");
  await page.locator(".sb-task").filter({ hasText: recommenders.title }).getByRole("button").click();
  await page.locator(".sb-lookup").first().waitFor();
  const expectedTeam = (sectionExample(recommenders, teamExample).teachers as { role: string }[]) ?? [];
  const roles =
    (schemaAtPath(recommenders, "teachers.0.role").oneOf as { const: string; title: string }[]) ?? [];
  const invited: { role: string; teacher: TeacherPerson; link: string }[] = [];

  for (const role of roles) {
    const need = await neededOnPage(page, role.const);
    expect(need, role.const).toBe(expectedTeam.filter((t) => t.role === role.const).length);
    const pool = demoOf(role.const).filter((person) => !used.has(person.name));
    for (const teacher of pool.slice(0, need)) {
      used.add(teacher.name);
      const { proof, link } = await chooseTeacher(page, edition, role.title, teacher);
      // The edition asks 推荐医师 (not 指导老师) for a 工作证明.
      expect(proof, `${role.title} ${teacher.name} 工作证明`).toBe(role.const === "recommender");
      invited.push({ role: role.const, teacher, link });
    }
  }
  expect(invited.length).toBe(expectedTeam.length);

  // Each teacher signs on their own phone.
  for (const [i, { teacher, link }] of invited.entries())
    await teacherSigns(
      session.browser,
      session.server.url,
      session.server.dataDir,
      edition,
      link,
      teacher,
      candidateType === "apprentice" && i === 0,
    );

  // Back on the candidate's page: every card reads 已签署.
  await page.reload();
  for (const { teacher } of invited) {
    const state = page.locator(".sb-invitation").filter({ hasText: teacher.name }).locator("[data-state]");
    await expect.poll(() => state.getAttribute("data-state")).toBe("signed");
    expect(await state.textContent()).toBe("已签署");
  }

  // 提交上报 succeeds.
  await page.getByRole("link", { name: "返回任务列表" }).click();
  await page.getByRole("button", { name: "提交上报" }).click();
  await page.getByText("已提交", { exact: true }).waitFor();
  expect(await page.locator(".sb-blockers li").count()).toBe(0);

  // The PDF, downloaded with the page's cookies, names every signed evaluation.
  const response = await page.context().request.get(`/api/applications/${await applicationId(page)}/pdf`);
  expect(response.status()).toBe(200);
  const text = squeeze(await pdfText(await response.body()));
  for (const { role, teacher } of invited) {
    const title = roles.find((r) => r.const === role)?.title ?? role;
    expect(text, `${title}：${teacher.name}`).toContain(`${title}：${teacher.name}`);
  }
  return invited;
}

describe("issue 5: teachers sign on their phones, the candidate submits, the PDF shows the evaluations", () => {
  it("师承: 2 推荐医师 + 1 指导老师 chosen through the UI sign at 375×667 (other sections saved via the API with the page's session)", async () => {
    const invited = await journey(
      "apprentice",
      "valid-apprentice-application.json",
      "valid-apprentice.json",
      "211",
    );
    expect(invited).toHaveLength(3);
  }, 150_000);

  it("多年实践 before 2017-07-01: the 推荐医师 the rules ask for sign at 375×667 (other sections saved via the API with the page's session)", async () => {
    await journey("practice", "valid-practice-application.json", "valid-practice-before-2017.json", "213");
  }, 150_000);
});
