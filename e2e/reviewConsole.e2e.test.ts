// Browser test of issue 10's journey (REV-1…REV-6, APP-3): a 多年实践 candidate on a 375×667 phone submits
// (sections saved through the API with the page's session, teachers chosen and signing through the UI);
// the administrator appoints a county, a city and a province reviewer; the county reviewer (1280×800)
// returns the technique section with a comment on its method field; the candidate reads the comment beside
// that field, fixes it and resubmits; the reviewer reads what changed, locks every section and records the
// edition's on-site form; the city and the province pass it on; the province's filtered export opens in
// exceljs with the right rows. Every label looked for is the edition's, or the console's own wording.
import { mkdirSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { editionBindings, evaluate, type SectionData } from "@shenbao/rules";
import { submitWithTeachers, verifiedCandidate } from "./applicationSteps.js";
import {
  PAGE_TIMEOUT,
  backToTaskList,
  openSection,
  signInWithCode,
  taskButton,
  uniquePhone,
} from "./candidateSteps.js";
import {
  applicationExample,
  catalogOf,
  catalogPath,
  fieldTitle,
  loadHubeiEdition,
  sectionExample,
  sectionOf,
} from "./edition.js";
import { DESKTOP, PHONE, SCREENSHOT_DIR } from "./harness.js";
import { e2eSession } from "./session.js";
import { fillForm } from "./sectionFiller.js";
import { teacherSigns } from "./teacherSteps.js";
import { fieldItem, pickRadio, sectionForm } from "./widgets.js";

const session = e2eSession();
const edition = await loadHubeiEdition();

const exactly = (text: string) => new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*$`);

/** A desktop screenshot of a reviewer page into `test-results/screenshots/review-<step>-1280.png`. */
async function snap(page: Page, step: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `review-${step}-1280.png`), timeout: 60_000 });
}

/** A signed-in page in a fresh desktop context, starting at `returnTo`. */
async function signedIn(phone: string, returnTo: string): Promise<Page> {
  const page = await session.openPage("desktop");
  await page.goto(`/login?returnTo=${encodeURIComponent(returnTo)}`);
  await signInWithCode(page, session.server.dataDir, phone);
  return page;
}

/** Chooses `option` in the antd select named `name` (its dropdown lives at the end of the body). */
async function chooseOption(page: Page, scope: Locator, name: string, option: string): Promise<void> {
  const select = scope.locator(".ant-select").filter({ has: page.getByRole("combobox", { name }) });
  await select.click();
  await page
    .locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option")
    .filter({ hasText: exactly(option) })
    .first()
    .click();
  await select.filter({ hasText: option }).waitFor();
}

/** The first administrator: signs in, opens the link of the start-up log and confirms. */
async function firstAdministrator(): Promise<Page> {
  const token = /\/admin\/bootstrap#([A-Za-z0-9_-]+)/.exec(session.server.output())?.[1];
  if (token === undefined) throw new Error("the server logged no administrator link");
  const page = await session.openPage("desktop");
  await page.goto(`/admin/bootstrap#${token}`);
  await page.getByRole("heading", { name: "登录", level: 1 }).waitFor();
  await signInWithCode(page, session.server.dataDir, uniquePhone());
  await page.getByRole("button", { name: "确认成为管理员" }).click();
  await page.getByRole("status").filter({ hasText: "已设置为管理员" }).waitFor();
  return page;
}

/** At /admin/reviewers: appoints the user of `phone` at `level` ("县区" / "市州" / "省") for `division`. */
async function appoint(page: Page, phone: string, level: string, division: string): Promise<void> {
  await page.getByLabel("手机号码", { exact: true }).fill(phone);
  await chooseOption(page, page.locator("main"), "审核级别", level);
  await page.getByLabel("区划代码", { exact: true }).fill(division);
  await page.getByRole("button", { name: "任命" }).click();
  await page.getByRole("cell", { name: `${phone.slice(0, 3)}****${phone.slice(-4)}` }).waitFor();
}

/** A reviewer's application page: from the queue, by the candidate's name. */
async function openFromQueue(page: Page, name: string): Promise<void> {
  await page.getByRole("heading", { name: /^审核工作台/ }).waitFor();
  await page.getByRole("link", { name, exact: true }).click();
  await page.getByRole("heading", { level: 1 }).filter({ hasText: name }).waitFor();
}

/** The card of a section (or form) on the reviewer's application page, by its title. */
function card(page: Page, title: string): Locator {
  return page
    .locator(".ant-card")
    .filter({ has: page.locator(".ant-card-head-title").filter({ hasText: new RegExp(`^${title}`) }) });
}

/** The stage tag beside the candidate's name. */
function stage(page: Page): Locator {
  return page.getByRole("heading", { level: 1 }).locator(".ant-tag");
}

