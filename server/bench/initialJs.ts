/**
 * Initial JavaScript of the real app: builds `renderer` (its own vite config, into a temp folder with a
 * manifest so the real dist/ is left alone) and sums the gzip size (zlib, default level) of the JS a
 * page loads before anything lazy: the entry chunk and its static imports, then per route the lazy
 * chunks of its scene (and the antd scope for antd scenes) with their static imports.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { run } from "./processes.js";

/** One page's first JavaScript: the chunk files and their total size, raw and gzipped, in bytes. */
export interface JsFigures {
  page: string;
  files: string[];
  rawBytes: number;
  gzipBytes: number;
}

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

// Route → the lazily imported modules that must arrive before it shows (see renderer/src/app/routes.tsx).
const ROUTES: { page: string; lazy: string[]; dynamicImportsOf?: string }[] = [
  { page: "entry (index.html + static imports)", lazy: [] },
  { page: "home / (+ Home scene)", lazy: ["src/scenes/Home/Home.tsx"] },
  {
    page: "section /apply/sections/:key before first paint (+ antd scope, Section scene)",
    lazy: ["src/ui/AntdScope.tsx", "src/scenes/Section/Section.tsx"],
  },
  {
    // Requested by the Section scene at once, in parallel with the page's data (issue 12).
    page: "section with its form (+ FormEngine, fetched with the data)",
    lazy: ["src/ui/AntdScope.tsx", "src/scenes/Section/Section.tsx"],
    dynamicImportsOf: "src/scenes/Section/Section.tsx",
  },
];

/** A chunk and everything it imports statically, as manifest keys. */
function staticClosure(manifest: Manifest, key: string, into = new Set<string>()): Set<string> {
  if (into.has(key)) return into;
  const chunk = manifest[key];
  if (chunk === undefined) throw new Error(`the manifest has no ${key}`);
  into.add(key);
  for (const imported of chunk.imports ?? []) staticClosure(manifest, imported, into);
  return into;
}

/** The module script and modulepreload links of the built index.html: what the browser fetches first. */
function htmlScripts(html: string): string[] {
  const script = [...html.matchAll(/<script type="module"[^>]*src="\/?([^"]+)"/g)].map((m) => m[1]!);
  const preload = [...html.matchAll(/<link rel="modulepreload"[^>]*href="\/?([^"]+)"/g)].map((m) => m[1]!);
  return [...script, ...preload];
}

/** Builds the app and measures the first JS of the entry, the home route and the section route. */
export async function measureInitialJs(repoRoot: string): Promise<JsFigures[]> {
  const outDir = mkdtempSync(path.join(os.tmpdir(), "shenbao-bench-renderer-"));
  try {
    await run(
      "npx",
      ["vite", "build", "renderer", "--outDir", outDir, "--emptyOutDir", "--manifest", "--logLevel", "error"],
      repoRoot,
    );
    const manifest = JSON.parse(readFileSync(path.join(outDir, ".vite/manifest.json"), "utf8")) as Manifest;
    const entry = Object.keys(manifest).find((key) => manifest[key]!.isEntry === true);
    if (entry === undefined) throw new Error("the manifest has no entry");
    const entryKeys = staticClosure(manifest, entry);

    // Cross-check: the HTML must load exactly the entry's static closure, or the manifest reading is wrong.
    const fromHtml = new Set(htmlScripts(readFileSync(path.join(outDir, "index.html"), "utf8")));
    const fromManifest = new Set([...entryKeys].map((key) => manifest[key]!.file));
    const same = fromHtml.size === fromManifest.size && [...fromHtml].every((file) => fromManifest.has(file));
    if (!same) throw new Error(`index.html loads ${[...fromHtml].join(", ")}, the manifest says otherwise`);

    return ROUTES.map(({ page, lazy, dynamicImportsOf }) => {
      const keys = new Set(entryKeys);
      for (const key of lazy) staticClosure(manifest, key, keys);
      const dynamic =
        dynamicImportsOf === undefined ? [] : (manifest[dynamicImportsOf]?.dynamicImports ?? []);
      for (const key of dynamic) staticClosure(manifest, key, keys);
      const files = [...keys].map((key) => manifest[key]!.file).filter((file) => file.endsWith(".js"));
      let rawBytes = 0;
      let gzipBytes = 0;
      for (const file of files) {
        const content = readFileSync(path.join(outDir, file));
        rawBytes += content.length;
        gzipBytes += gzipSync(content).length;
      }
      return { page, files, rawBytes, gzipBytes };
    });
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
