/**
 * The built-in face-verification provider (TCH-4): works with no outside service. Knowing the last six
 * characters of the registry person's ID number is the knowledge factor; the one-time code the command
 * sends to the registry phone (`requiresPhoneCode`) is the possession factor.
 */
import { timingSafeEqual } from "node:crypto";
import type {
  FaceVerification,
  FaceVerificationRequest,
  FaceVerificationResult,
} from "../../ports/faceVerification.js";

/** The built-in check: `evidence.last6` must equal the number's last six characters (an x counts as X). */
export function builtinFaceVerification(): FaceVerification {
  return {
    kind: "builtin",
    requiresPhoneCode: true,
    async verify(request: FaceVerificationRequest): Promise<FaceVerificationResult> {
      const given = Buffer.from((request.evidence.last6 ?? "").trim().toUpperCase(), "utf8");
      const expected = Buffer.from(request.idNumber.slice(-6).toUpperCase(), "utf8");
      const match = given.length === expected.length && timingSafeEqual(given, expected);
      return match ? { outcome: "match" } : { outcome: "mismatch", detail: "last6" };
    },
  };
}