/** 审核通过, then the stage the application moved to. */
async function pass(page: Page, next: string): Promise<void> {
  await page.getByRole("button", { name: "审核通过", exact: true }).click();
  await expect.poll(() => stage(page).textContent(), { timeout: PAGE_TIMEOUT }).toBe(next);
}

describe("issue 10: county return → candidate fix → locks, 现场确认, city, province, export", () => {
  it("runs the whole review with field comments, the diff, the on-site form and an exceljs-readable export", async () => {
    // ——— The candidate submits on a phone (other sections through the API, teachers through the UI).
    const example = applicationExample(edition, "valid-practice-application.json");
    const basicInfo = example.basicInfo as SectionData;
    const name = String(basicInfo.name);
    const candidate = await verifiedCandidate(session.browser, session.server, edition, {
      basicInfo,
      candidateType: "practice",
      sequence: "231",
      screen: "phone",
    });
    expect(candidate.viewportSize()).toEqual(PHONE);
    const { saved, invited } = await submitWithTeachers(
      candidate,
      session.browser,
      session.server,
      edition,
      example,
    );
    const teacherSection = sectionOf(edition, editionBindings(edition).teacherList!.section);

    // The route: the edition's on-site county rule over the answers, its city, the edition's province.
    const submittedSections = Object.fromEntries(saved.map((key) => [key, example[key]]));
    const county = String(evaluate(editionBindings(edition).onsite.county!, { sections: submittedSections }));
    const city = `${county.slice(0, 4)}00`;
    const province = String(editionBindings(edition).onsite.province);

    // ——— The administrator appoints one reviewer per level.
    const phones = { county: uniquePhone(), city: uniquePhone(), province: uniquePhone() };
    const admin = await firstAdministrator();
    await admin.goto("/admin/reviewers");
    await admin.getByRole("heading", { name: "审核人员" }).waitFor();
    await appoint(admin, phones.county, "县区", county);
    await appoint(admin, phones.city, "市州", city);
    await appoint(admin, phones.province, "省", province);

    // ——— The county reviewer returns the technique section with a comment on its method field.
    const technique = sectionOf(edition, "technique");
    const methodTitle = fieldTitle(technique, "method");
    const reviewer = await signedIn(phones.county, "/review");
    expect(reviewer.viewportSize()).toEqual(DESKTOP);
    await openFromQueue(reviewer, name);
    await expect.poll(() => stage(reviewer).textContent()).toBe("县区审核");
    await card(reviewer, technique.title).getByRole("button", { name: "退回修改" }).click();
    const dialog = reviewer.getByRole("dialog");
    await dialog.getByLabel("退回意见（考生可见）").fill("请核对考核类别");
    await dialog.getByRole("button", { name: "添加栏目批注" }).click();
    await chooseOption(reviewer, dialog, "批注栏目", methodTitle);
    await dialog.getByLabel("栏目批注").fill("与实践经历所述方法不一致");
    await dialog.getByRole("button", { name: "退回修改" }).click();
    await expect.poll(() => stage(reviewer).textContent()).toBe("退回修改");

    // ——— The candidate reads the comments, on the task list and beside the field, fixes and resubmits.
    await candidate.reload();
    await expect.poll(() => taskButton(candidate, technique.title).textContent()).toBe("退回修改");
    const row = candidate.locator(".sb-task").filter({ hasText: technique.title });
    await row.getByText("请核对考核类别").waitFor();
    await row.getByText(`${methodTitle}：与实践经历所述方法不一致`).waitFor();
    await openSection(candidate, technique.title);
    const methodField = fieldItem(sectionForm(candidate), methodTitle);
    expect(await methodField.getByRole("note").textContent()).toContain("与实践经历所述方法不一致");
    const fixed = sectionExample(technique, "valid-external-with-medicine.json");
    const methodLabel = (value: unknown) =>
      catalogPath(catalogOf(edition, "techniqueMethods"), String(value)).at(-1) as string;
    expect(fixed.method).not.toBe((example.technique as SectionData).method);
    await pickRadio(sectionForm(candidate), methodTitle, methodLabel(fixed.method));
    const medicineTitle = fieldTitle(technique, "externalMedicine");
    await pickRadio(
      sectionForm(candidate),
      medicineTitle,
      catalogPath(catalogOf(edition, "externalMedicine"), String(fixed.externalMedicine)).at(-1) as string,
    );
    // Issue 11: the teachers signed over the old content, so the page warns first and saves on 确认修改.
    const bar = candidate.getByRole("region", { name: "保存" });
    await bar.getByRole("button", { name: "保存" }).click();
    const warning = candidate
      .getByRole("dialog")
      .filter({ hasText: `已签署的 ${invited.length} 位老师需重新签名` });
    await warning.getByRole("button", { name: "确认修改" }).click();
    await bar
      .getByRole("status")
      .filter({ hasText: /^已保存$/ })
      .waitFor();
    await backToTaskList(candidate);
    // The teachers signed over the old content (TCH-4): each is invited again with a new link and signs.
    await taskButton(candidate, teacherSection.title).click();
    const again: string[] = [];
    for (const { teacher, link } of invited) {
      const invitation = candidate
        .getByRole("region", { name: "已选择" })
        .locator(".sb-invitation")
        .filter({ hasText: teacher.name });
      await expect.poll(() => invitation.locator(".sb-invitation-link").textContent()).not.toBe(link);
      again.push(((await invitation.locator(".sb-invitation-link").textContent()) ?? "").trim());
    }
    await Promise.all(
      invited.map(({ teacher }, i) =>
        teacherSigns(
          session.browser,
          session.server.url,
          session.server.dataDir,
          edition,
          again[i]!,
          teacher,
          "none",
        ),
      ),
    );
    await candidate.getByRole("link", { name: "返回任务列表" }).click();
    await candidate.getByRole("button", { name: "提交上报" }).click();
    await candidate.getByText("已提交", { exact: true }).waitFor();

    // ——— The reviewer reads what changed, locks every section and records the on-site form.
    await reviewer.reload();
    await expect.poll(() => stage(reviewer).textContent()).toBe("县区审核");
    const changes = card(reviewer, technique.title).getByRole("alert");
    await changes
      .getByText(
        `${methodTitle}：${methodLabel((example.technique as SectionData).method)} → ${methodLabel(fixed.method)}`,
      )
      .waitFor();
    for (const key of [...saved, teacherSection.key]) {
      const section = card(reviewer, sectionOf(edition, key).title);
      await section.getByRole("button", { name: "锁定", exact: true }).click();
      await section.locator(".ant-card-head .ant-tag").filter({ hasText: "已锁定" }).waitFor();
    }
    const onsite = edition.forms.find((form) => form.key === editionBindings(edition).onsite.form)!;
    const onsiteCard = card(reviewer, onsite.title);
    const confirmed = onsite.examples.find((file) => file.file.endsWith("/valid-confirmed.json"))!;
    const { division: _prefilled, ...answers } = (confirmed.data as { answers: SectionData }).answers;
    await fillForm(onsiteCard.locator("form.rjsf"), edition, onsite, answers);
    await onsiteCard.getByRole("region", { name: "保存" }).getByRole("button", { name: "保存" }).click();
    await reviewer
      .locator(".ant-alert")
      .filter({ hasText: /^尚未完成/ })
      .waitFor({ state: "detached" });
    await pass(reviewer, "市州审核");

    // ——— The city, then the province.
    const cityPage = await signedIn(phones.city, "/review");
    await openFromQueue(cityPage, name);
    await pass(cityPage, "省级审核");
    const provincePage = await signedIn(phones.province, "/review");
    await openFromQueue(provincePage, name);
    await pass(provincePage, "审核通过");

    // The audit trail names every decision.
    await provincePage.reload();
    const trail = provincePage.locator(".ant-card").filter({ hasText: "审计记录" });
    for (const action of ["section.return", "section.lock", "review.onsite", "review.pass.province"])
      await trail.getByRole("cell", { name: action, exact: true }).first().waitFor();

    // ——— The province's export of the list filtered to 审核通过 opens in exceljs with that one row.
    await provincePage.goto("/review");
    await provincePage.getByRole("heading", { name: /^审核工作台/ }).waitFor();
    await chooseOption(provincePage, provincePage.locator("main"), "审核状态", "审核通过");
    await provincePage.getByText("共 1 条，第 1 页").waitFor();
    await snap(provincePage, "queue");
    const [download] = await Promise.all([
      provincePage.waitForEvent("download"),
      provincePage.getByRole("button", { name: /^导出Excel/ }).click(),
    ]);
    // The page reports the streamed export, then its end.
    await provincePage
      .getByRole("status", { name: "导出进度" })
      .getByText(/^导出完成：共 1 条/)
      .waitFor();
    expect(download.suggestedFilename()).toBe("审核名单.xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe("姓名");
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(1).value).toBe(name);
    expect(String(sheet.getRow(2).getCell(3).value)).toMatch(/\*{6,}/);
    // A filter that excludes it exports the header only (same session, same route).
    const none = await provincePage.request.get("/api/review/export.xlsx?stage=county");
    const empty = new ExcelJS.Workbook();
    await empty.xlsx.load((await none.body()) as unknown as ArrayBuffer);
    expect(empty.worksheets[0]!.rowCount).toBe(1);
  }, 300_000);
});
