/**
 * GET /healthz — 200 or 503 for load balancers; administrators also see each port's adapter and whether it
 * answers. Adapter names and queue details are not for the public (issue 11).
 */
import Router from "@koa/router";
import type { AppState } from "../../app.js";
import type { Ports } from "../../ports/index.js";
import type { IdentityCheck } from "../../ports/identityCheck.js";

/** What /healthz answers for one port. */
export interface PortHealth {
  adapter: string;
  ok: boolean;
  detail?: string;
}

async function check(
  adapter: string,
  probe: () => Promise<{ ok: boolean; detail?: string }>,
): Promise<PortHealth> {
  try {
    const { ok, detail } = await probe();
    return detail ? { adapter, ok, detail } : { adapter, ok };
  } catch (err) {
    return { adapter, ok: false, detail: (err as Error).message };
  }
}

/** What /healthz answers for one provider: its adapter, whether it answers, and what it really does. */
export interface ProviderHealth extends PortHealth {
  note: string;
}

/**
 * Router for the health endpoint, used by load balancers and docker-compose. Providers are reported but do
 * not make the answer 503: a slow verification service is no reason to take a web process out of service.
 */
export function healthzRouter(
  ports: Ports,
  providers: { identityCheck?: IdentityCheck } = {},
): Router<AppState> {
  const router = new Router<AppState>();
  router.get("/healthz", async (ctx) => {
    const [store, queue, files] = await Promise.all([
      check(ports.store.kind, () => ports.store.health()),
      check(ports.queue.kind, () => ports.queue.health()),
      check(ports.files.kind, () => ports.files.health()),
    ]);
    const ok = store.ok && queue.ok && files.ok;
    ctx.status = ok ? 200 : 503;
    if (!ctx.state.actor?.roles.includes("admin")) {
      ctx.body = { status: ok ? "ok" : "degraded" };
      return;
    }
    const identityCheck = providers.identityCheck;
    const providerHealth = identityCheck && {
      identityCheck: {
        ...(await check(identityCheck.kind, () => identityCheck.health())),
        note: identityCheck.describe().note,
      } satisfies ProviderHealth,
    };
    ctx.body = {
      status: ok ? "ok" : "degraded",
      ports: { store, queue, files },
      ...(providerHealth && { providers: providerHealth }),
    };
  });
  return router;
}
