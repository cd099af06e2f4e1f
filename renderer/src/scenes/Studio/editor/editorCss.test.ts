// The visual editor is rendered inside the studio page's 字段 tab: its stylesheet must not restyle the page's
// own classes (it once set `.sb-studio-editor`, the tab's editing area, to min-width 960px, so the studio
// scrolled sideways at 1024). Layout itself is measured by e2e/formStudio.e2e.test.ts at 1024.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const classesOf = (file: string) =>
  new Set(
    [...readFileSync(new URL(file, import.meta.url), "utf8").matchAll(/\.(sb-[\w-]+)/g)].map((m) => m[1]),
  );

describe("editor.css", () => {
  it("styles only classes the studio page's stylesheet does not own", () => {
    const page = classesOf("../studio.css");
    const shared = [...classesOf("./editor.css")].filter((name) => page.has(name));
    expect(shared).toEqual([]);
  });

  it("sets no fixed minimum width wider than the 字段 tab has at 1024", () => {
    const css = readFileSync(new URL("./editor.css", import.meta.url), "utf8");
    const widths = [...css.matchAll(/min-width:\s*(\d+)px/g)].map((m) => Number(m[1]));
    expect(widths.filter((width) => width > 600)).toEqual([]);
  });
});
