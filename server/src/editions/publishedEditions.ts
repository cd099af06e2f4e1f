/**
 * Published editions as the commands and routes use them. A published version never changes (FORM-2), so
 * each is parsed once per process and store and then served from memory; applications name theirs by key
 * and version (APP-1).
 */
import type { Edition } from "@shenbao/rules";
import { NoPublishedEditionError, NotFoundError } from "../errors.js";
import type { Store, Stored } from "../ports/store.js";
import {
  collectionsOf,
  OPEN_EDITION_ID,
  type EditionDoc,
  type EditionSettingsDoc,
} from "../store/collections.js";

/** How long the answer to "which edition is current" is reused; another process's publish shows within it. */
const CURRENT_TTL_MS = 10_000;

interface EditionCache {
  byVersion: Map<string, Edition>;
  current?: { key: string; version: string; window: OpenWindow; checkedAt: number };
}

/** When new applications may start on the current edition (clock times, null = no limit). */
export interface OpenWindow {
  opensAt: number | null;
  closesAt: number | null;
}

// Per store, so two test stores holding different drafts under one version never share an entry.
const caches = new WeakMap<Store, EditionCache>();

function cacheOf(store: Store): EditionCache {
  let cache = caches.get(store);
  if (cache === undefined) {
    cache = { byVersion: new Map() };
    caches.set(store, cache);
  }
  return cache;
}

const versionKey = (key: string, version: string) => `${key}@${version}`;

function remember(store: Store, doc: Stored<EditionDoc>): Edition {
  const cache = cacheOf(store).byVersion;
  const id = versionKey(doc.key, doc.version);
  let edition = cache.get(id);
  if (edition === undefined) {
    if (doc.editionJson === undefined) throw new NotFoundError();
    edition = JSON.parse(doc.editionJson) as Edition;
    cache.set(id, edition);
  }
  return edition;
}

/** The published (or since archived) edition `key`@`version`; `NotFoundError` when there is none. */
export async function publishedEdition(store: Store, key: string, version: string): Promise<Edition> {
  const cached = cacheOf(store).byVersion.get(versionKey(key, version));
  if (cached !== undefined) return cached;
  const [doc] = (await collectionsOf(store).editions.find({ key, version }, { limit: 1 })).items;
  // Drafts can still change, so they are never cached nor served as if published.
  if (doc === undefined || doc.status === "draft") throw new NotFoundError();
  return remember(store, doc);
}

/** The edition new applications start on (APP-1) and its window: the one opened, else the latest published. */
export async function currentOpening(
  store: Store,
  now = Date.now(),
): Promise<{ edition: Edition; window: OpenWindow }> {
  const cache = cacheOf(store);
  if (cache.current !== undefined && now - cache.current.checkedAt < CURRENT_TTL_MS) {
    const edition = await publishedEdition(store, cache.current.key, cache.current.version);
    return { edition, window: cache.current.window };
  }
  const { editions, editionSettings } = collectionsOf(store);
  const settings: EditionSettingsDoc | null = await editionSettings.get(OPEN_EDITION_ID);
  let window: OpenWindow = { opensAt: null, closesAt: null };
  let edition: Edition;
  if (settings !== null) {
    edition = await publishedEdition(store, settings.key, settings.version);
    window = { opensAt: settings.opensAt, closesAt: settings.closesAt };
  } else {
    const [doc] = (await editions.find({ status: "published" }, { sort: { publishedAt: -1 }, limit: 1 }))
      .items;
    if (doc === undefined) throw new NoPublishedEditionError();
    edition = remember(store, doc);
  }
  cache.current = { key: edition.key, version: edition.version, window, checkedAt: now };
  return { edition, window };
}

/** The edition new applications start on (APP-1). */
export async function currentEdition(store: Store, now = Date.now()): Promise<Edition> {
  return (await currentOpening(store, now)).edition;
}

/** Forgets which edition is current, so a publish in this process is seen at once. */
export function forgetCurrentEdition(store: Store): void {
  delete cacheOf(store).current;
}
