/**
 * The CJK fonts of generated PDFs: Noto Sans SC Regular and Bold from `@expo-google-fonts/noto-sans-sc`, and
 * Noto Sans JP from `@expo-google-fonts/noto-sans-jp` as the per-glyph fallback for ideographs beyond the SC
 * set (CJK Extension B names such as 𠮷, issue 11). Both are Source Han Sans designs under the SIL Open
 * Font License 1.1; `npm ci` installs them, so no system font is needed. Read and parsed once per process.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/** A parsed font pdfkit accepts in `registerFont` (anything with fontkit's `layout`). */
export interface ParsedFont {
  layout(text: string): unknown;
  hasGlyphForCodePoint(codePoint: number): boolean;
}

/** The faces every generated PDF registers: each weight with its fallback. */
export interface PdfFonts {
  regular: ParsedFont;
  bold: ParsedFont;
  regularFallback: ParsedFont;
  boldFallback: ParsedFont;
}

const require = createRequire(import.meta.url);

let loaded: PdfFonts | undefined;

/**
 * The parsed fonts, loaded on first use. A 10 MB CJK font costs ~100 ms to parse; pdfkit re-parses a
 * Buffer for every document, so it is handed the parsed font and only subsets it (only used glyphs embed).
 */
export function pdfFonts(): PdfFonts {
  if (loaded) return loaded;
  // The fontkit pdfkit itself depends on, resolved from pdfkit's folder: the server declares pdfkit, not
  // fontkit, and must parse with the same library pdfkit subsets with.
  const fontkit = createRequire(require.resolve("pdfkit"))("fontkit") as {
    create(bytes: Buffer): ParsedFont;
  };
  const parse = (fontPackage: string, file: string) => {
    const fontDir = path.dirname(require.resolve(`${fontPackage}/package.json`));
    return fontkit.create(readFileSync(path.join(fontDir, file)));
  };
  loaded = {
    regular: parse("@expo-google-fonts/noto-sans-sc", "400Regular/NotoSansSC_400Regular.ttf"),
    bold: parse("@expo-google-fonts/noto-sans-sc", "700Bold/NotoSansSC_700Bold.ttf"),
    regularFallback: parse("@expo-google-fonts/noto-sans-jp", "400Regular/NotoSansJP_400Regular.ttf"),
    boldFallback: parse("@expo-google-fonts/noto-sans-jp", "700Bold/NotoSansJP_700Bold.ttf"),
  };
  return loaded;
}
