/**
 * Process wiring shared by the entry points: configuration, logger, ports, and a graceful shutdown that
 * runs once on SIGTERM / SIGINT (stop taking requests, let running jobs finish, close adapters).
 */
import type { Server } from "node:http";
import path from "node:path";
import { loadEnv, type Env } from "./env.js";
import { createLogger, type Logger } from "./logger.js";
import { createPorts, closePorts, type Ports } from "./ports/index.js";
import { createApp } from "./app.js";
import { registerTasks } from "./tasks/index.js";
import { closeAppServices, openAppServices, type AppServices } from "./appServices.js";
import { firstStart } from "./commands/firstStart.js";
import { adminBootstrapIssuer, adminBootstrapNotice } from "./commands/adminBootstrapIssuer.js";
import { OUTBOX_FILE } from "./providers/sender/outboxSender.js";
import { startInvitationReconciler, type InvitationReconciler } from "./tasks/invitationReconciler.js";

/** A started process: what it holds and how to stop it. */
export interface Runtime {
  env: Env;
  logger: Logger;
  ports: Ports;
  services: AppServices;
  server?: Server;
  stop(): Promise<void>;
}

/** Where `npm start` finds the built renderer. */
export const RENDERER_DIST = path.resolve(import.meta.dirname, "../../renderer/dist");

/** Starts the roles asked for: `web` serves HTTP, `worker` processes jobs; embedded mode runs both. */
export async function startRuntime(roles: { web: boolean; worker: boolean }): Promise<Runtime> {
  const env = loadEnv();
  const logger = createLogger(env.LOG_LEVEL);
  const ports = await createPorts(env, logger);
  let services: AppServices;
  try {
    services = await openAppServices(env, ports);
  } catch (error) {
    // A bad key file or key must not leave the store and queue connections open behind a failed start.
    await closePorts(ports);
    throw error;
  }
  // A web process on an empty store publishes and opens the shipped editions (APP-1), so a fresh production
  // deployment takes applications too; only the embedded mode (web + worker) seeds the demo registry.
  if (roles.web)
    await firstStart({
      store: ports.store,
      clock: services.clock,
      logger,
      ...(roles.worker ? { cipher: services.cipher } : {}),
    });
  // The edition just published (or opened by another process) brings the divisions ID numbers are checked on.
  await services.identity.regions.load();
  // Handlers are registered in every role so that an embedded web process can also run them.
  registerTasks(ports, services, logger);
  let reconciler: InvitationReconciler | undefined;
  if (roles.worker) {
    await ports.queue.start();
    // TCH-3: the invitation documents, not the queue, say which jobs must exist.
    reconciler = startInvitationReconciler({
      store: ports.store,
      queue: ports.queue,
      clock: services.clock,
      logger: logger.child({ component: "invitationReconciler" }),
    });
  }

  let server: Server | undefined;
  if (roles.web) {
    const app = createApp({
      logger,
      ports,
      ...services,
      staticDir: RENDERER_DIST,
      bodyLimit: env.SHENBAO_BODY_LIMIT,
      trustProxy: env.SHENBAO_TRUST_PROXY,
      proxyHops: env.SHENBAO_PROXY_HOPS,
    });
    server = await new Promise<Server>((resolve, reject) => {
      const listening = app.listen(env.PORT, env.HOST, () => resolve(listening));
      listening.once("error", reject);
    });
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : env.PORT;
    logger.info(
      {
        port,
        store: ports.store.kind,
        queue: ports.queue.kind,
        files: ports.files.kind,
        sender: services.sender.kind,
        dataDir: env.dataDir,
      },
      `Shenbao 申报 listening on http://localhost:${port}`,
    );
    // Issue 4 item 6: while nobody is administrator, every start prints a fresh one-time link.
    const bootstrap = await adminBootstrapIssuer({ store: ports.store, clock: services.clock });
    if (bootstrap) {
      const outbox = services.sender.kind === "outbox" ? path.join(env.dataDir, OUTBOX_FILE) : undefined;
      logger.warn(adminBootstrapNotice(`http://localhost:${port}`, bootstrap, outbox));
    }
  }

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      logger.info("shutting down");
      if (server) {
        const closing = new Promise<void>((resolve) => server!.close(() => resolve()));
        server.closeIdleConnections();
        await closing;
      }
      await reconciler?.stop();
      await closeAppServices(services);
      await closePorts(ports);
      logger.info("stopped");
    })());
  return { env, logger, ports, services, server, stop };
}

/** Runs `stop` once on SIGTERM or SIGINT, then exits; a second signal exits at once. */
export function stopOnSignals(runtime: Runtime): void {
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) process.exit(1);
    signalled = true;
    runtime.logger.info({ signal }, "signal received");
    runtime.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        runtime.logger.error({ err }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}
