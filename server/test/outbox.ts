/** Reads the outbox sender's file, as an operator would, to find the codes sent. */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { OUTBOX_FILE, type OutboxLine } from "../src/providers/sender/outboxSender.js";

/** Every message in `<dataDir>/outbox.jsonl`, oldest first. */
export function readOutbox(dataDir: string): OutboxLine[] {
  const file = path.join(dataDir, OUTBOX_FILE);
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as OutboxLine);
}

/** The code in the latest sign-in message to `phone`; throws when none was sent. */
export function lastSignInCode(dataDir: string, phone: string): string {
  const message = readOutbox(dataDir)
    .filter((line) => line.to === phone && line.template === "signInCode")
    .at(-1);
  const code = message && /验证码是(\d{6})/.exec(message.text)?.[1];
  if (!code) throw new Error(`no sign-in code was sent to ${phone}`);
  return code;
}
