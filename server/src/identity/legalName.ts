/**
 * Legal names as documents print them (issue 11): one spelling of the separator in minority and foreign
 * names (「阿沛·阿旺晋美」, whichever of the look-alike dots a phone keyboard typed), no stray whitespace,
 * and bounds a real name fits: letters only, 2 to 60 characters, separators only between parts.
 */
import { z } from "zod";

/** The separator GB 18030 and the ID card use: U+00B7 MIDDLE DOT. */
export const NAME_SEPARATOR = "\u00b7";

// Look-alikes that keyboards and input methods produce for the separator: Greek ano teleia, bullet,
// hyphenation point, bullet operator, dot operator, katakana middle dot (full and half width), Hangul
// araea, word separator middle dot, runic single punctuation, and the full-width full stop.
const SEPARATOR_VARIANTS = /[\u0387\u2022\u2027\u2219\u22c5\u30fb\uff65\u318d\u2e31\u16eb\uff0e]/gu;
// An ASCII full stop between two Han characters is the same separator typed on a Latin keyboard.
const HAN_PERIOD = /(?<=\p{Script=Han})\s*\.\s*(?=\p{Script=Han})/gu;
const LETTERS = /^[\p{L}\p{M}·' -]+$/u;
const MIN_LENGTH = 2;
const MAX_LENGTH = 60;

/** `raw` in the one spelling a name is stored and compared in. */
export function normalizeLegalName(raw: string): string {
  return raw
    .normalize("NFC")
    .replace(SEPARATOR_VARIANTS, NAME_SEPARATOR)
    .replace(HAN_PERIOD, NAME_SEPARATOR)
    .replace(/\s+/gu, " ")
    .replace(/ ?· ?/gu, NAME_SEPARATOR)
    .trim();
}

/** What makes a normalised name implausible, in the user's words; undefined when it may be a name. */
export function legalNameProblem(name: string): string | undefined {
  const length = Array.from(name).length;
  if (length < MIN_LENGTH) return "名字至少应有2个字";
  if (length > MAX_LENGTH) return `名字不能超过${MAX_LENGTH}个字`;
  if (!LETTERS.test(name)) return "名字只能包含文字和间隔号「·」，不能有数字或符号";
  if (/^[·' -]|[·' -]$|[·'-]{2}/u.test(name)) return "间隔号「·」只能写在名字的两部分之间";
  return undefined;
}

/** The zod schema of a legal name field: `required` is the message when it is missing or empty. */
export function legalName(required: string) {
  return z
    .string({ error: required })
    .transform(normalizeLegalName)
    .superRefine((name, ctx) => {
      const problem = name === "" ? required : legalNameProblem(name);
      if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
    });
}
