/**
 * Where editions live on disk, so the server and tools find `forms/editions/<key>` without guessing.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The folder holding one folder per edition (e.g. `hubei-2024`). */
export const EDITIONS_DIR = fileURLToPath(new URL("../editions/", import.meta.url));

/** The directory of a stored edition by its key. */
export function editionDir(key: string): string {
  return path.join(EDITIONS_DIR, key);
}
