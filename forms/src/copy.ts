/**
 * 「复制为新版本」 (FORM-2): next year's edition starts as a copy of this year's files with a new key or
 * version. A new key (a 2024 key → a 2025 key) starts at `<year>.1.0` and moves the title's year with it; the
 * same key gets the next minor version (2024.1.0 → 2024.2.0), since its applications migrate between versions.
 */
import type { EditionFiles } from "./source.js";

/** What the copy becomes; omitted parts are derived from the source manifest. */
export interface CopyTarget {
  key?: string;
  version?: string;
  title?: string;
}

/** Thrown when the source has no readable manifest or the target is not a valid key / version. */
export class EditionCopyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EditionCopyError";
  }
}

const KEY = /^[a-z0-9][a-z0-9-]{0,63}$/;
const VERSION = /^(\d+)\.(\d+)\.(\d+)$/;

/** The year written in a key (`<province>-2024` → 2024), if any. */
function yearOf(key: string): number | undefined {
  const match = /(?:^|\D)(\d{4})(?:\D|$)/.exec(key);
  return match ? Number(match[1]) : undefined;
}

/** The manifest's key, version and title after copying `manifest` to `target`. */
export function copiedIdentity(
  manifest: { key: string; version: string; title: string },
  target: CopyTarget,
): { key: string; version: string; title: string } {
  const key = target.key ?? manifest.key;
  if (!KEY.test(key)) throw new EditionCopyError(`"${key}" is not a valid edition key`);
  const fromYear = yearOf(manifest.key);
  const toYear = yearOf(key);
  let version = target.version;
  if (version === undefined) {
    const parts = VERSION.exec(manifest.version);
    if (key !== manifest.key) version = `${toYear ?? (parts ? Number(parts[1]) + 1 : 1)}.1.0`;
    else if (parts) version = `${parts[1]}.${Number(parts[2]) + 1}.0`;
    else throw new EditionCopyError(`the source version "${manifest.version}" is not major.minor.patch`);
  }
  if (!VERSION.test(version)) throw new EditionCopyError(`"${version}" is not a version like 2025.1.0`);
  const title =
    target.title ??
    (fromYear !== undefined && toYear !== undefined && fromYear !== toYear
      ? manifest.title.replaceAll(String(fromYear), String(toYear))
      : manifest.title);
  return { key, version, title };
}

/** A copy of the edition `files` with the manifest's key, version and title changed to `target`. */
export function copyEditionFiles(files: EditionFiles, target: CopyTarget): EditionFiles {
  const text = files["manifest.json"];
  if (text === undefined) throw new EditionCopyError("the edition has no manifest.json");
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new EditionCopyError(`manifest.json is not JSON: ${(error as Error).message}`);
  }
  const { key, version, title } = manifest;
  if (typeof key !== "string" || typeof version !== "string" || typeof title !== "string")
    throw new EditionCopyError("manifest.json needs key, version and title");
  const next = copiedIdentity({ key, version, title }, target);
  return {
    ...files,
    "manifest.json": `${JSON.stringify({ ...manifest, ...next }, null, 2)}\n`,
  };
}
