/**
 * Per-glyph font fallback for generated PDFs (issue 11): Noto Sans SC has no glyph for ideographs of CJK
 * Extension B such as 𠮷 (U+20BB7) in a name, and pdfkit does not fall back by itself, so text is cut into
 * runs by which font has the glyph and each run is drawn with that font.
 */

/** A piece of text and whether it needs the fallback face. */
export interface FontRun {
  text: string;
  fallback: boolean;
}

/**
 * `text` cut into runs: a character the primary font lacks but the fallback has goes to the fallback;
 * everything else (including what neither has) stays with the primary font.
 */
export function fontRuns(
  text: string,
  primaryHas: (codePoint: number) => boolean,
  fallbackHas: (codePoint: number) => boolean,
): FontRun[] {
  const runs: FontRun[] = [];
  for (const character of text) {
    const codePoint = character.codePointAt(0)!;
    const fallback = !primaryHas(codePoint) && fallbackHas(codePoint);
    const last = runs.at(-1);
    if (last !== undefined && last.fallback === fallback) last.text += character;
    else runs.push({ text: character, fallback });
  }
  return runs;
}
