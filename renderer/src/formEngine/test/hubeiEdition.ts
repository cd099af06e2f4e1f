/**
 * The real hubei-2024 edition for form-engine tests, loaded with `loadEdition` from @shenbao/forms once
 * per test file.
 */
import type { Edition } from "@shenbao/rules";
import { editionDir, loadEdition } from "@shenbao/forms";

let loading: Promise<Edition> | undefined;

/** The stored hubei-2024 edition as `loadEdition` reads it (validated, immutable data). */
export function hubeiEdition(): Promise<Edition> {
  loading ??= loadEdition(editionDir("hubei-2024"));
  return loading;
}
