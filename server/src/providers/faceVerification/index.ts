/**
 * The face-verification providers by id; `SHENBAO_FACE_PROVIDER` picks one. A new service adapter joins by
 * adding its id to env.ts and a factory here (the `satisfies` below fails the build until both agree).
 */
import type { Env } from "../../env.js";
import type { FaceVerification } from "../../ports/faceVerification.js";
import { builtinFaceVerification } from "./builtinFaceVerification.js";
import { httpFaceVerification } from "./httpFaceVerification.js";

/** What a face-verification factory may use. */
export interface FaceVerificationDeps {
  env: Pick<Env, "SHENBAO_FACE_URL" | "SHENBAO_FACE_KEY" | "SHENBAO_FACE_TIMEOUT_MS">;
}

/** Every face-verification provider, keyed by its configuration id. */
export const FACE_VERIFICATION_PROVIDERS = {
  builtin: (): FaceVerification => builtinFaceVerification(),
  // env.ts refuses SHENBAO_FACE_PROVIDER=http without a URL and a key, so both are set here.
  http: (deps: FaceVerificationDeps): FaceVerification =>
    httpFaceVerification({
      url: deps.env.SHENBAO_FACE_URL!,
      key: deps.env.SHENBAO_FACE_KEY!,
      timeoutMs: deps.env.SHENBAO_FACE_TIMEOUT_MS,
    }),
} satisfies Record<Env["SHENBAO_FACE_PROVIDER"], (deps: FaceVerificationDeps) => FaceVerification>;

/** Builds the face-verification provider configured by `id`. */
export function createFaceVerification(
  id: Env["SHENBAO_FACE_PROVIDER"],
  deps: FaceVerificationDeps,
): FaceVerification {
  return FACE_VERIFICATION_PROVIDERS[id](deps);
}
