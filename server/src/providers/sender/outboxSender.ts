/**
 * The built-in sender: appends each message as one JSON line to `<dataDir>/outbox.jsonl`, where an operator
 * (or a test) reads it. Needs no outside service, so `npm start` can sign people in with phone codes.
 */
import { open } from "node:fs/promises";
import { setTimeout as wait } from "node:timers/promises";
import { DuplicateKeyError, RevisionConflictError } from "../../errors.js";
import type { Clock } from "../../ports/clock.js";
import type { OutgoingMessage, SendResult, Sender, SenderChannel } from "../../ports/sender.js";
import type { Collection, Stored } from "../../ports/store.js";
import type { SentMessageDoc } from "../../store/collections.js";

/** The outbox file's name inside the data directory. */
export const OUTBOX_FILE = "outbox.jsonl";

/** One line of the outbox. */
export interface OutboxLine {
  to: string;
  channel: SenderChannel;
  template: string;
  text: string;
  /** ISO time the message was sent, by the injected clock. */
  time: string;
  idempotencyKey: string;
}

/**
 * `Sender` writing to the outbox file, at least once and idempotently (issue 11): the idempotency key is
 * claimed in the store as "sending", the line is appended (fsync), then the claim becomes "delivered".
 * A process killed in between leaves a "sending" claim; the retry looks for the key in the outbox and
 * appends the line only if it is not there, so a crash neither loses the message (the old order recorded
 * the claim first and lost it) nor writes it twice. Two processes retrying one key at the same moment may
 * both append (the queue's lease makes that a slow worker overtaken by its own retry, not a crash case).
 */
export class OutboxSender implements Sender {
  readonly kind = "outbox";

  constructor(
    private readonly file: string,
    private readonly sent: Collection<SentMessageDoc>,
    private readonly clock: Clock,
    /** Fault tests only (`SHENBAO_TEST_SEND_DELAY_MS`): a pause between claim and line. */
    private readonly claimToLineDelayMs = 0,
  ) {}

  async send(message: OutgoingMessage): Promise<SendResult> {
    const now = this.clock.now();
    let claim: Stored<SentMessageDoc>;
    let recovering = false;
    try {
      claim = await this.sent.insert({
        idempotencyKey: message.idempotencyKey,
        channel: message.channel,
        template: message.template,
        sentAt: now,
        state: "sending",
      });
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
      const [existing] = (await this.sent.find({ idempotencyKey: message.idempotencyKey }, { limit: 1 }))
        .items;
      if (existing === undefined) throw error;
      if (existing.state !== "sending") return { status: "duplicate" };
      // An earlier attempt died between claim and record: was the line written before it died?
      claim = existing;
      recovering = true;
    }
    if (recovering && (await outboxHolds(this.file, message.idempotencyKey))) {
      await this.delivered(claim);
      return { status: "duplicate" };
    }
    if (this.claimToLineDelayMs > 0) await wait(this.claimToLineDelayMs);
    const line: OutboxLine = {
      to: message.to,
      channel: message.channel,
      template: message.template,
      text: message.text,
      time: new Date(now).toISOString(),
      idempotencyKey: message.idempotencyKey,
    };
    try {
      await appendDurably(this.file, `${JSON.stringify(line)}\n`);
    } catch (error) {
      if (!recovering) await this.sent.delete(claim._id).catch(() => undefined);
      throw error;
    }
    await this.delivered(claim);
    return { status: "sent" };
  }

  private async delivered(claim: Stored<SentMessageDoc>): Promise<void> {
    const { _id, rev, createdAt: _c, updatedAt: _u, ...fields } = claim;
    try {
      await this.sent.replace(_id, rev, { ...fields, state: "delivered" });
    } catch (error) {
      // Another attempt recorded it first: delivered either way.
      if (!(error instanceof RevisionConflictError)) throw error;
    }
  }
}

/** Whether the outbox already holds a line with `key` (read only when recovering an interrupted send). */
async function outboxHolds(file: string, key: string): Promise<boolean> {
  const needle = `"idempotencyKey":${JSON.stringify(key)}`;
  let handle;
  try {
    handle = await open(file, "r");
  } catch {
    return false;
  }
  try {
    for await (const line of handle.readLines({ encoding: "utf8" })) if (line.includes(needle)) return true;
    return false;
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * O_APPEND puts each write at the end of the file even with several processes appending, and one write()
 * per line keeps lines whole; fsync before answering, so a message reported sent survives a crash. Mode
 * 0600 because the lines hold phone numbers and live codes.
 */
async function appendDurably(file: string, text: string): Promise<void> {
  const handle = await open(file, "a", 0o600);
  try {
    const bytes = Buffer.from(text, "utf8");
    let offset = 0;
    while (offset < bytes.length) {
      const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
      offset += bytesWritten;
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
}
