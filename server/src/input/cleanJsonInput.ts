/**
 * The shared guard over every parsed JSON body (issue 11): bounded nesting, and text that can be stored,
 * printed and searched. Strings and keys with control characters, NUL, lone surrogates, bidirectional
 * overrides or U+FFFD (what invalid UTF-8 decodes to) are refused; harmless differences are normalised
 * (Unicode NFC, CR LF → LF), so one answer has one spelling.
 */
import { InputTooDeepError, InvalidCharactersError } from "../errors.js";

/** Deepest nesting of objects and arrays a request body may have; edition schemas need fewer than ten. */
export const MAX_JSON_DEPTH = 32;

// C0 controls except tab, LF and CR; DEL and the C1 block; bidirectional embeddings, overrides and isolates
// (they reorder what a reviewer reads); U+FFFD, the replacement for bytes that were not UTF-8; and the
// noncharacters no text may hold.
const REFUSED =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point here
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffd\ufffe\uffff]/;
// Half of a surrogate pair without the other half: not a character, and not encodable as UTF-8.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why `text` cannot be stored, or undefined when it can. */
export function textProblem(text: string): "characters" | undefined {
  if (REFUSED.test(text) || LONE_SURROGATE.test(text)) return "characters";
  return undefined;
}

/** `text` in its one stored spelling: NFC, line breaks as LF. */
export function normaliseText(text: string): string {
  const nfc = text.normalize("NFC");
  return nfc.includes("\r") ? nfc.replace(/\r\n?/g, "\n") : nfc;
}

type JsonLike = string | number | boolean | null | JsonLike[] | { [key: string]: JsonLike };

/**
 * Returns `value` with every string (and key) normalised; throws `InputTooDeepError` past
 * `MAX_JSON_DEPTH` and `InvalidCharactersError` naming the first offending path. Iterative, so no input
 * can exhaust the stack.
 */
export function cleanJsonInput(value: unknown): unknown {
  const root: { value: unknown } = { value };
  const stack: {
    holder: Record<string | number, unknown>;
    key: string | number;
    depth: number;
    path: string;
  }[] = [{ holder: root as unknown as Record<string, unknown>, key: "value", depth: 0, path: "" }];
  while (stack.length > 0) {
    const { holder, key, depth, path } = stack.pop()!;
    const current = holder[key] as JsonLike;
    if (typeof current === "string") {
      if (textProblem(current)) throw new InvalidCharactersError(path);
      holder[key] = normaliseText(current);
      continue;
    }
    if (typeof current !== "object" || current === null) continue;
    if (depth >= MAX_JSON_DEPTH) throw new InputTooDeepError();
    if (Array.isArray(current)) {
      current.forEach((_item, index) =>
        stack.push({
          holder: current as unknown as Record<number, unknown>,
          key: index,
          depth: depth + 1,
          path: join(path, index),
        }),
      );
      continue;
    }
    for (const name of Object.keys(current)) {
      if (textProblem(name)) throw new InvalidCharactersError(path);
      const clean = normaliseText(name);
      if (clean !== name) {
        current[clean] = current[name]!;
        delete current[name];
      }
      stack.push({ holder: current, key: clean, depth: depth + 1, path: join(path, clean) });
    }
  }
  return root.value;
}

function join(path: string, key: string | number): string {
  return path === "" ? String(key) : `${path}.${key}`;
}
