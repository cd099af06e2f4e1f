/**
 * The face-verification provider port (TCH-4): before evaluating, the physician proves to be the registry
 * person the candidate chose. Adapters: the built-in check (last six characters of the ID number plus a
 * one-time code to the registry phone, no outside service) and an HTTP adapter to a real face-verification
 * service, chosen by `SHENBAO_FACE_PROVIDER`.
 */

/** One verification: who must be proven (from the registry) and what the teacher's page submitted. */
export interface FaceVerificationRequest {
  /** The invitation id: an external service correlates its own liveness session by it. */
  reference: string;
  name: string;
  /** The registry person's 18-character number; never logged. */
  idNumber: string;
  /** The page's answers: `last6` for the built-in check, a liveness token or a selfie for a service. */
  evidence: Record<string, string>;
}

/** "unavailable" is no verdict (service down, timeout) and must not count against the teacher. */
export interface FaceVerificationResult {
  outcome: "match" | "mismatch" | "unavailable";
  /** A short reason, safe to log (never the number). */
  detail?: string;
}

/** The port. */
export interface FaceVerification {
  /** Provider id as chosen by `SHENBAO_FACE_PROVIDER`: "builtin" | "http". */
  readonly kind: string;
  /** Whether the command must also check a one-time code sent to the registry phone (possession factor). */
  readonly requiresPhoneCode: boolean;
  verify(request: FaceVerificationRequest): Promise<FaceVerificationResult>;
}
