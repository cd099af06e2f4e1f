/**
 * Reads the session cookie of API requests and puts the signed-in user in `ctx.state.actor` (undefined when
 * there is none). Routes then call `requireSignedIn` / policies; this middleware never rejects a request.
 */
import type { Context, Middleware } from "koa";
import type { AppState } from "../app.js";
import { SESSION, SESSION_EXPIRES_HEADER } from "../auth/authSettings.js";
import { resolveSession } from "../auth/sessions.js";
import type { Clock } from "../ports/clock.js";
import type { Store } from "../ports/store.js";
import { collectionsOf } from "../store/collections.js";

/** Loads `ctx.state.actor` from the session cookie; clears a cookie whose session has ended. */
export function session(deps: { store: Store; clock: Clock }): Middleware<AppState> {
  const collections = collectionsOf(deps.store);
  return async function sessionMiddleware(ctx, next) {
    ctx.state.actor = undefined;
    const token = sessionTokenOf(ctx);
    // Pages and assets do not need the user; skipping them saves a store read per file. /healthz shows
    // administrators more than the public.
    if (token && (ctx.path.startsWith("/api/") || ctx.path === "/healthz")) {
      const resolved = await resolveSession(collections, token, deps.clock.now());
      if (resolved) {
        const { lastSeenAt, expiresAt } = resolved.session;
        // Pages warn before an idle session ends and renew it while the user types (issue 11).
        ctx.set(SESSION_EXPIRES_HEADER, String(Math.min(lastSeenAt + SESSION.idleMs, expiresAt)));
        ctx.state.actor = {
          userId: resolved.user._id,
          roles: resolved.user.roles,
          sessionId: resolved.session._id,
          ...(resolved.user.reviewerScope && resolved.user.roles.includes("reviewer")
            ? { reviewerScope: resolved.user.reviewerScope }
            : {}),
        };
      } else {
        clearSessionCookie(ctx);
      }
    }
    await next();
  };
}

/** The token in the request's session cookie, if any. */
export function sessionTokenOf(ctx: Context): string | undefined {
  return ctx.cookies.get(SESSION.cookieName) || undefined;
}

/**
 * Sets the session cookie: HttpOnly (scripts cannot read it), SameSite=Lax (not sent on cross-site posts),
 * Secure on https (directly or behind a trusted proxy). No Max-Age: it ends with the browser, which suits
 * shared computers; the server's timeouts apply either way.
 */
export function setSessionCookie(ctx: Context, token: string): void {
  ctx.cookies.set(SESSION.cookieName, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: ctx.secure,
    path: "/",
    overwrite: true,
  });
}

/** Removes the session cookie from the browser. */
export function clearSessionCookie(ctx: Context): void {
  ctx.cookies.set(SESSION.cookieName, null, {
    httpOnly: true,
    sameSite: "lax",
    secure: ctx.secure,
    path: "/",
    overwrite: true,
  });
}
