/**
 * The administrators' view of the job queue (TCH-3): with the embedded queue a small JSON view of job
 * counts by state at `GET /api/admin/queue`; with BullMQ the same counts, and bull-board at `/admin/queues`
 * (mounted by `queueBoard`, see below).
 */
import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { KoaAdapter } from "@bull-board/koa";
import Router from "@koa/router";
import type { Middleware } from "koa";
import type { AppDeps, AppState } from "../../app.js";
import { resolveSession } from "../../auth/sessions.js";
import { NotSignedInError } from "../../errors.js";
import { sessionTokenOf } from "../../middleware/session.js";
import { requireAdmin } from "../../policies/adminPolicy.js";
import type { Queue } from "../../ports/queue.js";
import { BullmqQueue } from "../../queue/bullmqQueue.js";
import { EmbeddedQueue } from "../../queue/embeddedQueue.js";
import { collectionsOf } from "../../store/collections.js";

/** Where bull-board is mounted when the queue is BullMQ. */
export const QUEUE_BOARD_PATH = "/admin/queues";

async function countsOf(queue: Queue): Promise<Record<string, number>> {
  if (queue instanceof EmbeddedQueue) return queue.counts();
  if (queue instanceof BullmqQueue) {
    const counts = await queue.bullQueue.getJobCounts("waiting", "delayed", "active", "completed", "failed");
    return counts;
  }
  return {};
}

/** Router for `GET /api/admin/queue`. */
export function queueAdminRouter(deps: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  router.get("/api/admin/queue", async (ctx) => {
    requireAdmin(ctx.state.actor);
    ctx.set("Cache-Control", "no-store");
    ctx.body = {
      adapter: deps.ports.queue.kind,
      counts: await countsOf(deps.ports.queue),
      board: deps.ports.queue instanceof BullmqQueue ? QUEUE_BOARD_PATH : null,
    };
  });
  return router;
}

/**
 * bull-board for administrators at `/admin/queues` when the queue is BullMQ; a pass-through otherwise.
 * The session middleware only reads cookies on `/api/` paths, so the board resolves the session itself.
 */
export function queueBoard(deps: Pick<AppDeps, "ports" | "clock">): Middleware<AppState> {
  const queue = deps.ports.queue;
  if (!(queue instanceof BullmqQueue)) {
    return async function noQueueBoard(_ctx, next) {
      await next();
    };
  }
  const serverAdapter = new KoaAdapter();
  serverAdapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({ queues: [new BullMQAdapter(queue.bullQueue)], serverAdapter });
  const board = serverAdapter.registerPlugin() as unknown as Middleware<AppState>;
  const collections = collectionsOf(deps.ports.store);
  return async function queueBoardMiddleware(ctx, next) {
    if (ctx.path !== QUEUE_BOARD_PATH && !ctx.path.startsWith(`${QUEUE_BOARD_PATH}/`)) return next();
    const token = sessionTokenOf(ctx);
    const resolved = token ? await resolveSession(collections, token, deps.clock.now()) : undefined;
    if (!resolved) throw new NotSignedInError();
    requireAdmin({ userId: resolved.user._id, roles: resolved.user.roles, sessionId: resolved.session._id });
    ctx.set("Cache-Control", "no-store");
    await board(ctx, next);
  };
}
