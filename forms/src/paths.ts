/**
 * Where editions live on disk, so the server and tools find `forms/editions/<key>` without guessing.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The folder holding one folder per edition (e.g. `hubei-2024`). Built with path functions rather than
 * `new URL(…, import.meta.url)`, which Vite rewrites into an http: URL when the module is bundled for a
 * browser-like test environment.
 */
export const EDITIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../editions");

/** The directory of a stored edition by its key. */
export function editionDir(key: string): string {
  return path.join(EDITIONS_DIR, key);
}
