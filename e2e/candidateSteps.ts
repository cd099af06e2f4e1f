/**
 * The steps every candidate journey shares, as a candidate takes them: sign in with a code read from the
 * outbox, 实名认证, starting the application, opening a section from the task list. Plus the evidence
 * kept for CI: screenshots at both screen sizes and the no-sideways-scroll check on phones.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { seriousAccessibilityFindings } from "./accessibility.js";
import { lastSignInCode } from "../server/test/outbox.js";
import { buildPng } from "../server/test/filesFactories.js";
import { DESKTOP, PHONE, SCREENSHOT_DIR, SCREENSHOT_OPTIONS } from "./harness.js";

/** Bounded wait for a page or a server round trip. */
export const PAGE_TIMEOUT = 15_000;

let phoneCounter = 0;

/** A phone number no other test of this run uses (138 + pid + counter, 11 digits). */
export function uniquePhone(): string {
  phoneCounter += 1;
  return `138${String(process.pid % 10_000).padStart(4, "0")}${String(phoneCounter).padStart(4, "0")}`;
}

async function codeFromOutbox(dataDir: string, phone: string): Promise<string> {
  const deadline = Date.now() + PAGE_TIMEOUT;
  for (;;) {
    try {
      return lastSignInCode(dataDir, phone);
    } catch (error) {
      // The line is written before the server answers; this only covers a slow disk.
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/**
 * On the sign-in page: types the phone, presses 获取验证码, reads the code the outbox sender wrote (as an
 * operator would), types it and presses 登录.
 */
export async function signInWithCode(page: Page, dataDir: string, phone: string): Promise<void> {
  await page.getByLabel("手机号", { exact: true }).fill(phone);
  await page.getByRole("button", { name: "获取验证码" }).click();
  await page.getByRole("status").filter({ hasText: "验证码已发送" }).waitFor({ timeout: PAGE_TIMEOUT });
  await page.getByLabel("验证码", { exact: true }).fill(await codeFromOutbox(dataDir, phone));
  await page.getByRole("button", { name: "登录", exact: true }).click();
}

/** Walks the 实名认证 wizard's first two steps with 身份证（自动核验）: method, then name and number. */
export async function enterIdentity(page: Page, name: string, idNumber: string): Promise<void> {
  await page.getByRole("radio", { name: /^身份证（自动核验）/ }).check();
  await page.getByRole("button", { name: "下一步" }).click();
  await page.getByLabel("真实名字").fill(name);
  await page.getByLabel("身份证号码").fill(idNumber);
}

/** Third step: both sides of the card from the album (PNG), waits for both uploads, then 提交认证. */
export async function uploadIdPhotosAndSubmit(page: Page): Promise<void> {
  await page.getByRole("button", { name: "下一步" }).click();
  const photo = { mimeType: "image/png", buffer: buildPng(64, 40) };
  await page.getByLabel("从相册选择身份证人像面").setInputFiles({ name: "front.png", ...photo });
  await page.getByLabel("从相册选择身份证国徽面").setInputFiles({ name: "back.png", ...photo });
  await page.getByText("已上传，请检查照片是否清晰完整").nth(1).waitFor({ timeout: PAGE_TIMEOUT });
  await page.getByRole("button", { name: "提交认证" }).click();
}

/** The result heading of the 实名认证 page (「认证成功」 / 「待认证」). */
export function identityResult(page: Page, title: string): Locator {
  return page.locator(".ant-result-title").filter({ hasText: title });
}

/** The status button of a task-list row, by the section title; its accessible name ends with the status. */
export function taskButton(page: Page, sectionTitle: string): Locator {
  return page.locator(".sb-task").filter({ hasText: sectionTitle }).getByRole("button");
}

/** From the task list: opens a section by its row button and waits for its form. */
export async function openSection(page: Page, sectionTitle: string): Promise<void> {
  await taskButton(page, sectionTitle).click();
  await page
    .getByRole("heading", { level: 1 })
    .filter({ hasText: sectionTitle })
    .waitFor({ timeout: PAGE_TIMEOUT });
  await page.locator("form.rjsf").waitFor({ timeout: PAGE_TIMEOUT });
}

/** From a section page back to the task list by 返回任务列表. */
export async function backToTaskList(page: Page): Promise<void> {
  await page.getByRole("link", { name: "返回任务列表" }).click();
  await page.locator(".sb-tasks").first().waitFor({ timeout: PAGE_TIMEOUT });
}

/**
 * What scrolls sideways on a 375 px page: the document's width beyond 375 (measured as
 * `scrollWidth`, since a mobile viewport widens `innerWidth` to fit wide content), and the outermost
 * elements reaching past that edge (tag.class, a few), so a failure says where to look.
 */
export async function horizontalOverflow(page: Page): Promise<{ overflow: number; culprits: string[] }> {
  return page.evaluate((width) => {
    const culprits: string[] = [];
    for (const element of Array.from(document.body.querySelectorAll("*"))) {
      const box = element.getBoundingClientRect();
      const parentBox = element.parentElement?.getBoundingClientRect();
      if (box.width === 0 || box.right <= width + 1 || (parentBox && parentBox.right > width + 1)) continue;
      culprits.push(
        `${element.tagName.toLowerCase()}.${String(element.className).split(" ").slice(0, 3).join(".")} → ${Math.round(box.right)}px`,
      );
      if (culprits.length >= 5) break;
    }
    return { overflow: document.documentElement.scrollWidth - width, culprits };
  }, PHONE.width);
}

async function settle(page: Page): Promise<void> {
  // From the top, so sticky bars sit where a visitor first sees them; then two animation frames, so the
  // resize has been laid out and painted.
  await page.evaluate(
    () =>
      new Promise((resolve) => {
        window.scrollTo(0, 0);
        requestAnimationFrame(() => requestAnimationFrame(resolve));
      }),
  );
}

/**
 * Full-page screenshots of the current page at 375 and at 1280 wide into
 * `test-results/screenshots/<journey>-<step>-<width>.png`, returning to the context's own size after.
 * Returns what scrolls sideways at 375 and axe's serious / critical findings there, for the caller to assert on.
 */
export async function snapBothSizes(
  page: Page,
  journey: string,
  step: string,
): Promise<{ overflow: number; culprits: string[]; accessibility: string[] }> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const own = page.viewportSize() ?? DESKTOP;
  let overflowAtPhone = { overflow: 0, culprits: [] as string[], accessibility: [] as string[] };
  for (const size of own.width === PHONE.width ? [PHONE, DESKTOP] : [DESKTOP, PHONE]) {
    if (page.viewportSize()?.width !== size.width) await page.setViewportSize(size);
    await settle(page);
    if (size.width === PHONE.width)
      overflowAtPhone = {
        ...(await horizontalOverflow(page)),
        accessibility: await seriousAccessibilityFindings(page),
      };
    await page.screenshot({
      path: path.join(SCREENSHOT_DIR, `${journey}-${step}-${size.width}.png`),
      ...SCREENSHOT_OPTIONS,
    });
  }
  if (page.viewportSize()?.width !== own.width) {
    await page.setViewportSize(own);
    await settle(page);
  }
  return overflowAtPhone;
}

/**
 * Saves a section's data through the API with the page's own session, as the FormEngine would. Only for
 * data the UI cannot produce (fewer 病案 than the five slots it always draws); returns the HTTP status.
 */
export async function saveSectionThroughApi(page: Page, key: string, data: unknown): Promise<number> {
  return page.evaluate(
    async ({ key, data }) => {
      const json = { Accept: "application/json", "Content-Type": "application/json" };
      const mine = (await (await fetch("/api/applications/mine", { headers: json })).json()) as {
        items: { id: string }[];
      };
      const id = mine.items[0]?.id ?? "";
      const url = `/api/applications/${encodeURIComponent(id)}/sections/${encodeURIComponent(key)}`;
      const section = (await (await fetch(url, { headers: json })).json()) as { rev: number };
      const saved = await fetch(url, {
        method: "PUT",
        headers: json,
        body: JSON.stringify({ rev: section.rev, data }),
      });
      return saved.status;
    },
    { key, data },
  );
}
