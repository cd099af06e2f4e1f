/**
 * The one place errors become HTTP answers: domain errors keep their status, id and Chinese message;
 * body-parser failures map to 400 / 413; anything else is logged with the request id and answered as a
 * generic 500 that names the request id and nothing more.
 */
import type { Middleware } from "koa";
import { DomainError, MalformedJsonError, PayloadTooLargeError } from "../errors.js";
import type { AppState } from "../app.js";

/** Body of every error answer. */
export interface ErrorBody {
  error: string;
  message: string;
  requestId?: string;
  details?: Record<string, unknown>;
}

function fromParserError(err: unknown): DomainError | undefined {
  if (typeof err !== "object" || err === null) return undefined;
  const { type, status } = err as { type?: string; status?: number };
  if (type === "entity.too.large" || status === 413) return new PayloadTooLargeError();
  // co-body marks JSON syntax errors with status 400 and, on some paths, no `type`.
  const syntax = (err as Error).name === "SyntaxError";
  if (type === "entity.parse.failed" || (status === 400 && (syntax || type?.startsWith("entity.")))) {
    return new MalformedJsonError();
  }
  return undefined;
}

/** Wraps the whole app; must be the outermost middleware after the request context. */
export function errorHandler(): Middleware<AppState> {
  return async function errorHandlerMiddleware(ctx, next) {
    try {
      await next();
    } catch (err) {
      const known = err instanceof DomainError ? err : fromParserError(err);
      const requestId = ctx.state.requestId;
      if (known) {
        ctx.status = known.status;
        const body: ErrorBody = { error: known.id, message: known.message, requestId };
        if (known.details) body.details = known.details;
        // 429 answers tell clients (and well-behaved proxies) when to come back, per RFC 9110.
        const retryAfter = known.details?.retryAfter;
        if (typeof retryAfter === "number") ctx.set("Retry-After", String(retryAfter));
        ctx.body = body;
        if (known.status >= 500) ctx.state.log?.error({ err: known }, "domain error");
        return;
      }
      ctx.state.log?.error({ err }, "unexpected error");
      ctx.status = 500;
      ctx.body = {
        error: "internal_error",
        message: `系统繁忙，请稍后重试（请求编号 ${requestId}）`,
        requestId,
      } satisfies ErrorBody;
    }
  };
}
