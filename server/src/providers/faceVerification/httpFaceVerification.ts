/**
 * Face-verification adapter for a real service over HTTP (TCH-4): one JSON POST per verification with the
 * API key in a header and a timeout; every answer is mapped onto match / mismatch / unavailable.
 *
 * The service contract: `POST <url>` `{ reference, name, idNumber, evidence }` with header `X-Api-Key`,
 * answering 200 `{ result: "match" | "mismatch", reason?: string }`. `evidence` carries what the service's
 * own client step produced (e.g. a liveness session token), passed through untouched.
 */
import type {
  FaceVerification,
  FaceVerificationRequest,
  FaceVerificationResult,
} from "../../ports/faceVerification.js";

/** Where the service is; `fetch` is injectable for tests that need no socket. */
export interface HttpFaceVerificationOptions {
  url: string;
  key: string;
  /** Per request; default 5 000 ms. No retry: the physician is waiting on the page. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** `FaceVerification` calling the configured service. */
export function httpFaceVerification(options: HttpFaceVerificationOptions): FaceVerification {
  const send = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 5_000;
  return {
    kind: "http",
    requiresPhoneCode: false,
    async verify(request: FaceVerificationRequest): Promise<FaceVerificationResult> {
      let response: Response;
      try {
        response = await send(options.url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            accept: "application/json",
            "x-api-key": options.key,
          },
          body: JSON.stringify({
            reference: request.reference,
            name: request.name,
            idNumber: request.idNumber,
            evidence: request.evidence,
          }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        const timedOut = error instanceof Error && error.name === "TimeoutError";
        return { outcome: "unavailable", detail: timedOut ? "timeout" : "network error" };
      }
      if (!response.ok) {
        await response.body?.cancel();
        return { outcome: "unavailable", detail: `status ${response.status}` };
      }
      const answer = (await response.json().catch(() => undefined)) as
        { result?: unknown; reason?: unknown } | undefined;
      const detail =
        typeof answer?.reason === "string" && answer.reason.length <= 200 ? answer.reason : undefined;
      if (answer?.result === "match") return { outcome: "match" };
      if (answer?.result === "mismatch")
        return detail ? { outcome: "mismatch", detail } : { outcome: "mismatch" };
      return { outcome: "unavailable", detail: "unrecognised answer" };
    },
  };
}
