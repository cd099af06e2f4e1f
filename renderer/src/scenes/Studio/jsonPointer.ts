/**
 * Where a JSON Pointer (RFC 6901) points inside JSON text: the offset of the value (or, for a missing
 * member, of the deepest existing parent), so a lint finding opens the editor at the right line. A tolerant
 * scanner: text that does not parse yields the deepest position reached before the error.
 */

/** Splits a JSON Pointer into its unescaped segments ("" = the whole document). */
export function pointerSegments(pointer: string): string[] {
  if (pointer === "" || pointer === "/") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((segment) => segment.replaceAll("~1", "/").replaceAll("~0", "~"));
}

/** The offset in `text` of the value `pointer` names, or of its deepest existing ancestor (0 at worst). */
export function pointerOffset(text: string, pointer: string): number {
  const wanted = pointerSegments(pointer);
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i] as string)) i += 1;
  };
  const skipString = () => {
    i += 1;
    while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    i += 1;
  };
  const readString = (): string => {
    const start = i;
    skipString();
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      return "";
    }
  };
  // Skips one value starting at i (after whitespace).
  const skipValue = (): void => {
    ws();
    const c = text[i];
    if (c === '"') return skipString();
    if (c === "{" || c === "[") {
      const close = c === "{" ? "}" : "]";
      i += 1;
      ws();
      while (i < text.length && text[i] !== close) {
        if (c === "{") {
          ws();
          skipString();
          ws();
          i += 1; // ':'
        }
        skipValue();
        ws();
        if (text[i] === ",") i += 1;
        ws();
      }
      i += 1;
      return;
    }
    while (i < text.length && !/[,}\]\s]/.test(text[i] as string)) i += 1;
  };
  let best = 0;
  ws();
  for (const segment of wanted) {
    ws();
    best = i;
    const c = text[i];
    if (c === "{") {
      i += 1;
      let found = false;
      ws();
      while (i < text.length && text[i] !== "}") {
        ws();
        const keyAt = i;
        const name = readString();
        ws();
        i += 1; // ':'
        ws();
        if (name === segment) {
          found = true;
          best = keyAt;
          break;
        }
        skipValue();
        ws();
        if (text[i] === ",") i += 1;
        ws();
      }
      if (!found) return best;
    } else if (c === "[") {
      const index = Number(segment);
      i += 1;
      let found = false;
      for (let n = 0; i < text.length; n += 1) {
        ws();
        if (text[i] === "]") break;
        if (n === index) {
          found = true;
          best = i;
          break;
        }
        skipValue();
        ws();
        if (text[i] === ",") i += 1;
      }
      if (!found) return best;
    } else return best;
  }
  return Math.min(best, text.length);
}
