import { appendFile, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { collectionsOf, declareCollections } from "../../store/collections.js";
import { ManualClock } from "../../../test/manualClock.js";
import { readOutbox } from "../../../test/outbox.js";
import { openSqliteTestStore, type TestStore } from "../../../test/storeFactories.js";
import { SqliteStore } from "../../store/sqliteStore.js";
import { createSender } from "./index.js";
import { OutboxSender, OUTBOX_FILE } from "./outboxSender.js";

const message = {
  to: "13912345678",
  channel: "sms" as const,
  template: "signInCode",
  text: "【申报】您的登录验证码是123456，5分钟内有效。",
  idempotencyKey: "signInCode:abc:1",
};

const pick = ({ idempotencyKey, channel, template }: typeof message) => ({
  idempotencyKey,
  channel,
  template,
});

describe("OutboxSender", () => {
  let dataDir: string;
  let testStore: TestStore;
  const clock = new ManualClock();

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "shenbao-outbox-"));
    testStore = await openSqliteTestStore();
    await declareCollections(testStore.store);
  });
  afterEach(async () => {
    await testStore.cleanup();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("is the sender chosen by SHENBAO_SENDER=outbox", () => {
    const sender = createSender("outbox", { env: { dataDir }, store: testStore.store, clock });
    expect(sender).toBeInstanceOf(OutboxSender);
    expect(sender.kind).toBe("outbox");
  });

  it("appends one JSON line per message with recipient, channel, template, text and time", async () => {
    const sender = createSender("outbox", { env: { dataDir }, store: testStore.store, clock });
    expect(await sender.send(message)).toEqual({ status: "sent" });
    expect(await sender.send({ ...message, idempotencyKey: "signInCode:abc:2", text: "第二条" })).toEqual({
      status: "sent",
    });
    expect(readOutbox(dataDir)).toEqual([
      { ...message, time: new Date(clock.now()).toISOString() },
      {
        ...message,
        idempotencyKey: "signInCode:abc:2",
        text: "第二条",
        time: new Date(clock.now()).toISOString(),
      },
    ]);
  });

  it("does not send a repeated idempotency key again, even from another process's sender", async () => {
    const file = path.join(dataDir, OUTBOX_FILE);
    const second = new SqliteStore((testStore.store as SqliteStore).file);
    try {
      await declareCollections(second);
      const here = new OutboxSender(file, collectionsOf(testStore.store).sentMessages, clock);
      const there = new OutboxSender(file, collectionsOf(second).sentMessages, clock);
      expect(await here.send(message)).toEqual({ status: "sent" });
      expect(await there.send(message)).toEqual({ status: "duplicate" });
      expect(await here.send(message)).toEqual({ status: "duplicate" });
      expect(readOutbox(dataDir)).toHaveLength(1);
    } finally {
      await second.close();
    }
  });

  it("releases the idempotency key when the line cannot be written, so a retry sends it", async () => {
    const sent = collectionsOf(testStore.store).sentMessages;
    const broken = new OutboxSender(path.join(dataDir, "missing-folder", OUTBOX_FILE), sent, clock);
    await expect(broken.send(message)).rejects.toThrow(/ENOENT/);
    const working = new OutboxSender(path.join(dataDir, OUTBOX_FILE), sent, clock);
    expect(await working.send(message)).toEqual({ status: "sent" });
    expect(readOutbox(dataDir)).toHaveLength(1);
  });
  it("a send killed after its claim but before the line is sent by the retry, once (issue 11)", async () => {
    const sent = collectionsOf(testStore.store).sentMessages;
    // What a process killed between claim and append leaves behind.
    await sent.insert({ ...pick(message), sentAt: clock.now(), state: "sending" });
    const sender = new OutboxSender(path.join(dataDir, OUTBOX_FILE), sent, clock);
    expect(await sender.send(message)).toEqual({ status: "sent" });
    expect(await sender.send(message)).toEqual({ status: "duplicate" });
    expect(readOutbox(dataDir)).toHaveLength(1);
    const [claim] = (await sent.find({ idempotencyKey: message.idempotencyKey })).items;
    expect(claim?.state).toBe("delivered");
  });

  it("a send killed after the line but before recording it is not written again by the retry", async () => {
    const sent = collectionsOf(testStore.store).sentMessages;
    const file = path.join(dataDir, OUTBOX_FILE);
    const sender = new OutboxSender(file, sent, clock);
    expect(await sender.send({ ...message, idempotencyKey: "other:1" })).toEqual({ status: "sent" });
    await sent.insert({ ...pick(message), sentAt: clock.now(), state: "sending" });
    await appendFile(file, `${JSON.stringify({ ...message, time: new Date(clock.now()).toISOString() })}\n`);
    expect(await sender.send(message)).toEqual({ status: "duplicate" });
    expect(readOutbox(dataDir).filter((line) => line.idempotencyKey === message.idempotencyKey)).toHaveLength(
      1,
    );
  });
});
