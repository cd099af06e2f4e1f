/**
 * Identity-check adapter for a real verification service over HTTP: one JSON POST per check with the API
 * key in a header, a timeout per try, retries with backoff on 5xx / 429 / network errors, and every
 * answer mapped onto match / mismatch / unavailable.
 *
 * The service contract: `POST <url>` `{ name, idNumber, docType, photo?: { mime, base64 } }` with header
 * `X-Api-Key`, answering 200 `{ result: "match" | "mismatch", reason?: string }`.
 */
import type {
  IdentityCheck,
  IdentityCheckDescription,
  IdentityCheckRequest,
  IdentityCheckResult,
} from "../../ports/identityCheck.js";

/** Timers the adapter waits on; injected so tests fire a timeout or skip a backoff without sleeping. */
export interface HttpTimers {
  /** A signal that aborts after `ms`; `cancel()` once the try is over. */
  timeout(ms: number): { signal: AbortSignal; cancel(): void };
  wait(ms: number): Promise<void>;
}

/** Real timers. */
export const realTimers: HttpTimers = {
  timeout(ms) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error("timeout")), ms);
    return { signal: controller.signal, cancel: () => clearTimeout(timer) };
  },
  wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Where the service is and how patiently to ask it. */
export interface HttpIdentityCheckOptions {
  url: string;
  key: string;
  /** Per try; default 5 000 ms. */
  timeoutMs?: number;
  /** Tries after the first on 5xx / 429 / network errors; default 2. */
  retries?: number;
  /** First backoff, doubled on each retry; default 300 ms. */
  backoffMs?: number;
  timers?: HttpTimers;
  fetch?: typeof fetch;
}

/** Shown in the admin view and /healthz. */
export const HTTP_IDENTITY_CHECK_NOTE = "连接外部身份核验服务，比对名字、证件号码与证件图片";

type TryResult = { final: IdentityCheckResult } | { retry: string };

/** `IdentityCheck` calling the configured verification service. */
export class HttpIdentityCheck implements IdentityCheck {
  readonly kind = "http";
  readonly usesPhoto = true;
  readonly #options: Required<Omit<HttpIdentityCheckOptions, "fetch" | "timers">>;
  readonly #timers: HttpTimers;
  readonly #fetch: typeof fetch;
  #lastUnavailable: string | undefined;

  constructor(options: HttpIdentityCheckOptions) {
    this.#options = {
      url: options.url,
      key: options.key,
      timeoutMs: options.timeoutMs ?? 5_000,
      retries: options.retries ?? 2,
      backoffMs: options.backoffMs ?? 300,
    };
    this.#timers = options.timers ?? realTimers;
    this.#fetch = options.fetch ?? fetch;
  }

  async check(request: IdentityCheckRequest): Promise<IdentityCheckResult> {
    const body = JSON.stringify({
      name: request.name,
      idNumber: request.idNumber,
      docType: request.docType,
      ...(request.photo && {
        photo: { mime: request.photo.mime, base64: request.photo.data.toString("base64") },
      }),
    });
    let reason = "";
    for (let attempt = 0; attempt <= this.#options.retries; attempt++) {
      if (attempt > 0) await this.#timers.wait(this.#options.backoffMs * 2 ** (attempt - 1));
      const result = await this.#try(body);
      if ("final" in result) {
        this.#lastUnavailable = result.final.outcome === "unavailable" ? result.final.detail : undefined;
        return result.final;
      }
      reason = result.retry;
    }
    this.#lastUnavailable = reason;
    return { outcome: "unavailable", detail: reason };
  }

  describe(): IdentityCheckDescription {
    return {
      adapter: this.kind,
      note: `${HTTP_IDENTITY_CHECK_NOTE}（${new URL(this.#options.url).origin}）`,
    };
  }

  /** Not a probe of the service (each call may cost money): whether the last check got a verdict. */
  async health(): Promise<{ ok: boolean; detail?: string }> {
    return this.#lastUnavailable === undefined
      ? { ok: true }
      : { ok: false, detail: `最近一次核验未得到结果：${this.#lastUnavailable}` };
  }

  async #try(body: string): Promise<TryResult> {
    const timer = this.#timers.timeout(this.#options.timeoutMs);
    try {
      const response = await this.#fetch(this.#options.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json",
          "x-api-key": this.#options.key,
        },
        body,
        signal: timer.signal,
      });
      if (response.status >= 500 || response.status === 429) {
        await response.body?.cancel();
        return { retry: `核验服务返回 ${response.status}` };
      }
      if (!response.ok) {
        // 4xx is our request or key being refused: asking again cannot help, and the user is not at fault.
        await response.body?.cancel();
        return { final: { outcome: "unavailable", detail: `核验服务拒绝了请求（${response.status}）` } };
      }
      return { final: mapAnswer(await response.json().catch(() => undefined)) };
    } catch (error) {
      // Timeouts are not retried: the user is already waiting for the answer.
      if (timer.signal.aborted) return { final: { outcome: "unavailable", detail: "核验服务响应超时" } };
      return { retry: `无法连接核验服务（${error instanceof Error ? error.message : "网络错误"}）` };
    } finally {
      timer.cancel();
    }
  }
}

function mapAnswer(answer: unknown): IdentityCheckResult {
  const { result, reason } = (answer ?? {}) as { result?: unknown; reason?: unknown };
  const detail = typeof reason === "string" && reason.length <= 200 ? reason : undefined;
  if (result === "match") return { outcome: "match" };
  if (result === "mismatch") return detail ? { outcome: "mismatch", detail } : { outcome: "mismatch" };
  return { outcome: "unavailable", detail: "核验服务返回了无法识别的结果" };
}
