/**
 * Driving the FormEngine's antd widgets the way a candidate does: find the field by the label they read
 * (the edition's title), then click, type and choose. Every helper takes a scope (the form, or one item of
 * a list such as the third 病案) so repeated labels resolve to the right field.
 */
import type { Locator, Page } from "playwright-core";

/** Bounded wait for anything a widget does after a click (dropdowns, uploads, re-rendered branches). */
export const WIDGET_TIMEOUT = 10_000;

function exactly(text: string): RegExp {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*$`);
}

/** The form of a section page (there is one per page). */
export function sectionForm(page: Page): Locator {
  return page.locator("form.rjsf");
}

/**
 * The field row labelled `title` within `scope`. Field labels are the rows' labels; list and group
 * headings (same words, legends) are not fields and are skipped.
 */
export function fieldItem(scope: Locator, title: string): Locator {
  const label = scope.locator("label.sb-form-label").filter({ hasText: exactly(title) });
  return label.locator(
    "xpath=ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' sb-form-item ')][1]",
  );
}

/** An entry title of a list: the item title and its number in Chinese numerals (e.g. the item title + 三). */
function numbered(itemTitle: string): RegExp {
  return new RegExp(`^\\s*${itemTitle.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}[一二三四五六七八九十]+\\s*$`);
}

/** The list (array field) headed `title` within `scope`. */
export function listField(scope: Locator, title: string): Locator {
  return scope
    .locator("fieldset.rjsf-field-array")
    .filter({
      has: scope
        .page()
        .locator("legend")
        .filter({ hasText: exactly(title) }),
    })
    .first();
}

/** The `index`-th entry of the list headed `listTitle` whose entries are headed `itemTitle` (e.g. the 3rd 病案). */
export function listItem(scope: Locator, listTitle: string, itemTitle: string, index: number): Locator {
  return listField(scope, listTitle)
    .locator("fieldset:not(.rjsf-field-array)")
    .filter({
      has: scope
        .page()
        .locator("legend")
        .filter({ hasText: numbered(itemTitle) }),
    })
    .nth(index);
}

/**
 * Scrolls `target` to the middle of the screen before a popup opens from it: near an edge of a 375×667
 * phone screen antd flips the calendar or list past that edge, and the scroll that brings the wanted cell
 * into view then moves the popup under the pointer (a pick of the 1st landed on the 8th).
 */
async function centre(target: Locator): Promise<void> {
  await target.evaluate((element) => element.scrollIntoView({ block: "center", inline: "nearest" }));
}

/** Types into the text box, text area or number box labelled `title`, replacing what was there. */
export async function fillText(scope: Locator, title: string, value: string): Promise<void> {
  const box = fieldItem(scope, title).locator("input:not([type=file]):not([type=radio]), textarea").first();
  await box.fill(value);
  // Blur, as a user moving on does: FormEngine checks a field on blur.
  await box.blur();
}

/** Chooses the radio option `optionText` of the field labelled `title`. */
export async function pickRadio(scope: Locator, title: string, optionText: string): Promise<void> {
  const option = fieldItem(scope, title)
    .locator("label.ant-radio-wrapper")
    .filter({ hasText: exactly(optionText) });
  await option.click();
  await option.locator("input").waitFor({ state: "attached", timeout: WIDGET_TIMEOUT });
  if (!(await option.locator("input").isChecked()))
    throw new Error(`radio ${title} / ${optionText} not checked`);
}

/** Opens the select labelled `title`, types `optionText` into its search and clicks that option. */
export async function pickSelect(scope: Locator, title: string, optionText: string): Promise<void> {
  const page = scope.page();
  const item = fieldItem(scope, title);
  await centre(item.locator(".ant-select"));
  await item.locator(".ant-select").click();
  await item.locator(".ant-select input").fill(optionText);
  const option = page
    .locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option")
    .filter({ hasText: exactly(optionText) })
    .first();
  await option.click({ timeout: WIDGET_TIMEOUT });
  await item.locator(".ant-select").filter({ hasText: optionText }).waitFor({ timeout: WIDGET_TIMEOUT });
}

/** Opens the cascader labelled `title` and clicks down the levels (`["湖北省", "武汉市", "江岸区"]`). */
export async function pickCascader(scope: Locator, title: string, labels: string[]): Promise<void> {
  const page = scope.page();
  const item = fieldItem(scope, title);
  await item.locator(".ant-cascader, .ant-select").first().click();
  const menus = page.locator(".ant-cascader-dropdown:not(.ant-select-dropdown-hidden) .ant-cascader-menu");
  for (const [level, label] of labels.entries()) {
    await menus
      .nth(level)
      .locator(".ant-cascader-menu-item")
      .filter({ hasText: exactly(label) })
      .click({ timeout: WIDGET_TIMEOUT });
  }
  await item.filter({ hasText: labels.at(-1) ?? "" }).waitFor({ timeout: WIDGET_TIMEOUT });
}

/**
 * On a phone the open calendar must lie whole on the screen, between the header and the action bar
 * (pickerRoom.ts scrolls its box up first): days under the bar could not be tapped.
 */
async function calendarOnScreen(page: Page): Promise<void> {
  const viewport = page.viewportSize();
  if (viewport === null || viewport.width >= 576) return;
  // The calendar of the box picked before may still be fading out: wait until this one is the only one.
  const open = ".ant-picker-dropdown:not(.ant-picker-dropdown-hidden)";
  await page.waitForFunction((selector) => document.querySelectorAll(selector).length === 1, open, {
    timeout: WIDGET_TIMEOUT,
  });
  // Measured once its opening animation is over (rc-motion's appear / enter classes are gone).
  await page.waitForFunction(
    (selector) => !/-(appear|enter)\b/.test(document.querySelector(selector)?.className ?? "x-appear"),
    open,
    { timeout: WIDGET_TIMEOUT },
  );
  const calendar = page.locator(`${open} .ant-picker-panel-container`);
  const box = await calendar.boundingBox();
  const barTop = await page.evaluate(
    () => document.querySelector(".sb-actionbar")?.getBoundingClientRect().top ?? window.innerHeight,
  );
  if (box === null || box.y < 0 || box.y + box.height > Math.min(barTop, viewport.height) + 1)
    throw new Error(
      `the calendar is not whole on the screen: ${JSON.stringify(box)}, action bar at ${barTop}`,
    );
}

/** Clicks the day `isoDate` in the open calendar (the month a typed date turned it to). */
async function clickDay(page: Page, isoDate: string): Promise<void> {
  await page
    .locator(
      `.ant-picker-dropdown:not(.ant-picker-dropdown-hidden) td.ant-picker-cell-in-view[title="${isoDate}"]`,
    )
    // Two months are drawn side by side in a range; take the first showing that day.
    .first()
    .click({ timeout: WIDGET_TIMEOUT });
}

/**
 * Chooses an ISO date (`2019-06-30`) in the date picker labelled `title`: types it, which turns the calendar
 * to that month, then clicks the day, as most users do.
 */
export async function pickDate(scope: Locator, title: string, isoDate: string): Promise<void> {
  const input = fieldItem(scope, title).locator(".ant-picker input");
  await centre(input);
  await input.click();
  await calendarOnScreen(scope.page());
  await input.fill(isoDate);
  await clickDay(scope.page(), isoDate);
  await waitForValue(input, isoDate);
}

/**
 * Chooses both ends of the date range labelled `title`, once: a pick that does not stick is a bug, not a
 * flake. Wide screens get antd's RangePicker (type the start, click its day; the picker moves on to the end
 * box); on a phone the field is two stacked single pickers (start / end), each picked like a date.
 */
export async function pickDateRange(
  scope: Locator,
  title: string,
  start: string,
  end: string,
): Promise<void> {
  const page = scope.page();
  const item = fieldItem(scope, title);
  const inputs = item.locator(".ant-picker input");
  const [from, to] = [inputs.nth(0), inputs.nth(1)];
  if ((await item.locator(".ant-picker-range").count()) === 0) {
    for (const [input, date] of [
      [from, start],
      [to, end],
    ] as const) {
      await centre(input);
      await input.click();
      await calendarOnScreen(page);
      await input.fill(date);
      await clickDay(page, date);
      await waitForValue(input, date);
    }
    await waitForValue(from, start);
    return;
  }
  await centre(from);
  await from.click();
  await from.fill(start);
  await clickDay(page, start);
  await waitForValue(from, start);
  // The picker moves the focus to the end box itself; clicking that box again would clear the start.
  await page.waitForFunction((element) => element === document.activeElement, await to.elementHandle(), {
    timeout: WIDGET_TIMEOUT,
  });
  await to.fill(end);
  await clickDay(page, end);
  await waitForValue(from, start);
  await waitForValue(to, end);
}

async function waitForValue(input: Locator, value: string, timeout = WIDGET_TIMEOUT): Promise<void> {
  const handle = await input.elementHandle({ timeout: WIDGET_TIMEOUT });
  try {
    await input
      .page()
      .waitForFunction(
        ({ element, expected }) => (element as unknown as { value: string }).value === expected,
        { element: handle, expected: value },
        { timeout },
      );
  } catch (error) {
    const id = await input.getAttribute("id");
    throw new Error(`date box ${id} shows 「${await input.inputValue()}」, not ${value}`, { cause: error });
  }
}

/** A file as a browser's file chooser hands it over. */
export interface UploadFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/**
 * Chooses `files` for the attachment field labelled `title` (its 上传文件 button's file input) and waits
 * until each is listed as uploaded.
 */
export async function uploadFiles(scope: Locator, title: string, files: UploadFile[]): Promise<void> {
  const item = fieldItem(scope, title);
  const listed = item.locator(".sb-attachment-list > li");
  const before = await listed.count();
  await item.locator("input[type=file]").setInputFiles(files);
  await listed.nth(before + files.length - 1).waitFor({ timeout: WIDGET_TIMEOUT });
  // Uploads in flight are listed too, with a progress bar; wait until every one has become a file.
  await item
    .locator(".sb-attachment-progress")
    .first()
    .waitFor({ state: "detached", timeout: WIDGET_TIMEOUT });
  const problems = await item.locator("[role=alert]").allTextContents();
  if (problems.length > 0) throw new Error(`upload to ${title} failed: ${problems.join("; ")}`);
}
