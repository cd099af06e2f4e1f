/**
 * The registry providers by id; `SHENBAO_REGISTRY_PROVIDER` picks one. A new adapter joins by adding its id
 * to env.ts and a factory here (the `satisfies` below fails the build until both agree).
 */
import type { PersonalDataCipher } from "../../crypto/personalData.js";
import type { Env } from "../../env.js";
import type { RegistryProvider } from "../../ports/registryProvider.js";
import type { Store } from "../../ports/store.js";
import { HttpRegistryProvider } from "./httpRegistryProvider.js";
import { StoreRegistryProvider } from "./storeRegistryProvider.js";

/** What a registry factory may use. */
export interface RegistryProviderDeps {
  env: Pick<Env, "SHENBAO_REGISTRY_URL" | "SHENBAO_REGISTRY_KEY" | "SHENBAO_REGISTRY_TIMEOUT_MS">;
  store: Store;
  cipher: PersonalDataCipher;
}

/** Every registry provider, keyed by its configuration id. */
export const REGISTRY_PROVIDERS = {
  store: (deps: RegistryProviderDeps): RegistryProvider => new StoreRegistryProvider(deps.store, deps.cipher),
  // env.ts refuses SHENBAO_REGISTRY_PROVIDER=http without a URL and a key, so both are set here.
  http: (deps: RegistryProviderDeps): RegistryProvider =>
    new HttpRegistryProvider({
      url: deps.env.SHENBAO_REGISTRY_URL!,
      key: deps.env.SHENBAO_REGISTRY_KEY!,
      timeoutMs: deps.env.SHENBAO_REGISTRY_TIMEOUT_MS,
    }),
} satisfies Record<Env["SHENBAO_REGISTRY_PROVIDER"], (deps: RegistryProviderDeps) => RegistryProvider>;

/** Builds the registry provider configured by `id`. */
export function createRegistryProvider(
  id: Env["SHENBAO_REGISTRY_PROVIDER"],
  deps: RegistryProviderDeps,
): RegistryProvider {
  return REGISTRY_PROVIDERS[id](deps);
}
