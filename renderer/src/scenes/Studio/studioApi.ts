/** Calls of the form studio (issue 9): the administrators' edition lifecycle and a draft's endpoints. */
import {
  NEEDS_PRECOMPILED_VALIDATORS,
  STANDALONE_RUNTIME,
  installValidators,
  type Edition,
  type ValidatorsModule,
} from "@shenbao/rules";
import type { EditionChange } from "@shenbao/forms/browser";
import { request } from "../../api/apiClient.js";
import { uploadFile } from "../../api/upload.js";
import type { EditionVersionView } from "@shenbao/server";

/** An edition's files: relative path → text. */
export type EditionFiles = Record<string, string>;

/** One stored version as the list shows it (the server presents it). */
export type EditionVersion = EditionVersionView;

/** One linter finding: the file, a JSON Pointer inside it ("" = the whole file), a message. */
export interface LintFinding {
  file: string;
  pointer: string;
  message: string;
}

const enc = encodeURIComponent;
const base = (key: string, version: string) => `/api/admin/editions/${enc(key)}/${enc(version)}`;

export const studioApi = {
  list: () => request<{ items: EditionVersion[] }>("GET", "/api/admin/editions"),
  copy: (from: { key: string; version: string }, to: { key?: string; version?: string; title?: string }) =>
    request<{ edition: EditionVersion }>("POST", `${base(from.key, from.version)}/copy`, { body: to }),
  open: (key: string, version: string, opensAt: string | null, closesAt: string | null) =>
    request<{ edition: EditionVersion }>("PUT", "/api/admin/editions/open", {
      body: { key, version, opensAt, closesAt },
    }),
  files: (key: string, version: string) =>
    request<{ rev: number; status: EditionVersion["status"]; files: EditionFiles }>(
      "GET",
      `${base(key, version)}/files`,
    ),
  /** Saves the files that changed (null removes one) on top of revision `rev`. */
  save: (key: string, version: string, rev: number, changes: Record<string, string | null>) =>
    request<{ rev: number; loads: boolean }>("PATCH", `${base(key, version)}/files`, {
      body: { rev, changes },
    }),
  lint: (key: string, version: string) =>
    request<{ rev: number; problems: LintFinding[] }>("GET", `${base(key, version)}/lint`),
  edition: (key: string, version: string, rev: number) =>
    request<{ rev: number; edition: Edition }>("GET", `${base(key, version)}/edition?rev=${rev}`),
  diff: (key: string, version: string, against: string) =>
    request<{ from: string; to: string; changes: EditionChange[] }>(
      "GET",
      `${base(key, version)}/diff?against=${enc(against)}`,
    ),
  publish: (key: string, version: string, rev: number) =>
    request<{ outcome: string; edition: EditionVersion }>("POST", `${base(key, version)}/publish`, {
      body: { rev },
    }),
  importCatalog: (
    key: string,
    version: string,
    rev: number,
    catalog: string,
    file: Blob,
    name: string,
    onProgress: (percent: number) => void,
  ) =>
    uploadFile<{ rev: number; items: number }>(
      `${base(key, version)}/catalogs/${enc(catalog)}/import?rev=${rev}`,
      file,
      name,
      onProgress,
    ),
};

/**
 * The draft's edition at `rev` with its server-generated validators installed (the page runs without
 * `unsafe-eval`), so the preview and the rule tests check answers in the browser without a server call.
 */
export async function loadDraftEdition(key: string, version: string, rev: number): Promise<Edition> {
  const [{ edition }, validators] = await Promise.all([
    studioApi.edition(key, version, rev),
    NEEDS_PRECOMPILED_VALIDATORS
      ? (import(
          /* @vite-ignore */ `${base(key, version)}/validators.js?rev=${rev}`
        ) as Promise<ValidatorsModule>)
      : Promise.resolve(undefined),
  ]);
  if (validators !== undefined) installValidators(edition, validators.default(STANDALONE_RUNTIME));
  return edition;
}
