/**
 * The sender providers by id; `SHENBAO_SENDER` picks one. An SMS service adapter joins by adding its id to
 * env.ts and a factory here (the `satisfies` below fails the build until both agree).
 */
import path from "node:path";
import type { Env } from "../../env.js";
import type { Clock } from "../../ports/clock.js";
import type { Sender } from "../../ports/sender.js";
import type { Store } from "../../ports/store.js";
import { collectionsOf } from "../../store/collections.js";
import { OUTBOX_FILE, OutboxSender } from "./outboxSender.js";

/** What a sender factory may use. */
export interface SenderDeps {
  env: Pick<Env, "dataDir"> & Partial<Pick<Env, "SHENBAO_TEST_SEND_DELAY_MS">>;
  store: Store;
  clock: Clock;
}

/** Every sender provider, keyed by its configuration id. */
export const SENDER_PROVIDERS = {
  outbox: (deps: SenderDeps): Sender =>
    new OutboxSender(
      path.join(deps.env.dataDir, OUTBOX_FILE),
      collectionsOf(deps.store).sentMessages,
      deps.clock,
      deps.env.SHENBAO_TEST_SEND_DELAY_MS ?? 0,
    ),
} satisfies Record<Env["SHENBAO_SENDER"], (deps: SenderDeps) => Sender>;

/** Builds the sender configured by `id`. */
export function createSender(id: Env["SHENBAO_SENDER"], deps: SenderDeps): Sender {
  return SENDER_PROVIDERS[id](deps);
}
