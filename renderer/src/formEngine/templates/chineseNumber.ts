/** Chinese numerals for list positions: 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (larger: digits). */
const DIGITS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/** `n` (1–99) in Chinese numerals, as list entry titles number them; other numbers as digits. */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  const head = tens === 0 ? "" : tens === 1 ? "十" : `${DIGITS[tens]}十`;
  return ones === 0 ? head : `${head}${DIGITS[ones]}`;
}
