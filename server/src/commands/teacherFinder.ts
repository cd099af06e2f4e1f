/**
 * 「获取」 of the recommenders section (TCH-1): looks a physician up in the configured registry for one of the
 * candidate's applications, rate-limited per candidate. A person from a live provider is remembered in the
 * `registry` collection, so every match has a stable opaque ref (the edition's distinct-teachers rule relies on it).
 */
import { RATE_LIMITS_TEACHERS } from "./teacherFinderSettings.js";
import type { RateLimiter } from "../auth/rateLimiter.js";
import { ApplicationSubmittedError, IdNumberInvalidError } from "../errors.js";
import { validateIdNumber, type RegionLookup } from "../identity/idNumber.js";
import type { RegistryPerson, RegistryProvider, RegistryRole } from "../ports/registryProvider.js";
import type { Stored } from "../ports/store.js";
import { upsertRegistryPerson } from "../registry/registryRecords.js";
import { collectionsOf, type ApplicationDoc } from "../store/collections.js";
import type { CommandDeps } from "./commandDeps.js";

/** What the finder needs: store, cipher, clock, the registry and the region codes numbers are checked against. */
export type TeacherFinderDeps = Pick<CommandDeps, "store" | "cipher" | "clock"> & {
  registry: RegistryProvider;
  regionLookup: RegionLookup;
  rateLimiter: RateLimiter;
};

/** A lookup on an application the caller has already been authorized to edit. */
export interface TeacherFinderRequest {
  userId: string;
  application: Stored<ApplicationDoc>;
  role: RegistryRole;
  name: string;
  idNumber: string;
}

/** The match with its stable ref, or nothing: the caller cannot tell a wrong name from a wrong number. */
export type TeacherFinderResult = { found: true; ref: string; person: RegistryPerson } | { found: false };

/**
 * Validates the number (a typo is answered as such: it says nothing about the registry), counts the lookup
 * against the candidate's limit, then asks the registry.
 */
export async function teacherFinder(
  deps: TeacherFinderDeps,
  request: TeacherFinderRequest,
): Promise<TeacherFinderResult> {
  if (request.application.status === "submitted") throw new ApplicationSubmittedError();
  const now = deps.clock.now();
  const checked = validateIdNumber(request.idNumber, deps.regionLookup, { now: new Date(now) });
  if (!checked.ok) throw new IdNumberInvalidError(checked.message, { reason: checked.reason });

  // Per candidate, not per application: one user has at most one application per edition anyway.
  await deps.rateLimiter.hit(RATE_LIMITS_TEACHERS.lookupPerUser, request.userId);

  const person = await deps.registry.lookup({
    role: request.role,
    name: request.name,
    idNumber: checked.normalized,
  });
  if (!person) return { found: false };
  if (person.ref) return { found: true, ref: person.ref, person };
  const { id } = await deps.store.transaction((tx) =>
    upsertRegistryPerson(collectionsOf(tx), deps.cipher, person, "provider", now),
  );
  return { found: true, ref: id, person: { ...person, ref: id } };
}
