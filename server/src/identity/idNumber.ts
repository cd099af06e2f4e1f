/**
 * PRC resident ID numbers 「居民身份证号码」 (GB 11643-1999) for 实名认证 (ID-2): the checks that run before an
 * identity-check provider is asked, and the masks used whenever a number or phone leaves the server.
 */

/** Whether a 6-digit GB/T 2260 region code is known; injected so the caller chooses the code list. */
export type RegionLookup = (code: string) => boolean;

/** One node of an edition's divisions catalog (province → city → county). */
export interface DivisionNode {
  value: string;
  label: string;
  children?: readonly DivisionNode[];
}

/** An edition's divisions catalog, e.g. `forms/editions/hubei-2024/catalogs/divisions.json`. */
export interface DivisionsCatalog {
  items: readonly DivisionNode[];
}

/** Why a number was rejected; each reason has one Chinese message in `ID_NUMBER_MESSAGES`. */
export type IdNumberFailureReason = "format" | "checksum" | "birth_date" | "region";

/** The outcome of `validateIdNumber`: the facts read from a valid number, or the first check that failed. */
export type IdNumberResult =
  | {
      ok: true;
      /** 18 characters, check character upper-case. */
      normalized: string;
      birthDate: string;
      sex: "male" | "female";
      regionCode: string;
    }
  | { ok: false; reason: IdNumberFailureReason; message: string };

/** The message shown to the user for each failure reason. */
export const ID_NUMBER_MESSAGES: Readonly<Record<IdNumberFailureReason, string>> = {
  format: "身份证号码应为18位，最后一位可以是数字或X",
  checksum: "身份证号码校验位不正确，请核对后重新输入",
  birth_date: "身份证号码中的出生年月日无效",
  region: "身份证号码中的地区代码不存在",
};

// ISO 7064 MOD 11-2 as GB 11643 tabulates it: weight i is 2^(17-i) mod 11, and the sum mod 11 indexes this map.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = "10X98765432";
const ID_PATTERN = /^\d{17}[\dX]$/;
const EARLIEST_BIRTH_YEAR = 1900;
// Birth dates are Chinese calendar days; China has one time zone and no daylight saving.
const CHINA_UTC_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * Checks an ID number the way ID-2 requires: format, check character, a real birth date (1900 … today in
 * China) and a known region code. The first failing check decides the reason.
 */
export function validateIdNumber(
  input: string,
  isKnownRegion: RegionLookup,
  options: { now?: Date } = {},
): IdNumberResult {
  // NFKC turns full-width digits and 「Ｘ」 typed with a Chinese input method into ASCII.
  const normalized = input.normalize("NFKC").trim().toUpperCase();
  if (!ID_PATTERN.test(normalized)) return failure("format");
  if (checkCharacter(normalized) !== normalized[17]) return failure("checksum");

  const birthDate = `${normalized.slice(6, 10)}-${normalized.slice(10, 12)}-${normalized.slice(12, 14)}`;
  if (!isRealDate(birthDate) || birthDate < `${EARLIEST_BIRTH_YEAR}-01-01`) return failure("birth_date");
  if (birthDate > chinaToday(options.now ?? new Date())) return failure("birth_date");

  const regionCode = normalized.slice(0, 6);
  if (!isKnownRegion(regionCode)) return failure("region");

  // The 17th digit is the sequence code's last digit: odd for men, even for women.
  const sex = Number(normalized[16]) % 2 === 1 ? "male" : "female";
  return { ok: true, normalized, birthDate, sex, regionCode };
}

/**
 * Builds a `RegionLookup` from a divisions catalog. County codes match as they are; province and city codes
 * match padded with zeros (42 → 420000, 4201 → 420100) because older IDs were issued on those codes.
 */
export function regionLookupFromDivisions(catalog: DivisionsCatalog): RegionLookup {
  const codes = new Set<string>();
  const visit = (nodes: readonly DivisionNode[]): void => {
    for (const node of nodes) {
      const value = String(node.value);
      if (/^(\d{2}|\d{4}|\d{6})$/.test(value)) {
        codes.add(value.padEnd(6, "0"));
      } else if (!/^\d{9}(\d{3})?$/.test(value)) {
        // A catalog in another shape would otherwise reject every applicant's ID silently: fail at load instead.
        throw new Error(`divisions catalog: "${value}" (${node.label}) is not a region code`);
      }
      // 9- and 12-digit township / village codes (e.g. under 东莞市 441900, which has no county level) are
      // skipped: an ID number carries the city code for those people.
      if (node.children) visit(node.children);
    }
  };
  visit(catalog.items);
  if (codes.size === 0) throw new Error("divisions catalog has no region codes");
  return (code) => codes.has(code);
}

/**
 * Masks a document number for display: at most the first 4 and last 4 characters stay, and never more than
 * half of it (`4201**********123X`), so short passport numbers are not shown almost whole.
 */
export function maskIdNumber(value: string): string {
  return maskMiddle(Array.from(value.trim()), 4);
}

/** Masks a phone number for display: `139****5678` for a mainland mobile, the ID-number rule otherwise. */
export function maskPhone(value: string): string {
  const trimmed = value.trim();
  // The 3 + 4 convention shows 7 of 11 digits; users and operators expect exactly this form.
  if (/^1\d{10}$/.test(trimmed)) return `${trimmed.slice(0, 3)}****${trimmed.slice(7)}`;
  return maskIdNumber(trimmed);
}

function failure(reason: IdNumberFailureReason): IdNumberResult {
  return { ok: false, reason, message: ID_NUMBER_MESSAGES[reason] };
}

function checkCharacter(id: string): string {
  let sum = 0;
  for (let i = 0; i < WEIGHTS.length; i++) sum += Number(id[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARACTERS[sum % 11] ?? "";
}

function isRealDate(isoDate: string): boolean {
  const [year, month, day] = isoDate.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 02-30 over into March; a real date survives the round trip unchanged.
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function chinaToday(now: Date): string {
  return new Date(now.getTime() + CHINA_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

function maskMiddle(chars: string[], maxKeep: number): string {
  // Each kept end is at most a quarter of the value, so together they never reveal more than half.
  const keep = Math.min(maxKeep, Math.floor(chars.length / 4));
  const hidden = chars.length - 2 * keep;
  return chars.slice(0, keep).join("") + "*".repeat(hidden) + chars.slice(chars.length - keep).join("");
}
