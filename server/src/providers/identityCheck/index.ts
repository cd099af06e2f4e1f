/**
 * The identity-check providers by id; `SHENBAO_IDENTITY_PROVIDER` picks one. A new service adapter joins by
 * adding its id to env.ts and a factory here (the `satisfies` below fails the build until both agree).
 */
import type { Env } from "../../env.js";
import type { RegionLookup } from "../../identity/idNumber.js";
import type { Clock } from "../../ports/clock.js";
import type { IdentityCheck } from "../../ports/identityCheck.js";
import { HttpIdentityCheck } from "./httpIdentityCheck.js";
import { LocalIdentityCheck } from "./localIdentityCheck.js";

/** What an identity-check factory may use. */
export interface IdentityCheckDeps {
  env: Pick<Env, "SHENBAO_IDENTITY_URL" | "SHENBAO_IDENTITY_KEY" | "SHENBAO_IDENTITY_TIMEOUT_MS">;
  regionLookup: RegionLookup;
  clock: Clock;
}

/** Every identity-check provider, keyed by its configuration id. */
export const IDENTITY_CHECK_PROVIDERS = {
  local: (deps: IdentityCheckDeps): IdentityCheck => new LocalIdentityCheck(deps.regionLookup, deps.clock),
  // env.ts refuses SHENBAO_IDENTITY_PROVIDER=http without a URL and a key, so both are set here.
  http: (deps: IdentityCheckDeps): IdentityCheck =>
    new HttpIdentityCheck({
      url: deps.env.SHENBAO_IDENTITY_URL!,
      key: deps.env.SHENBAO_IDENTITY_KEY!,
      timeoutMs: deps.env.SHENBAO_IDENTITY_TIMEOUT_MS,
    }),
} satisfies Record<Env["SHENBAO_IDENTITY_PROVIDER"], (deps: IdentityCheckDeps) => IdentityCheck>;

/** Builds the identity-check provider configured by `id`. */
export function createIdentityCheck(
  id: Env["SHENBAO_IDENTITY_PROVIDER"],
  deps: IdentityCheckDeps,
): IdentityCheck {
  return IDENTITY_CHECK_PROVIDERS[id](deps);
}
