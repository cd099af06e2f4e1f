/**
 * The CJK fonts of generated PDFs: Noto Sans SC Regular and Bold from `@expo-google-fonts/noto-sans-sc`,
 * which `npm ci` installs, so no system font is needed. Read and parsed once per process.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/** A parsed font pdfkit accepts in `registerFont` (anything with fontkit's `layout`). */
export interface ParsedFont {
  layout(text: string): unknown;
}

/** The two faces every generated PDF registers. */
export interface PdfFonts {
  regular: ParsedFont;
  bold: ParsedFont;
}

const require = createRequire(import.meta.url);

let loaded: PdfFonts | undefined;

/**
 * The parsed fonts, loaded on first use. A 10 MB CJK font costs ~100 ms to parse; pdfkit re-parses a
 * Buffer for every document, so it is handed the parsed font and only subsets it (only used glyphs embed).
 */
export function pdfFonts(): PdfFonts {
  if (loaded) return loaded;
  const fontDir = path.dirname(require.resolve("@expo-google-fonts/noto-sans-sc/package.json"));
  // The fontkit pdfkit itself depends on, resolved from pdfkit's folder: the server declares pdfkit, not
  // fontkit, and must parse with the same library pdfkit subsets with.
  const fontkit = createRequire(require.resolve("pdfkit"))("fontkit") as {
    create(bytes: Buffer): ParsedFont;
  };
  const parse = (file: string) => fontkit.create(readFileSync(path.join(fontDir, file)));
  loaded = {
    regular: parse("400Regular/NotoSansSC_400Regular.ttf"),
    bold: parse("700Bold/NotoSansSC_700Bold.ttf"),
  };
  return loaded;
}
