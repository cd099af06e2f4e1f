/**
 * The notification sender port: one text message to one recipient. Adapters: the built-in outbox file
 * (embedded, `<dataDir>/outbox.jsonl`) and, later, HTTP adapters to SMS services, chosen by configuration.
 */

/** The channels a message can go out on; WeChat template messages will join "sms". */
export type SenderChannel = "sms";

/** One message. `idempotencyKey` is deterministic per logical message, so a retry never sends it twice. */
export interface OutgoingMessage {
  /** Recipient address: a normalised mainland mobile number for "sms". Never logged. */
  to: string;
  channel: SenderChannel;
  /** Stable template id (e.g. "signInCode"), as SMS services require registered templates. */
  template: string;
  /** The rendered text, as the recipient reads it. */
  text: string;
  idempotencyKey: string;
}

/** What `send` did: "sent" now, or "duplicate" when this idempotency key was already sent. */
export interface SendResult {
  status: "sent" | "duplicate";
}

/** The sender port. */
export interface Sender {
  /** Provider id as chosen by `SHENBAO_SENDER`, e.g. "outbox". */
  readonly kind: string;
  send(message: OutgoingMessage): Promise<SendResult>;
}
