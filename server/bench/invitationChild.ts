/**
 * Child process: the app and the worker in one process, as embedded mode runs them (`startRuntime` with both
 * roles: tasks registered, queue started, reconciler running), on a temp data directory with the outbox
 * sender. `argv[2]` candidates each get an apprentice application, ready for one supervisor selection.
 * `SHENBAO_QUEUE=bullmq` (with `REDIS_URL`, `SHENBAO_QUEUE_PREFIX`) in the child's environment selects
 * BullMQ over the SQLite store's outbox relay instead of the embedded queue.
 */
import { applicationStarter } from "../src/commands/applicationStarter.js";
import { candidateTypeChooser } from "../src/commands/candidateTypeChooser.js";
import { createLogger } from "../src/logger.js";
import { registerTasks } from "../src/tasks/index.js";
import { startInvitationReconciler } from "../src/tasks/invitationReconciler.js";
import { buildCandidate, publishShippedEdition } from "../test/factories.js";
import { importTeachers } from "../test/invitationFactories.js";
import { startTestServer } from "../test/testApp.js";
import { serveForBench } from "./childProtocol.js";

/** One candidate's application and the registry ref to select on it. */
export interface InviteSlot {
  cookie: string;
  applicationId: string;
  ref: string;
}

/** What the invitation child reports once its app and worker run. */
export interface InvitationChildReady {
  url: string;
  /** Where `outbox.jsonl` is written. */
  dataDir: string;
  queue: string;
  slots: InviteSlot[];
}

// Only the queue settings are forwarded; the rest of the configuration is the test server's.
const QUEUE_ENV = ["SHENBAO_QUEUE", "REDIS_URL", "SHENBAO_QUEUE_PREFIX"] as const;

serveForBench<InvitationChildReady>(async () => {
  const count = Number(process.argv[2] ?? "1");
  const env = Object.fromEntries(
    QUEUE_ENV.flatMap((name) => (process.env[name] ? [[name, process.env[name]]] : [])),
  );
  const server = await startTestServer({ env });
  // Warnings only: per-job debug lines would be I/O inside the measured path.
  const logger = createLogger("warn", process.stderr);
  const { store, queue } = server.ports;
  const { clock } = server.services;
  registerTasks(server.ports, server.services, logger);
  await queue.start();
  const reconciler = startInvitationReconciler({ store, queue, clock, logger });
  try {
    await publishShippedEdition(store, clock);
    const refs = await importTeachers(server);
    const slots: InviteSlot[] = [];
    for (let i = 0; i < count; i++) {
      const candidate = await buildCandidate(server);
      const { application } = await applicationStarter({ store, clock }, { userId: candidate.userId });
      const typed = await candidateTypeChooser(
        { store, clock },
        { application, actor: candidate.userId, candidateType: "apprentice", confirm: false },
      );
      slots.push({ cookie: candidate.cookie, applicationId: typed._id, ref: refs.sup1 });
    }
    return {
      ready: { url: server.url, dataDir: server.dataDir, queue: queue.kind, slots },
      async close() {
        await reconciler.stop();
        await server.close();
      },
    };
  } catch (error) {
    await reconciler.stop();
    await server.close();
    throw error;
  }
});
