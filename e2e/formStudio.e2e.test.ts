// Browser test of issue 9 (FORM-2…5) at 1280×800: an administrator makes next year's edition in the studio
// without TypeScript — copies 2024 into a draft, renames a label, adds an optional field shown only for one
// candidate type by a rule (in the visual editor: field tree, property panel, 添加字段, 规则 with the condition
// builder; the teacher-list rules open in it too), imports a catalog from CSV (a file with an error changes
// nothing), sees the field in the preview for that type only, finds that a failing example blocks 发布, fixes
// it, publishes and opens it; a candidate starting afterwards gets it, and an application submitted before
// still reads as the 2024 form in 查看详情.
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import type { SectionData } from "@shenbao/rules";
import { submitWithTeachers, verifiedCandidate } from "./applicationSteps.js";
import { PAGE_TIMEOUT, openSection, signInWithCode, uniquePhone } from "./candidateSteps.js";
import {
  applicationExample,
  candidateTypeLabel,
  fieldTitle,
  loadHubeiEdition,
  sectionExample,
  sectionOf,
} from "./edition.js";
import { SCREENSHOT_DIR } from "./harness.js";
import { e2eSession } from "./session.js";
import { fieldItem, sectionForm } from "./widgets.js";

const session = e2eSession();
const edition = await loadHubeiEdition();

const snap = (page: Page, step: string) =>
  page.screenshot({ path: path.join(SCREENSHOT_DIR, `studio-${step}-1280.png`) });

// The section the new field goes into, and the candidate type it is shown for (edition keys, as tests may).
const SECTION = "technique";
const SHOWN_FOR = "practice";
const OTHER_TYPE = "apprentice";
const NEW_FIELD = "studioPracticeNote";
const NEW_TITLE = "实践补充说明";
const sectionFile = (kind: "schema" | "ui" | "rules") => `sections/${SECTION}/${SECTION}.${kind}.json`;

/** The administrator: sign in, redeem the start-up link from the server log. */
async function becomeAdministrator(page: Page): Promise<void> {
  const token = /\/admin\/bootstrap#(\S+)/.exec(session.server.output())?.[1];
  expect(token, "the server prints a bootstrap link while there is no administrator").toBeDefined();
  await page.goto("/login");
  await signInWithCode(page, session.server.dataDir, uniquePhone());
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  await page.goto(`/admin/bootstrap#${token}`);
  await page.getByRole("button", { name: "确认成为管理员" }).click();
  await page.getByRole("status").filter({ hasText: "已设置为管理员" }).waitFor();
}

/** Opens a draft file by 查找文件 (type its path, pick it); a section file opens in the visual editor. */
async function openFile(page: Page, file: string): Promise<void> {
  const search = page.getByRole("combobox", { name: "查找文件" });
  await search.click();
  await search.fill(file);
  await page
    .locator(".ant-select-dropdown:visible .ant-select-item-option")
    .filter({ hasText: file })
    .first()
    .click();
}

/**
 * Picks an antd radio or Segmented option as a person does: a click on its visible label, which Playwright
 * makes only once the label holds still (a forced click on the hidden input skips that check and, during a
 * dialog's opening animation, can land beside it), then checks that the choice took.
 */
async function pickRadio(scope: Locator, name: RegExp): Promise<void> {
  const input = scope.getByRole("radio", { name });
  // `has` is matched inside each label, so it starts from the page, not from `scope`.
  await scope
    .locator("label")
    .filter({ has: scope.page().getByRole("radio", { name }) })
    .click();
  await expect.poll(() => input.isChecked()).toBe(true);
}

/** The code view of the open file (the visual editor, when the studio has one, is one click away). */
async function showCode(page: Page, file: string): Promise<void> {
  if ((await page.getByRole("radio", { name: "JSON 代码" }).count()) > 0)
    await pickRadio(page.locator("body"), /^JSON 代码$/);
  await page.getByLabel(`编辑 ${file}`).waitFor();
}

