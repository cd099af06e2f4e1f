/**
 * The Koa application: request context, the error middleware, body parsing, API routes, then the built
 * pages. Routes stay thin; everything they need arrives through `AppDeps`.
 */
import Koa from "koa";
import type { Logger } from "./logger.js";
import type { Ports } from "./ports/index.js";
import { RouteNotFoundError } from "./errors.js";
import { requestContext } from "./middleware/requestId.js";
import { errorHandler } from "./middleware/errorHandler.js";
import { staticPages } from "./middleware/staticPages.js";
import { jsonBody } from "./middleware/jsonBody.js";
import { sameOrigin } from "./middleware/sameOrigin.js";
import { securityHeaders } from "./middleware/securityHeaders.js";
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
  /** Proxies in front when `trustProxy` (SHENBAO_PROXY_HOPS): X-Forwarded-For is read from the right. */
  proxyHops?: number;
  /** Routers mounted after the API's own (tests add probes here). */
  extraRouters?: Router<AppState>[];
}

/** Creates the Koa app without listening. */
export function createApp(deps: AppDeps): Koa<AppState> {
  // Koa's maxIpsCount keeps the rightmost `proxyHops` X-Forwarded-For entries, so ctx.ip is the address the
  // outermost trusted proxy saw, not whatever the client wrote at the left (issue 11).
  const app = new Koa<AppState>({ proxy: deps.trustProxy ?? false, maxIpsCount: deps.proxyHops ?? 1 });
  // Errors are answered by errorHandler and logged there with the request id; Koa's default
  // printing to stderr would log them a second time without it.
  app.silent = true;

  app.use(requestContext(deps.logger));
  // Before the error handler, so error answers carry the headers too.
  app.use(securityHeaders({ publicOrigin: deps.signIn.publicOrigin }));
  app.use(errorHandler());
  app.use(sameOrigin({ publicOrigin: deps.signIn.publicOrigin }));
  // The session first: an administrator's edition routes take larger bodies than anyone else's.
  app.use(session({ store: deps.ports.store, clock: deps.clock }));
  app.use(jsonBody(deps.bodyLimit ?? "1mb"));
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
