/**
 * Serves the built renderer (Vite `dist/`): hashed assets with a long cache, and `index.html` for any other
 * non-API GET so client-side routes survive a reload.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { send } from "@koa/send";
import type { Middleware } from "koa";
import type { AppState } from "../app.js";

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
      if ((err as { status?: number }).status !== 404) throw err;
    }
    if (isAsset || path.extname(ctx.path)) return next();
    await send(ctx, "index.html", { root });
    ctx.set("Cache-Control", "no-cache");
  };
}
