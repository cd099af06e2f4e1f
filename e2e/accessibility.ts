/**
 * The accessibility check of every page the browser tests visit at 375 px (issue 12): axe-core, injected
 * through playwright-core, over the WCAG 2.1 A/AA rules; serious and critical findings fail the test.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const require = createRequire(import.meta.url);
// Evaluated through the DevTools protocol, so a Content-Security-Policy without inline scripts allows it.
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

interface Finding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Serious and critical axe findings on the page as it is now, one line each ("" when none). */
export async function seriousAccessibilityFindings(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  // Colours are judged at rest: a button still fading in (antd's transitions) reads as low contrast. Finite
  // animations and transitions are awaited (bounded); endless ones such as spinners are left running.
  await page.evaluate(async () => {
    const settling = document
      .getAnimations()
      .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity)
      .map((animation) => animation.finished.catch(() => undefined));
    await Promise.race([Promise.all(settling), new Promise((resolve) => setTimeout(resolve, 3000))]);
  });
  const findings = await page.evaluate(async (tags) => {
    const axe = (globalThis as unknown as { axe: { run: (...args: unknown[]) => Promise<unknown> } }).axe;
    const result = (await axe.run(document, { runOnly: { type: "tag", values: tags } })) as {
      violations: {
        id: string;
        impact: string | null;
        help: string;
        nodes: { target: string[]; any: { data?: { fgColor?: string; bgColor?: string } | null }[] }[];
      }[];
    };
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 3).map((node) => {
        // Colour findings name the two colours, which is what one needs to fix them.
        const colours = node.any.find((check) => check.data?.fgColor !== undefined)?.data;
        const detail = colours ? ` (${colours.fgColor} on ${colours.bgColor})` : "";
        return `${node.target.join(" ")}${detail}`;
      }),
    }));
  }, TAGS);
  return (findings as Finding[])
    .filter((finding) => finding.impact === "serious" || finding.impact === "critical")
    .map((finding) => `${finding.id} (${finding.impact}): ${finding.help} — ${finding.targets.join(", ")}`);
}
