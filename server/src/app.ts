/**
 * The Koa application: request context, the error middleware, body parsing, API routes, then the built
 * pages. Routes stay thin; everything they need arrives through `AppDeps`.
 */
import Koa from "koa";
import { bodyParser } from "@koa/bodyparser";
import type { Logger } from "./logger.js";
import type { Ports } from "./ports/index.js";
import { RouteNotFoundError } from "./errors.js";
import { requestContext } from "./middleware/requestId.js";
import { errorHandler } from "./middleware/errorHandler.js";
import { staticPages } from "./middleware/staticPages.js";
import type Router from "@koa/router";
import { apiRouters } from "./routes/index.js";
import { queueBoard } from "./routes/admin/queueAdminRouter.js";
import { session } from "./middleware/session.js";
import type { AppServices } from "./appServices.js";
import type { Actor } from "./policies/actor.js";

/** Per-request state every middleware may rely on. */
export interface AppState {
  requestId: string;
  log: Logger;
  /** The signed-in user, set by the session middleware; undefined when signed out. */
  actor?: Actor | undefined;
}

/** What the app is built from; tests pass their own (services from `openAppServices`, maybe a manual clock). */
export interface AppDeps extends AppServices {
  logger: Logger;
  ports: Ports;
  /** Folder of the built renderer; omitted in API-only tests. */
  staticDir?: string;
  bodyLimit?: string;
  trustProxy?: boolean;
  /** Routers mounted after the API's own (tests add probes here). */
  extraRouters?: Router<AppState>[];
}

/** Creates the Koa app without listening. */
export function createApp(deps: AppDeps): Koa<AppState> {
  const app = new Koa<AppState>({ proxy: deps.trustProxy ?? false });
  // Errors are answered by errorHandler and logged there with the request id; Koa's default
  // printing to stderr would log them a second time without it.
  app.silent = true;

  app.use(requestContext(deps.logger));
  app.use(errorHandler());
  app.use(jsonBody(deps.bodyLimit ?? "1mb"));
  app.use(session({ store: deps.ports.store, clock: deps.clock }));
  for (const router of [...apiRouters(deps), ...(deps.extraRouters ?? [])]) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  // bull-board for administrators when the queue is BullMQ (TCH-3); a pass-through otherwise.
  app.use(queueBoard(deps));
  if (deps.staticDir) app.use(staticPages(deps.staticDir));
  app.use(async function notFound(ctx) {
    if (ctx.body === undefined && ctx.status === 404) throw new RouteNotFoundError();
  });
  return app;
}

// The teacher's signature arrives as a base64 PNG inside the JSON body; the edition allows images up to
// 2 MB, which is about 2.7 MB as base64. Only that route gets the larger limit.
const LARGE_JSON_ROUTES = [/^\/api\/t\/[^/]+\/sign$/];
const LARGE_JSON_LIMIT = "3mb";

/** JSON body parsing with the configured limit, and a larger one for the few routes that carry images. */
function jsonBody(limit: string): Koa.Middleware<AppState> {
  // Let parse failures reach errorHandler, which maps them to 400 / 413 with a Chinese message.
  const rethrow = (err: Error) => {
    throw err;
  };
  const normal = bodyParser({ enableTypes: ["json"], jsonLimit: limit, onError: rethrow });
  const large = bodyParser({ enableTypes: ["json"], jsonLimit: LARGE_JSON_LIMIT, onError: rethrow });
  return function jsonBodyMiddleware(ctx, next) {
    const parser = LARGE_JSON_ROUTES.some((route) => route.test(ctx.path)) ? large : normal;
    return parser(ctx, next);
  };
}
