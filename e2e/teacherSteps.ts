/**
 * The teacher's side of issue 5, as a teacher on a phone takes it: the invitation link opened in a fresh
 * 375×667 touch context, 阅读须知, 身份核验 (last six digits + the code the outbox sender wrote for the
 * registry phone), the candidate's summary, 推荐承诺书, the evaluation form, the signature pad, 提交 and the
 * done page. Labels come from the edition's evaluation form and texts, or are the teacher pages' own words.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import type { Edition, FormDefinition, JsonSchema } from "@shenbao/rules";
import { seriousAccessibilityFindings } from "./accessibility.js";
import { readOutbox } from "../server/test/outbox.js";
import { PAGE_TIMEOUT } from "./candidateSteps.js";
import { PHONE, SCREENSHOT_DIR, SCREENSHOT_OPTIONS, newContext } from "./harness.js";
import { fillText, pickRadio, sectionForm } from "./widgets.js";

/** The teacher pages' own words (step names): the platform's, and the edition's summary title. */
export function teacherWords(
  edition: Edition,
): Record<"verifyTitle" | "summaryTitle" | "evaluationTitle" | "doneTitle", string> {
  const summaryTitle = edition.texts?.["teacher.summaryTitle"];
  if (summaryTitle === undefined) throw new Error(`edition ${edition.key} has no teacher.summaryTitle text`);
  return { verifyTitle: "身份核验", summaryTitle, evaluationTitle: "评价和意见", doneTitle: "已完成" };
}

/** A teacher as the test knows them: registry name, ID number and phone (the demo registry's). */
export interface TeacherPerson {
  name: string;
  idNumber: string;
  phone: string;
}

/** The evaluation form of the edition (manifest `forms`). */
function evaluationForm(edition: Edition): FormDefinition {
  const form = edition.forms.find((candidate) => candidate.key === edition.bindings?.evaluation?.form);
  if (form === undefined) throw new Error(`edition ${edition.key} has no evaluation form`);
  return form;
}

function property(form: FormDefinition, name: string): JsonSchema {
  const node = (form.schema.properties as Record<string, JsonSchema> | undefined)?.[name];
  if (node === undefined) throw new Error(`evaluation form has no field ${name}`);
  return node;
}

/** The answers of an evaluation example (`valid-agree.json`). */
function evaluationExample(form: FormDefinition, fileName: string): Record<string, unknown> {
  const example = form.examples.find((candidate) => candidate.file.endsWith(`/${fileName}`));
  const answers = (example?.data as { answers?: Record<string, unknown> } | undefined)?.answers;
  if (answers === undefined) throw new Error(`evaluation form has no example ${fileName}`);
  return answers;
}

