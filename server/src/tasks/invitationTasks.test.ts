import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PermanentJobError } from "../errors.js";
import { DAY_MS } from "../invitations/invitationSettings.js";
import type { EmbeddedQueue } from "../queue/embeddedQueue.js";
import type { SqliteStore } from "../store/sqliteStore.js";
import { collectionsOf } from "../store/collections.js";
import { memoryLogger, startTestServer, type TestServer } from "../../test/testApp.js";
import {
  filledCandidate,
  importTeachers,
  invitedToken,
  signAs,
  TEACHER_ROWS,
  verifiedTeacher,
} from "../../test/invitationFactories.js";
import { ManualClock } from "../../test/manualClock.js";
import { readOutbox } from "../../test/outbox.js";
import type { TaskContext } from "./index.js";
import { invitationExpireTask } from "./invitationExpireTask.js";
import { invitationNotifyTask } from "./invitationNotifyTask.js";
import { reconcileInvitations } from "./invitationReconciler.js";
import { invitationRemindTask } from "./invitationRemindTask.js";

let server: TestServer;
let clock: ManualClock;
let context: TaskContext;
let invitationId: string;
let token: string;
const row = TEACHER_ROWS.sup1;

beforeEach(async () => {
  clock = new ManualClock();
  server = await startTestServer({ clock });
  const refs = await importTeachers(server);
  const candidate = await filledCandidate(server, "apprentice");
  ({ invitationId, token } = await invitedToken(server, candidate, candidate.application._id, {
    role: "supervisor",
    ref: refs.sup1,
  }));
  context = { ports: server.ports, services: server.services, logger: memoryLogger().logger };
});
afterEach(() => server.close());

const linesFor = (key: string) => readOutbox(server.dataDir).filter((line) => line.idempotencyKey === key);
const invitation = () => collectionsOf(server.ports.store).invitations.get(invitationId);

describe("invitationNotifyTask", () => {
  it("sends the link to the registry phone once, however often the job runs, and marks it 已发送", async () => {
    await invitationNotifyTask.perform({ invitationId }, context);
    await invitationNotifyTask.perform({ invitationId }, context);
    const lines = linesFor(`invitation:${invitationId}:notify`);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ to: String(row.phone), template: "invitationNotify" });
    expect(lines[0]?.text).toContain(`/t/${token}`);
    expect((await invitation())?.state).toBe("sent");
  });

  it("fails permanently for an invitation that does not exist", async () => {
    await expect(invitationNotifyTask.perform({ invitationId: "missing" }, context)).rejects.toBeInstanceOf(
      PermanentJobError,
    );
  });
});

describe("invitationRemindTask", () => {
  it("reminds on day 3 once, retries a run that comes early, and does nothing for a signed invitation", async () => {
    await expect(invitationRemindTask.perform({ invitationId, day: 3 }, context)).rejects.toThrow(/early/);
    clock.advance(3 * DAY_MS);
    await invitationRemindTask.perform({ invitationId, day: 3 }, context);
    await invitationRemindTask.perform({ invitationId, day: 3 }, context);
    expect(linesFor(`invitation:${invitationId}:remind:3`)).toHaveLength(1);

    const cookie = await verifiedTeacher(server, token, row);
    expect((await signAs(server, token, cookie)).status).toBe(201);
    clock.advance(4 * DAY_MS);
    await invitationRemindTask.perform({ invitationId, day: 7 }, context);
    expect(linesFor(`invitation:${invitationId}:remind:7`)).toHaveLength(0);
  });
});

describe("invitationExpireTask", () => {
  it("expires a live invitation at its expiry and not before", async () => {
    await expect(invitationExpireTask.perform({ invitationId }, context)).rejects.toThrow(/before/);
    expect((await invitation())?.state).toBe("pending");
    clock.advance(14 * DAY_MS);
    await invitationExpireTask.perform({ invitationId }, context);
    expect((await invitation())?.state).toBe("expired");
  });
});

describe("reconcileInvitations", () => {
  it("puts back the jobs of live invitations that the queue lost, under the same ids", async () => {
    const queue = server.ports.queue as EmbeddedQueue;
    await (server.ports.store as SqliteStore).exclusive((db) => db.prepare("DELETE FROM queue_jobs").run());
    expect(await queue.getJob(`invitation:${invitationId}:notify`)).toBeNull();
    expect(await reconcileInvitations({ store: server.ports.store, queue, clock })).toBe(4);
    for (const id of ["notify", "remind:3", "remind:7", "expire"])
      expect(await queue.getJob(`invitation:${invitationId}:${id}`), id).not.toBeNull();
    // A second pass finds them all there: deterministic ids dedupe.
    await reconcileInvitations({ store: server.ports.store, queue, clock });
    expect((await queue.counts()).delayed + (await queue.counts()).waiting).toBe(4);
  });
});
