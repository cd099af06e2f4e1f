/**
 * Where the personal-data keys come from: `SHENBAO_DATA_KEY` (+ retired keys) in production, otherwise the
 * embedded key file `<dataDir>/keys/personal-data.key`, created on first start.
 */
import path from "node:path";
import type { Env } from "../env.js";
import { keyringFromBase64, loadOrCreateKeyFile, PersonalDataCipher } from "./personalData.js";

/** The embedded key file's path inside the data directory. */
export function personalDataKeyFile(dataDir: string): string {
  return path.join(dataDir, "keys", "personal-data.key");
}

/** Opens the cipher for the configured keys. */
export async function openPersonalDataCipher(
  env: Pick<Env, "dataDir" | "SHENBAO_DATA_KEY" | "SHENBAO_DATA_KEYS_RETIRED">,
): Promise<PersonalDataCipher> {
  const keyring = env.SHENBAO_DATA_KEY
    ? keyringFromBase64(env.SHENBAO_DATA_KEY, env.SHENBAO_DATA_KEYS_RETIRED)
    : await loadOrCreateKeyFile(personalDataKeyFile(env.dataDir));
  return new PersonalDataCipher(keyring);
}