/** The code of the latest 身份核验 SMS to `phone` after `since` (outbox line count), polled briefly. */
async function teacherCode(dataDir: string, phone: string, since: number): Promise<string> {
  const deadline = Date.now() + PAGE_TIMEOUT;
  for (;;) {
    const line = readOutbox(dataDir)
      .slice(since)
      .filter((message) => message.to === phone && message.template === "invitationCode")
      .at(-1);
    const code = line && /(\d{6})/.exec(line.text)?.[1];
    if (code) return code;
    if (Date.now() > deadline) throw new Error(`no invitation code was sent to ${phone}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Every teacher page passes axe at 375 px (#12); one teacher's pages are also kept as screenshots. `keep`
 * "none" skips both (a journey about something else, whose teacher pages the teacher journey checks).
 */
async function snap(page: Page, step: string, keep: boolean | "none"): Promise<void> {
  if (keep === "none") return;
  const findings = await seriousAccessibilityFindings(page);
  if (findings.length > 0) throw new Error(`teacher ${step} at 375: ${findings.join(" | ")}`);
  if (!keep) return;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({
    path: path.join(SCREENSHOT_DIR, `teacher-${step}.png`),
    ...SCREENSHOT_OPTIONS,
  });
}

/** Draws a short zig-zag across the middle of the signature canvas with the mouse. */
async function drawSignature(page: Page): Promise<void> {
  const canvas = page.getByLabel("签名区域");
  await canvas.waitFor();
  const box = await canvas.boundingBox();
  if (box === null) throw new Error("signature canvas has no box");
  const x0 = box.x + box.width * 0.2;
  const y0 = box.y + box.height * 0.5;
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) {
    await page.mouse.move(x0 + (box.width * 0.6 * i) / 12, y0 + (i % 2 === 0 ? -1 : 1) * box.height * 0.15, {
      steps: 3,
    });
  }
  await page.mouse.up();
}

/**
 * Opens `link` in a new phone context and walks every step to 「已完成」. Screenshots go to
 * `test-results/screenshots/teacher-<step>.png` when `screenshots` is set (one teacher is enough); "none"
 * skips the screenshots and the axe checks of every step.
 */
export async function teacherSigns(
  browser: Browser,
  baseURL: string,
  dataDir: string,
  edition: Edition,
  link: string,
  teacher: TeacherPerson,
  screenshots: boolean | "none",
): Promise<void> {
  const context = await newContext(browser, baseURL, "phone");
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(PAGE_TIMEOUT);
    if (JSON.stringify(page.viewportSize()) !== JSON.stringify(PHONE)) throw new Error("not a 375×667 phone");
    const form = evaluationForm(edition);
    const url = new URL(link);
    await page.goto(url.pathname + url.search + url.hash);

    // 阅读须知: tick the edition's acknowledgement, then 下一步.
    const notice = property(form, "noticeRead");
    await page.getByRole("checkbox", { name: String(notice.title) }).waitFor();
    await snap(page, "notice", screenshots);
    await page.getByRole("checkbox", { name: String(notice.title) }).check();
    await page.getByRole("button", { name: "下一步" }).click();

    // 身份核验: last six digits and the code sent to the registry phone.
    const verify = page.getByRole("region", { name: teacherWords(edition).verifyTitle });
    await verify.waitFor();
    await verify.getByLabel("身份证号码后六位").fill(teacher.idNumber.slice(-6));
    const since = readOutbox(dataDir).length;
    await verify.getByRole("button", { name: "获取验证码" }).click();
    await verify.getByRole("status").filter({ hasText: "验证码已发送" }).waitFor();
    await verify.getByLabel("短信验证码").fill(await teacherCode(dataDir, teacher.phone, since));
    await snap(page, "verify", screenshots);
    await page.getByRole("button", { name: "核验" }).click();

    // The candidate's declaration, read only.
    const summary = page.getByRole("region", { name: teacherWords(edition).summaryTitle });
    await summary.getByRole("button", { name: "已阅读，下一步" }).waitFor();
    await snap(page, "summary", screenshots);
    await summary.getByRole("button", { name: "已阅读，下一步" }).click();

    // 推荐承诺书.
    const commitment = property(form, "commitment");
    await page.getByRole("checkbox", { name: String(commitment.title) }).check();
    await snap(page, "commitment", screenshots);
    await page.getByRole("button", { name: "下一步" }).click();

    // Evaluation and opinion: the edition's example answers, typed into its form.
    const answers = evaluationExample(form, "valid-agree.json");
    const opinion = property(form, "opinion");
    const opinionTitle = (opinion.oneOf as JsonSchema[]).find(
      (option) => option.const === answers.opinion,
    )?.title;
    const evaluationRegion = page.getByRole("region", { name: teacherWords(edition).evaluationTitle });
    await sectionForm(page).waitFor();
    await fillText(sectionForm(page), String(property(form, "evaluation").title), String(answers.evaluation));
    await pickRadio(sectionForm(page), String(opinion.title), String(opinionTitle));
    await snap(page, "evaluation", screenshots);
    await evaluationRegion.getByRole("button", { name: "保存", exact: true }).click();

    // Signature: the pad asks for landscape on an upright phone; the escape signs in portrait.
    const signatureTitle = String(property(form, "signature").title);
    const signature = page.getByRole("region", { name: signatureTitle });
    await signature.getByRole("button", { name: "开始签名" }).click();
    const pad = page.getByRole("dialog", { name: "手写签名" });
    await pad.getByRole("button", { name: "无法横屏，继续签名" }).waitFor();
    await snap(page, "signature-rotate", screenshots);
    await pad.getByRole("button", { name: "无法横屏，继续签名" }).click();
    await drawSignature(page);
    await snap(page, "signature-pad", screenshots);
    await pad.getByRole("button", { name: "确认" }).click();
    await signature.getByRole("img", { name: "签名" }).waitFor();
    await snap(page, "signature", screenshots);
    await signature.getByRole("button", { name: "提交" }).click();

    await page
      .locator(".ant-result-title")
      .filter({ hasText: teacherWords(edition).doneTitle })
      .waitFor();
    await page.getByText(`${teacher.name}，`).waitFor();
    await snap(page, "done", screenshots);
  } finally {
    await context.close();
  }
}
