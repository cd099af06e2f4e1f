/**
 * pino logger whose output never carries an ID number or a phone number: known sensitive keys are
 * redacted and every string logged is scrubbed of anything shaped like one (PRC ID, mainland mobile).
 */
import { pino, type Logger, type DestinationStream } from "pino";

// 18-digit resident ID (last char may be X) and 15-digit legacy IDs; 11-digit mainland mobiles.
const ID_NUMBER =
  /(?<![0-9])[1-9][0-9]{5}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx](?![0-9])|(?<![0-9])[1-9][0-9]{14}(?![0-9])/g;
const MOBILE = /(?<![0-9])1[3-9][0-9]{9}(?![0-9])/g;

/** Replaces every ID-number-like and phone-like run in a string with a mask. */
export function scrubText(text: string): string {
  return text.replace(ID_NUMBER, "[身份证号已隐藏]").replace(MOBILE, "[手机号已隐藏]");
}

/** Deep copy of a log object with every string scrubbed (cycles and depth bounded). */
export function scrubValue(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === "string") return scrubText(value);
  if (typeof value === "number" && Number.isInteger(value) && value > 1e10) return scrubText(String(value));
  if (value === null || typeof value !== "object" || depth > 8) return value;
  if (seen.has(value)) return "[Circular]";
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, depth + 1, seen));
  if (value instanceof Error) {
    return {
      type: value.name,
      message: scrubText(value.message),
      stack: value.stack && scrubText(value.stack),
    };
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = scrubValue(item, depth + 1, seen);
  return out;
}

/** Keys that are never logged whatever their shape. */
const REDACT = [
  "idNumber",
  "*.idNumber",
  "phone",
  "*.phone",
  "password",
  "*.password",
  "code",
  "*.code",
  "token",
  "*.token",
  "req.headers.cookie",
  "req.headers.authorization",
  'res.headers["set-cookie"]',
];

/** Creates the process logger; `destination` lets tests capture lines. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACT, censor: "[已隐藏]" },
      formatters: { log: (object) => scrubValue(object) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((arg) => (typeof arg === "string" ? scrubText(arg) : arg)) as Parameters<typeof method>,
          );
        },
      },
      serializers: { err: (err: Error) => scrubValue(err) },
    },
    destination,
  );
}

export type { Logger };
