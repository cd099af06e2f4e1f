/**
 * What the identity commands need beyond the store and the cipher: the configured identity-check provider,
 * the region codes ID numbers are checked against, and the attempt limit (ID-3). Built once per process.
 */
import type { PersonalDataCipher } from "../crypto/personalData.js";
import type { Env } from "../env.js";
import type { Files } from "../ports/files.js";
import type { Store } from "../ports/store.js";
import type { SignatureInvalidatorDeps } from "../commands/signatureInvalidator.js";
import type { Clock } from "../ports/clock.js";
import type { IdentityCheck } from "../ports/identityCheck.js";
import { createIdentityCheck } from "../providers/identityCheck/index.js";
import { editionRegions, type EditionRegions } from "./editionRegionLookup.js";
import type { RegionLookup } from "./idNumber.js";

/** The identity part of the app's services. */
export interface IdentityServices {
  check: IdentityCheck;
  regionLookup: RegionLookup;
  /** The open edition's divisions behind `regionLookup`; `load()` after publishing to use them at once. */
  regions: EditionRegions;
  /** Failed automatic checks before only manual review remains. */
  maxAttempts: number;
}

/**
 * Loads the open edition's divisions catalog and builds the provider named by `SHENBAO_IDENTITY_PROVIDER`.
 */
export async function openIdentityServices(
  env: Pick<
    Env,
    | "SHENBAO_IDENTITY_PROVIDER"
    | "SHENBAO_IDENTITY_URL"
    | "SHENBAO_IDENTITY_KEY"
    | "SHENBAO_IDENTITY_TIMEOUT_MS"
    | "SHENBAO_IDENTITY_MAX_ATTEMPTS"
  >,
  clock: Clock,
  store: Store,
): Promise<IdentityServices> {
  const regions = editionRegions(store, () => clock.now());
  await regions.load();
  const regionLookup = regions.lookup;
  return {
    check: createIdentityCheck(env.SHENBAO_IDENTITY_PROVIDER, { env, regionLookup, clock }),
    regionLookup,
    regions,
    maxAttempts: env.SHENBAO_IDENTITY_MAX_ATTEMPTS,
  };
}

/** The dependencies of the identity commands: ports and services, never the HTTP context. */
export interface IdentityCommandDeps {
  store: Store;
  files: Files;
  cipher: PersonalDataCipher;
  clock: Clock;
  identity: IdentityServices;
  /** Re-inviting teachers whose signatures a change of the verified person voids (issue 11). */
  invitations?: SignatureInvalidatorDeps;
}
