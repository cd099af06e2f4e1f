/**
 * Where editions live on disk, so the server and tools find `forms/editions/<key>` without guessing.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The folder holding one folder per edition (named after its key). Built with path functions rather than
 * `new URL(…, import.meta.url)`, which Vite rewrites into an http: URL when the module is bundled for a
 * browser-like test environment.
 */
export const EDITIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../editions");

/** The directory of a stored edition by its key. */
export function editionDir(key: string): string {
  return path.join(EDITIONS_DIR, key);
}

/** Every edition shipped in `EDITIONS_DIR` (one folder with a manifest.json each), in name order. */
export function shippedEditionDirs(): string[] {
  return readdirSync(EDITIONS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(EDITIONS_DIR, entry.name))
    .filter((dir) => readdirSync(dir).includes("manifest.json"))
    .sort();
}
