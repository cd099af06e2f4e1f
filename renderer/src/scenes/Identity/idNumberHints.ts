/**
 * Instant, local hints while typing a resident ID number (ID-2): length, characters, GB 11643 check digit
 * and a real date of birth. The server checks again (and the region code); these only save a round trip.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = "10X98765432";

/** The problem with a resident ID number as typed so far, or undefined when it looks right. */
export function residentIdHint(raw: string, today = new Date()): string | undefined {
  const value = raw.trim().toUpperCase();
  if (value === "") return undefined;
  if (!/^\d{0,17}[\dX]?$/.test(value) || (value.includes("X") && !value.endsWith("X")))
    return "身份证号码只能是数字，最后一位可以是 X";
  if (value.length < 18) return `身份证号码应为18位，已输入${value.length}位`;
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * Number(value[i]), 0);
  if (CHECK_CHARS[sum % 11] !== value[17]) return "身份证号码校验位不正确，请核对后重新输入";
  const [year, month, day] = [value.slice(6, 10), value.slice(10, 12), value.slice(12, 14)].map(Number) as [
    number,
    number,
    number,
  ];
  const birth = new Date(Date.UTC(year, month - 1, day));
  const real =
    birth.getUTCFullYear() === year && birth.getUTCMonth() === month - 1 && birth.getUTCDate() === day;
  if (!real || year < 1900 || birth.getTime() > today.getTime()) return "身份证号码中的出生年月日不正确";
  return undefined;
}
