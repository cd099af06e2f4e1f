/**
 * JSON body parsing with the configured limit (a larger one for the few routes that carry images), then the
 * shared input guard: bounded nesting, storable text, one spelling per answer (issue 11).
 */
import { bodyParser } from "@koa/bodyparser";
import type { Middleware } from "koa";
import type { AppState } from "../app.js";
import { MAX_DRAFT_BYTES } from "../commands/editionDraftSaver.js";
import { cleanJsonInput } from "../input/cleanJsonInput.js";

// The teacher's signature arrives as a base64 PNG inside the JSON body; the edition allows images up to
// 2 MB, which is about 2.7 MB as base64. Only that route gets the larger limit.
const LARGE_JSON_ROUTES = [/^\/api\/t\/[^/]+\/sign$/];
const LARGE_JSON_LIMIT = "3mb";
// Uploaded editions and the studio's autosave of a whole draft carry every file of an edition, catalogs
// included: up to the draft's bound, plus JSON's escaping of the files' quotes and line breaks. Only an
// administrator's requests get that limit (the session is read before this middleware); others the normal one.
const EDITION_JSON_ROUTES = [/^\/api\/admin\/editions\/?$/, /^\/api\/admin\/editions\/[^/]+\/[^/]+\/files$/];
const EDITION_JSON_LIMIT = Math.ceil(MAX_DRAFT_BYTES * 1.5);

/** Parses JSON bodies and cleans them before any route reads `ctx.request.body`. */
export function jsonBody(limit: string): Middleware<AppState> {
  // Let parse failures reach errorHandler, which maps them to 400 / 413 with a Chinese message.
  const rethrow = (err: Error) => {
    throw err;
  };
  const normal = bodyParser({ enableTypes: ["json"], jsonLimit: limit, onError: rethrow });
  const large = bodyParser({ enableTypes: ["json"], jsonLimit: LARGE_JSON_LIMIT, onError: rethrow });
  const edition = bodyParser({ enableTypes: ["json"], jsonLimit: EDITION_JSON_LIMIT, onError: rethrow });
  const parserFor = (path: string, isAdmin: boolean) => {
    if (LARGE_JSON_ROUTES.some((route) => route.test(path))) return large;
    if (isAdmin && EDITION_JSON_ROUTES.some((route) => route.test(path))) return edition;
    return normal;
  };
  return function jsonBodyMiddleware(ctx, next) {
    const parser = parserFor(ctx.path, ctx.state.actor?.roles.includes("admin") === true);
    return parser(ctx, () => {
      if (ctx.request.body !== undefined) ctx.request.body = cleanJsonInput(ctx.request.body);
      return next();
    });
  };
}
