/**
 * The built-in sender: appends each message as one JSON line to `<dataDir>/outbox.jsonl`, where an operator
 * (or a test) reads it. Needs no outside service, so `npm start` can sign people in with phone codes.
 */
import { open } from "node:fs/promises";
import { DuplicateKeyError } from "../../errors.js";
import type { Clock } from "../../ports/clock.js";
import type { OutgoingMessage, SendResult, Sender, SenderChannel } from "../../ports/sender.js";
import type { Collection } from "../../ports/store.js";
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
 * `Sender` writing to the outbox file. The idempotency key is claimed in the store before the line is
 * written, so web processes sharing the store never send a message twice; if the write fails the claim is
 * released for a retry. A process killed between claim and write loses that message (the user asks for a
 * new code) rather than ever sending it twice.
 */
export class OutboxSender implements Sender {
  readonly kind = "outbox";

  constructor(
    private readonly file: string,
    private readonly sent: Collection<SentMessageDoc>,
    private readonly clock: Clock,
  ) {}

  async send(message: OutgoingMessage): Promise<SendResult> {
    const now = this.clock.now();
    let claim;
    try {
      claim = await this.sent.insert({
        idempotencyKey: message.idempotencyKey,
        channel: message.channel,
        template: message.template,
        sentAt: now,
      });
    } catch (error) {
      if (error instanceof DuplicateKeyError) return { status: "duplicate" };
      throw error;
    }
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
      await this.sent.delete(claim._id).catch(() => undefined);
      throw error;
    }
    return { status: "sent" };
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
