/**
 * What the invitation commands, routes and tasks need from configuration (TCH-3, TCH-4): the lifetime of a
 * link, the face-verification provider, the origin links are built on, and the test-only notify delay.
 */
import type { Env } from "../env.js";
import type { FaceVerification } from "../ports/faceVerification.js";
import { createFaceVerification } from "../providers/faceVerification/index.js";
import { DAY_MS } from "./invitationSettings.js";

/** Invitation settings resolved from `Env`. */
export interface InvitationServices {
  ttlMs: number;
  face: FaceVerification;
  /**
   * The origin of links in messages sent by jobs, which have no request: `SHENBAO_PUBLIC_URL`, else the
   * embedded server's own address. Routes prefer the request's origin when no public URL is configured.
   */
  jobOrigin: string;
  /** `SHENBAO_TEST_NOTIFY_DELAY_MS`: 0 outside the fault tests. */
  notifyDelayMs: number;
}

/** Builds the invitation services from `env`. */
export function openInvitationServices(
  env: Pick<
    Env,
    | "SHENBAO_INVITATION_TTL_DAYS"
    | "SHENBAO_FACE_PROVIDER"
    | "SHENBAO_FACE_URL"
    | "SHENBAO_FACE_KEY"
    | "SHENBAO_FACE_TIMEOUT_MS"
    | "SHENBAO_PUBLIC_URL"
    | "SHENBAO_TEST_NOTIFY_DELAY_MS"
    | "PORT"
  >,
): InvitationServices {
  return {
    ttlMs: env.SHENBAO_INVITATION_TTL_DAYS * DAY_MS,
    face: createFaceVerification(env.SHENBAO_FACE_PROVIDER, { env }),
    jobOrigin: env.SHENBAO_PUBLIC_URL
      ? new URL(env.SHENBAO_PUBLIC_URL).origin
      : `http://localhost:${env.PORT}`,
    notifyDelayMs: env.SHENBAO_TEST_NOTIFY_DELAY_MS,
  };
}
