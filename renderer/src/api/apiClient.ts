/**
 * The one way the renderer talks JSON to the server: every failure becomes an `ApiError` whose `message` is
 * Chinese and ready to show. The server already answers `{ error, message }` in Chinese; this file only adds
 * the cases it cannot word (network down, a proxy's HTML page) and the shared reactions to 401 / 409 / 429.
 */

/** Shown for a revision conflict whatever the server said, so every page words it the same (issue 4). */
export const CONFLICT_MESSAGE = "该内容已在其他页面修改，请刷新后重试";
const NETWORK_MESSAGE = "网络连接失败，请检查网络后重试";
const SERVER_BUSY_MESSAGE = "系统繁忙，请稍后重试";

/** A failed API call: HTTP status (0 = no answer), the server's stable error id and the Chinese message. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly details: Record<string, unknown> = {},
    /** Seconds to wait before trying again (429), from `Retry-After` or `details.retryAfter`. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** Someone else saved first; the page keeps what the user typed and asks for a refresh. */
  get isConflict(): boolean {
    return this.code === "revision_conflict";
  }
}

/** Called on a 401 from any call that did not opt out; the shell sends the user to sign in and back. */
export type UnauthorizedHandler = (error: ApiError) => void;

let onUnauthorized: UnauthorizedHandler = () => undefined;

/** Installs the app-wide 401 reaction (the shell does this once); returns the previous handler. */
export function setUnauthorizedHandler(handler: UnauthorizedHandler): UnauthorizedHandler {
  const previous = onUnauthorized;
  onUnauthorized = handler;
  return previous;
}

/** Options of one call. */
export interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
  /** For probes like GET /api/me where 401 just means "signed out": no redirect. */
  allowUnauthorized?: boolean;
}

function retryAfterOf(headers: Headers, details: Record<string, unknown>): number | undefined {
  const header = Number(headers.get("Retry-After"));
  if (Number.isFinite(header) && header > 0) return Math.ceil(header);
  const fromBody = details.retryAfter;
  return typeof fromBody === "number" && fromBody > 0 ? Math.ceil(fromBody) : undefined;
}

/** Builds the `ApiError` of a non-2xx answer (also used by the XHR upload clients). */
export function errorFromAnswer(status: number, headers: Headers, text: string): ApiError {
  let body: { error?: unknown; message?: unknown; details?: unknown } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // A gateway's HTML error page or an empty body: fall through to the generic wording.
  }
  const code = typeof body.error === "string" ? body.error : `http_${status}`;
  const details =
    typeof body.details === "object" && body.details !== null
      ? (body.details as Record<string, unknown>)
      : {};
  const retryAfter = status === 429 ? retryAfterOf(headers, details) : undefined;
  let message = typeof body.message === "string" && body.message !== "" ? body.message : undefined;
  if (code === "revision_conflict") message = CONFLICT_MESSAGE;
  else if (status === 429)
    message = retryAfter
      ? `操作过于频繁，请 ${retryAfter} 秒后再试`
      : (message ?? "操作过于频繁，请稍后再试");
  else if (status === 401) message ??= "请先登录";
  message ??= status >= 500 ? SERVER_BUSY_MESSAGE : `请求失败（${status}）`;
  return new ApiError(message, status, code, details, retryAfter);
}

/** Reports a 401 to the shell unless the caller opted out; every caller funnels errors through here. */
export function reportError(
  error: ApiError,
  options: Pick<RequestOptions, "allowUnauthorized"> = {},
): ApiError {
  if (error.status === 401 && !options.allowUnauthorized) onUnauthorized(error);
  return error;
}

/** The server's `X-Session-Expires-At` header: when the session ends if nothing else happens (issue 11). */
export const SESSION_EXPIRES_HEADER = "X-Session-Expires-At";
let sessionExpiresAt: number | undefined;
const deadlineListeners = new Set<(at: number) => void>();

/** When the current session ends if idle (epoch ms), as the last signed-in answer said; undefined before. */
export function sessionDeadline(): number | undefined {
  return sessionExpiresAt;
}

/** Calls `listener` whenever an answer moves the session's end; returns the unsubscribe. */
export function onSessionDeadline(listener: (at: number) => void): () => void {
  deadlineListeners.add(listener);
  return () => deadlineListeners.delete(listener);
}

function noteSessionDeadline(headers: Headers | undefined): void {
  const at = Number(headers?.get(SESSION_EXPIRES_HEADER));
  if (!Number.isFinite(at) || at <= 0) return;
  sessionExpiresAt = at;
  for (const listener of deadlineListeners) listener(at);
}

/** Sends one JSON request; resolves with the parsed body (undefined for 204) or throws `ApiError`. */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const init: RequestInit = { method, credentials: "same-origin", headers: { Accept: "application/json" } };
  if (options.body !== undefined) {
    init.body = JSON.stringify(options.body);
    init.headers = { ...init.headers, "Content-Type": "application/json" };
  }
  if (options.signal) init.signal = options.signal;
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiError(NETWORK_MESSAGE, 0, "network_error");
  }
  noteSessionDeadline(response.headers);
  const text = await response.text();
  if (!response.ok) throw reportError(errorFromAnswer(response.status, response.headers, text), options);
  if (response.status === 204 || text === "") return undefined as T;
  return JSON.parse(text) as T;
}

/** The Chinese message of anything thrown by an API call (or by code around it). */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && /[\u4e00-\u9fff]/.test(error.message)) return error.message;
  return SERVER_BUSY_MESSAGE;
}
