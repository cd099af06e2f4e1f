/** Gives every request an id (the caller's X-Request-Id when well-formed) and a child logger carrying it. */
import { randomUUID } from "node:crypto";
import type { Middleware } from "koa";
import type { Logger } from "../logger.js";
import type { AppState } from "../app.js";

const ACCEPTED_ID = /^[A-Za-z0-9._-]{8,64}$/;

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
        { method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round(ms) },
        "request",
      );
    }
  };
}
