/**
 * The region codes ID numbers are checked against (GB/T 2260), read from the divisions catalog the open
 * edition binds (`bindings.divisions`), so the server and the form agree on which regions exist. The check
 * itself is synchronous; the catalog is loaded at start and reloaded in the background when it is older than
 * a minute, so a newly opened edition's catalog takes over without a restart.
 */
import { editionBindings, type Edition } from "@shenbao/rules";
import { currentEdition } from "../editions/publishedEditions.js";
import { NoPublishedEditionError } from "../errors.js";
import type { Store } from "../ports/store.js";
import { regionLookupFromDivisions, type DivisionsCatalog, type RegionLookup } from "./idNumber.js";

/** How long a loaded catalog is used before the next check asks the store again. */
const RELOAD_AFTER_MS = 60_000;

const lookups = new WeakMap<Edition, RegionLookup | undefined>();

/** The region lookup of `edition`'s divisions catalog, or undefined when it binds none. */
export function regionLookupOf(edition: Edition): RegionLookup | undefined {
  if (lookups.has(edition)) return lookups.get(edition);
  const id = editionBindings(edition).divisions;
  const catalog = id === undefined ? undefined : edition.catalogs[id];
  const lookup = catalog === undefined ? undefined : regionLookupFromDivisions(catalog as DivisionsCatalog);
  lookups.set(edition, lookup);
  return lookup;
}

/** A region lookup that follows the open edition, and the way to load it before the first request. */
export interface EditionRegions {
  lookup: RegionLookup;
  load(): Promise<void>;
}

/**
 * The lookup over the open edition of `store`. Until an edition with a divisions catalog is published (a
 * fresh store before its first start), every region passes: there is nothing to check against yet.
 */
export function editionRegions(store: Store, now: () => number = Date.now): EditionRegions {
  let current: RegionLookup | undefined;
  let loadedAt = Number.NEGATIVE_INFINITY;
  let loading: Promise<void> | undefined;
  const load = () =>
    (loading ??= (async () => {
      try {
        current = regionLookupOf(await currentEdition(store, now()));
      } catch (error) {
        if (!(error instanceof NoPublishedEditionError)) throw error;
        current = undefined;
      } finally {
        loadedAt = now();
        loading = undefined;
      }
    })());
  const lookup: RegionLookup = (code) => {
    // A failed reload keeps the catalog already loaded; the next check tries again.
    if (now() - loadedAt > RELOAD_AFTER_MS) load().catch(() => undefined);
    return current === undefined ? true : current(code);
  };
  return { lookup, load };
}
