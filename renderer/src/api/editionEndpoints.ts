/**
 * Published editions (FORM-5) and their generated schema validators. Apart from endpoints.ts so the
 * light scenes (home, sign-in) never load the rules package with their API calls.
 */
import {
  hasInstalledValidators,
  installValidators,
  NEEDS_PRECOMPILED_VALIDATORS,
  STANDALONE_RUNTIME,
  type Edition,
  type FormValidators,
  type ValidatorsModule,
} from "@shenbao/rules";
import { request } from "./apiClient.js";

const json = encodeURIComponent;

const editions = new Map<string, Promise<Edition>>();

/**
 * The schema validators the server generated for an edition version (issue 12): the browser build of
 * @shenbao/rules cannot compile schemas, as pages run without `unsafe-eval`. Undefined where not needed.
 */
async function loadValidators(key: string, version: string): Promise<FormValidators | undefined> {
  if (!NEEDS_PRECOMPILED_VALIDATORS || hasInstalledValidators({ key, version })) return undefined;
  const url = `/api/editions/${json(key)}/${json(version)}/validators.js`;
  const module = (await import(/* @vite-ignore */ url)) as ValidatorsModule;
  return module.default(STANDALONE_RUNTIME);
}

/** Published editions; a pinned version never changes, so it is fetched once per page load. */
export const editionApi = {
  current: () => request<Edition>("GET", "/api/editions/current"),
  /** The edition and its validators, ready for `checkSection`. */
  version: (key: string, version: string): Promise<Edition> => {
    const id = `${key}@${version}`;
    let loading = editions.get(id);
    if (loading === undefined) {
      loading = Promise.all([
        request<Edition>("GET", `/api/editions/${json(key)}/${json(version)}`),
        loadValidators(key, version),
      ]).then(([edition, validators]) => {
        if (validators !== undefined) installValidators(edition, validators);
        return edition;
      });
      // A failed load is not cached, so 「重试」 really asks again.
      loading.catch(() => editions.delete(id));
      editions.set(id, loading);
    }
    return loading;
  },
};