/** Replaces the open file's text as an administrator would: select all, paste. */
async function replaceText(page: Page, file: string, text: string): Promise<void> {
  const editor = page.getByLabel(`编辑 ${file}`);
  await editor.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(text);
  await expect
    .poll(() => editor.evaluate((node) => node.textContent?.replace(/\s/g, "") ?? ""))
    .toBe(text.replace(/\s/g, ""));
}

async function waitSaved(page: Page): Promise<void> {
  await page
    .locator(".sb-studio-save")
    .filter({ hasText: /^已保存$/ })
    .waitFor({ timeout: PAGE_TIMEOUT });
}

/** Picks an option of an antd Select found by its aria-label. */
async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
  await page
    .locator(".ant-select-dropdown:visible .ant-select-item-option")
    .filter({ hasText: option })
    .first()
    .click();
}

/** A new candidate signs in, verifies, starts an application of `type` and is at the task list. */
function startApplication(type: string, sequence: string): Promise<Page> {
  const example = applicationExample(edition, "valid-practice-application.json");
  return verifiedCandidate(session.browser, session.server, edition, {
    basicInfo: example.basicInfo as SectionData,
    candidateType: type,
    sequence,
  });
}

describe("form studio at 1280×800", () => {
  it("copies 2024 into a draft, edits, previews, is blocked by a failing example, publishes and opens it; a new candidate gets the new form", async () => {
    // An application submitted before the new version, on the 2024 form (its teachers signed).
    const older = await startApplication(SHOWN_FOR, "117");
    await submitWithTeachers(
      older,
      session.browser,
      session.server,
      edition,
      applicationExample(edition, "valid-practice-application.json"),
    );
    const page = await session.openPage("desktop");
    await becomeAdministrator(page);
    const technique = sectionOf(edition, SECTION);
    const renamedField = "servedLastFiveYears";
    const oldLabel = fieldTitle(technique, renamedField);
    const newLabel = `${oldLabel}（本年度）`;
    const nextVersion = `${Number(edition.version.split(".")[0]) + 1}.1.0`;

    // 复制为新版本 with the proposed next year's version.
    await page.goto("/admin/editions");
    const row = page.getByRole("row").filter({ hasText: `${edition.key}@${edition.version}` });
    await row.getByText("开放报名").waitFor();
    await snap(page, "list");
    await row.getByRole("button", { name: "复制为新版本" }).click();
    const copyDialog = page.getByRole("dialog");
    expect(await copyDialog.getByLabel("版本号").inputValue()).toBe(nextVersion);
    await copyDialog.getByRole("button", { name: /复\s*制/ }).click();
    await page.waitForURL(`**/admin/editions/${edition.key}/${nextVersion}`);

    // Rename a label and add the optional field, shown by a rule for one candidate type only: all in the
    // visual editor of the section.
    await openFile(page, sectionFile("schema"));
    const editor = page.locator(".sb-section-editor__main");
    await page.locator(`.sb-field-row__label[title="${oldLabel}（${renamedField}）"]`).click();
    const title = editor.getByLabel("标题", { exact: true });
    await expect.poll(() => title.inputValue()).toBe(oldLabel);
    await title.fill(newLabel);
    await title.press("Enter");
    await page.locator(`.sb-field-row__label[title="${newLabel}（${renamedField}）"]`).waitFor();
    await waitSaved(page);

    await page.getByRole("button", { name: /添加字段/ }).click();
    const addDialog = page.getByRole("dialog").filter({ hasText: "添加字段" });
    await addDialog.getByLabel("字段标识").fill(NEW_FIELD);
    await addDialog.getByLabel("标题").fill(NEW_TITLE);
    await addDialog.getByRole("button", { name: /确认添加/ }).click();
    await addDialog.waitFor({ state: "hidden" });
    // The new field is selected; it is optional (no 必填 mark).
    const newFieldRow = page.locator(`.sb-field-row__label[title="${NEW_TITLE}（${NEW_FIELD}）"]`);
    expect(await newFieldRow.getAttribute("aria-current")).toBe("true");
    expect(await newFieldRow.getByLabel("必填").count()).toBe(0);
    await waitSaved(page);

    await editor.getByRole("tab", { name: /^规则/ }).click();
    await editor.getByRole("button", { name: /添加规则/ }).click();
    await editor.getByLabel("规则标识").fill("studio-practice-note");
    await choose(page, "作用的字段", `${NEW_TITLE}（${NEW_FIELD}）`);
    const condition = editor.getByRole("group", { name: "条件", exact: true });
    await condition.getByRole("button", { name: "添加条件", exact: true }).click();
    // A new condition starts on the first field the builder offers: the candidate type, 等于.
    await expect
      .poll(() => condition.locator(".rule-fields").textContent())
      .toContain(edition.candidateTypeTitle);
    await condition.locator(".rule-value").click();
    await page
      .locator(".ant-select-dropdown:visible .ant-select-item-option")
      .filter({ hasText: candidateTypeLabel(edition, SHOWN_FOR) })
      .first()
      .click();
    await editor.getByRole("button", { name: "保存规则" }).click();
    await editor.getByText("studio-practice-note", { exact: true }).waitFor();
    await waitSaved(page);
    await snap(page, "code");
    // Usable at 1024: nothing scrolls sideways.
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, "studio-code-1024.png") });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
    // The teacher-list rules open in the builder too (items counted by an item field), also at 1024; not saved.
    await openFile(page, "sections/recommenders/recommenders.schema.json");
    await editor.getByRole("tab", { name: /^规则/ }).click();
    await editor.getByText("two-recommenders", { exact: true }).click();
    const check = editor.getByRole("group", { name: "校验条件", exact: true });
    await expect.poll(() => check.getByLabel("条数").inputValue()).toBe("2");
    expect(await check.getByLabel("每条的字段").count()).toBe(1);
    await page.setViewportSize({ width: 1024, height: 1600 });
    await check.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, "studio-rule-count-1024.png") });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
    await page.setViewportSize({ width: 1280, height: 800 });

    // 从 Excel / CSV 导入 a catalog: a file with an error changes nothing and names its row; a good file
    // replaces the options (here the 2024 ones kept and one added) and the catalog file shows them.
    const catalogFile = "catalogs/healthStatus.json";
    const kept = edition.catalogs.healthStatus!.items.map((item) => `${item.value},${item.label}`);
    const csv = (rows: string[]) => ({
      name: "健康状态.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(["代码,名称", ...rows].join("\n")),
    });
    await openFile(page, catalogFile);
    const importInput = page.locator('.sb-studio-editor input[type="file"]');
    await importInput.setInputFiles(csv([...kept, "1,重复的代码"]));
    await page.getByText(`第 ${kept.length + 2} 行的代码「1」与第 2 行重复`).waitFor();
    await importInput.setInputFiles(csv([...kept, "9,其他"]));
    await page.getByText(`已导入 ${kept.length + 1} 项`).waitFor();
    await showCode(page, catalogFile);
    await expect
      .poll(() => page.getByLabel(`编辑 ${catalogFile}`).textContent())
      .toMatch(/"value": "9",\s*"label": "其他"/);
    expect(await page.getByText("重复的代码").count()).toBe(0);

    // The preview: the new field for that type only, the new label for both.
    await page.getByRole("tab", { name: "预览" }).click();
    await choose(page, "表单", technique.title);
    await choose(page, edition.candidateTypeTitle, candidateTypeLabel(edition, SHOWN_FOR));
    const previewForm = page.locator(".sb-studio-preview form.rjsf");
    await fieldItem(previewForm, NEW_TITLE).waitFor();
    await fieldItem(previewForm, newLabel).waitFor();
    await snap(page, "preview");
    await choose(page, edition.candidateTypeTitle, candidateTypeLabel(edition, OTHER_TYPE));
    await fieldItem(previewForm, newLabel).waitFor();
    expect(await fieldItem(previewForm, NEW_TITLE).count()).toBe(0);

    // 添加为示例 with blank answers, called valid: a failing example.
    await page.getByRole("button", { name: "添加为示例" }).click();
    const exampleDialog = page.getByRole("dialog").filter({ hasText: "添加为示例" });
    await exampleDialog.getByLabel("说明").fill("空白答案");
    await pickRadio(exampleDialog, /^合格/);
    await exampleDialog.getByRole("button", { name: /添\s*加/ }).click();
    await waitSaved(page);

    // 规则测试 shows it failing; 发布 is refused naming it.
    await page.getByRole("tab", { name: /规则测试/ }).click();
    await page.getByText(/1 个示例未通过/).waitFor();
    await page.getByRole("button", { name: "发布", exact: true }).click();
    await page
      .getByRole("dialog")
      .getByRole("button", { name: /发\s*布/ })
      .click();
    const refusal = page.getByRole("alert").filter({ hasText: "不能发布" });
    await refusal.waitFor();
    const added = /sections\/[^/\s]+\/examples\/valid-studio-\d+\.json/.exec(
      (await refusal.textContent()) ?? "",
    )?.[0];
    expect(added, "the refusal names the failing example").toBeDefined();
    await snap(page, "publish-refused");

    // Fix it from 规则测试: the example opens in the editor; it gets the answers of a valid example.
    await page.getByRole("tab", { name: /规则测试/ }).click();
    await page.getByRole("button", { name: added! }).click();
    await showCode(page, added!);
    const fixed = {
      description: "空白答案改为完整答案",
      candidateType: SHOWN_FOR,
      answers: sectionExample(technique, "valid-internal.json") as SectionData,
    };
    await replaceText(page, added!, JSON.stringify(fixed, null, 2));
    await waitSaved(page);
    await page.getByRole("tab", { name: /规则测试/ }).click();
    await page.getByText(/^全部 \d+ 个示例通过$/).waitFor();

    // 差异 against the version it was copied from names the renamed label.
    await page.getByRole("tab", { name: "差异" }).click();
    await page.getByRole("cell", { name: new RegExp(`${SECTION} · ${NEW_FIELD}`) }).waitFor();
    await page.getByText(`${oldLabel} → ${newLabel}`).waitFor();
    await snap(page, "diff");

    // 发布, then 开放报名.
    await page.getByRole("button", { name: "发布", exact: true }).click();
    await page
      .getByRole("dialog")
      .getByRole("button", { name: /发\s*布/ })
      .click();
    await page.waitForURL("**/admin/editions");
    const newRow = page.getByRole("row").filter({ hasText: `${edition.key}@${nextVersion}` });
    await newRow.getByText("已发布").waitFor();
    await newRow.getByRole("button", { name: "开放报名" }).click();
    await page
      .getByRole("dialog")
      .getByRole("button", { name: /开放报名/ })
      .click();
    await newRow.locator(".ant-tag").filter({ hasText: "开放报名" }).waitFor();
    await snap(page, "opened");

    // A candidate starting now gets the new version: the renamed label, and the new field for their type.
    const candidate = await startApplication(SHOWN_FOR, "115");
    await snap(candidate, "candidate-tasks");
    await openSection(candidate, technique.title);
    await fieldItem(sectionForm(candidate), NEW_TITLE).waitFor();
    await fieldItem(sectionForm(candidate), newLabel).waitFor();
    await snap(candidate, "candidate");

    // The older, submitted application still shows the form it was submitted on.
    await older.goto("/apply");
    await older.getByRole("button", { name: "查看详情" }).click();
    const submitted = older.locator(".sb-details-section").filter({ hasText: technique.title });
    await submitted.locator("dt").filter({ hasText: oldLabel }).first().waitFor();
    expect(await submitted.locator("dt").filter({ hasText: newLabel }).count()).toBe(0);
    expect(await submitted.locator("dt").filter({ hasText: NEW_TITLE }).count()).toBe(0);
    await older.screenshot({
      path: path.join(SCREENSHOT_DIR, "studio-older-submitted-1280.png"),
      fullPage: true,
    });
  }, 300_000);
});
