/** Gives every request an id (the caller's X-Request-Id when well-formed) and a child logger carrying it. */
import { randomUUID } from "node:crypto";
import type { Middleware } from "koa";
import type { Logger } from "../logger.js";
import type { AppState } from "../app.js";

const ACCEPTED_ID = /^[A-Za-z0-9._-]{8,64}$/;
// A path segment shaped like a bearer secret (auth/secretTokens.ts: 43 base64url characters), such as the
// teacher's invitation token in /t/<token> and /api/t/<token>/…: it grants access, so it is never logged.
const SECRET_SEGMENT = /(?<=\/)[A-Za-z0-9_-]{43}(?=\/|$)/g;

/** `path` as the request log shows it: bearer tokens replaced (issue 11). */
export function loggablePath(path: string): string {
  return path.replace(SECRET_SEGMENT, "[令牌已隐藏]");
}

/** Sets `ctx.state.requestId`, `ctx.state.log` and the X-Request-Id response header, then logs the outcome. */
export function requestContext(logger: Logger): Middleware<AppState> {
  return async function requestContextMiddleware(ctx, next) {
    const incoming = ctx.get("X-Request-Id");
    const requestId = ACCEPTED_ID.test(incoming) ? incoming : randomUUID();
    ctx.state.requestId = requestId;
    ctx.state.log = logger.child({ requestId });
    ctx.set("X-Request-Id", requestId);
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // The path only, never the query string: it may carry tokens or phone numbers.
      ctx.state.log.info(
        { method: ctx.method, path: loggablePath(ctx.path), status: ctx.status, ms: Math.round(ms) },
        "request",
      );
    }
  };
}
