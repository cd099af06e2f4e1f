/**
 * Where an edition's files come from: a directory on disk (the shipped editions, the CLI) or a map of
 * file path → text (an edition uploaded through the admin API or a draft kept in the store). The reader,
 * linter and publisher work on either, so an uploaded edition is checked without touching the disk.
 */
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

/** The files of an edition by path relative to its root (`sections/technique/technique.schema.json`). */
export type EditionFiles = Record<string, string>;

/** Read access to an edition's files. */
export interface EditionSource {
  /** The text of `file`, or undefined when there is no such file. */
  read(file: string): Promise<string | undefined>;
  /** The names of the entries directly inside `folder` ("" = the root), sorted, with whether each is a folder. */
  list(folder: string): Promise<{ name: string; folder: boolean }[]>;
}

/** The edition in directory `dir`. */
export function dirSource(dir: string): EditionSource {
  return {
    async read(file) {
      try {
        return await readFile(path.join(dir, file), "utf8");
      } catch {
        return undefined;
      }
    },
    async list(folder) {
      try {
        const entries = await readdir(path.join(dir, folder), { withFileTypes: true });
        return entries
          .map((entry) => ({ name: entry.name, folder: entry.isDirectory() }))
          .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      } catch {
        return [];
      }
    },
  };
}

/** An edition held in memory as `files`. */
export function filesSource(files: EditionFiles): EditionSource {
  return {
    async read(file) {
      return Object.hasOwn(files, file) ? files[file] : undefined;
    },
    async list(folder) {
      const prefix = folder === "" ? "" : `${folder}/`;
      const entries = new Map<string, boolean>();
      for (const file of Object.keys(files)) {
        if (!file.startsWith(prefix)) continue;
        const [name, ...rest] = file.slice(prefix.length).split("/");
        if (name === undefined || name === "") continue;
        entries.set(name, (entries.get(name) ?? false) || rest.length > 0);
      }
      return [...entries]
        .map(([name, isFolder]) => ({ name, folder: isFolder }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },
  };
}

/** `dir` or `source` as a source. */
export function sourceOf(from: string | EditionSource): EditionSource {
  return typeof from === "string" ? dirSource(from) : from;
}

/** Every `.json` and `.md` file of the edition in `source`, as a file map (to store or upload it). */
export async function readEditionFiles(from: string | EditionSource): Promise<EditionFiles> {
  const source = sourceOf(from);
  const files: EditionFiles = {};
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await source.list(folder)) {
      const file = folder === "" ? entry.name : `${folder}/${entry.name}`;
      if (entry.folder) await walk(file);
      else if (/\.(json|md)$/.test(entry.name)) {
        const text = await source.read(file);
        if (text !== undefined) files[file] = text;
      }
    }
  };
  await walk("");
  return files;
}

/** A path inside an edition: relative, `/`-separated, without `..`, empty or hidden segments. */
export function isEditionFilePath(file: string): boolean {
  return (
    file.length > 0 &&
    file.length <= 200 &&
    file.split("/").every((segment) => /^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/.test(segment) && segment !== "..")
  );
}

/** Writes `files` into directory `dir` (created when missing). */
export async function writeEditionFiles(dir: string, files: EditionFiles): Promise<void> {
  for (const [file, text] of Object.entries(files)) {
    if (!isEditionFilePath(file)) throw new Error(`not an edition file path: ${file}`);
    const target = path.join(dir, file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, text);
  }
}
