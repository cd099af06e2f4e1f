/**
 * Serves the built renderer (Vite `dist/`): hashed assets with a long cache, and `index.html` for any other
 * non-API GET so client-side routes survive a reload.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { send } from "@koa/send";
import type { Middleware } from "koa";
import type { AppState } from "../app.js";
import { RouteNotFoundError } from "../errors.js";

/** Returns a middleware serving `root`, or a pass-through when the renderer has not been built. */
export function staticPages(root: string): Middleware<AppState> {
  const indexFile = path.join(root, "index.html");
  return async function staticPagesMiddleware(ctx, next) {
    if (
      (ctx.method !== "GET" && ctx.method !== "HEAD") ||
      ctx.path.startsWith("/api/") ||
      !existsSync(indexFile)
    ) {
      return next();
    }
    const isAsset = ctx.path.startsWith("/assets/");
    try {
      const served = await send(ctx, ctx.path === "/" ? "index.html" : ctx.path, {
        root,
        maxage: isAsset ? 365 * 24 * 3600 * 1000 : 0,
        immutable: isAsset,
      });
      if (served) return;
    } catch (err) {
      const status = (err as { status?: number }).status;
      // A path that cannot be decoded or climbs out of the root (`/..%2f..`) names no page: 404, not 500.
      if (status !== undefined && status >= 400 && status < 500 && status !== 404)
        throw new RouteNotFoundError();
      if (status !== 404) throw err;
    }
    // A missing file (`/favicon.png`) is a 404; a page path may hold dots (`/admin/editions/k/2025.1.0`).
    if (isAsset || /^\.[A-Za-z][A-Za-z0-9]*$/.test(path.extname(ctx.path))) return next();
    await send(ctx, "index.html", { root });
    ctx.set("Cache-Control", "no-cache");
  };
}
