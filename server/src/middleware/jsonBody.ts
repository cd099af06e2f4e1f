/**
 * JSON body parsing with the configured limit (a larger one for the few routes that carry images), then the
 * shared input guard: bounded nesting, storable text, one spelling per answer (issue 11).
 */
import { bodyParser } from "@koa/bodyparser";
import type { Middleware } from "koa";
import type { AppState } from "../app.js";
import { cleanJsonInput } from "../input/cleanJsonInput.js";

// The teacher's signature arrives as a base64 PNG inside the JSON body; the edition allows images up to
// 2 MB, which is about 2.7 MB as base64. Uploaded editions carry their catalogs (the divisions alone are
// ~150 kB per province), and so does the studio's autosave of a draft. Only those routes get the larger limit.
const LARGE_JSON_ROUTES = [
  /^\/api\/t\/[^/]+\/sign$/,
  /^\/api\/admin\/editions\/?$/,
  /^\/api\/admin\/editions\/[^/]+\/[^/]+\/files$/,
];
const LARGE_JSON_LIMIT = "3mb";

/** Parses JSON bodies and cleans them before any route reads `ctx.request.body`. */
export function jsonBody(limit: string): Middleware<AppState> {
  // Let parse failures reach errorHandler, which maps them to 400 / 413 with a Chinese message.
  const rethrow = (err: Error) => {
    throw err;
  };
  const normal = bodyParser({ enableTypes: ["json"], jsonLimit: limit, onError: rethrow });
  const large = bodyParser({ enableTypes: ["json"], jsonLimit: LARGE_JSON_LIMIT, onError: rethrow });
  return function jsonBodyMiddleware(ctx, next) {
    const parser = LARGE_JSON_ROUTES.some((route) => route.test(ctx.path)) ? large : normal;
    return parser(ctx, () => {
      if (ctx.request.body !== undefined) ctx.request.body = cleanJsonInput(ctx.request.body);
      return next();
    });
  };
}
