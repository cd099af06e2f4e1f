import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { DivisionsCatalog } from "./idNumber.js";
import {
  ID_NUMBER_MESSAGES,
  maskIdNumber,
  maskPhone,
  regionLookupFromDivisions,
  validateIdNumber,
} from "./idNumber.js";

/**
 * Builds a valid number from its parts with ISO 7064 MOD 11-2 written from its definition (weights 2^(17-i)
 * mod 11, check = (12 - sum mod 11) mod 11, 10 → X), independent of the module's lookup table.
 */
function buildIdNumber(region: string, birth: string, sequence: string): string {
  const body = `${region}${birth}${sequence}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * (2 ** (17 - i) % 11);
  const check = (12 - (sum % 11)) % 11;
  return body + (check === 10 ? "X" : String(check));
}

/** A number whose check character is X, found by trying sequence codes. */
function buildIdNumberEndingInX(region: string, birth: string): string {
  for (let sequence = 0; sequence < 1000; sequence++) {
    const id = buildIdNumber(region, birth, String(sequence).padStart(3, "0"));
    if (id.endsWith("X")) return id;
  }
  throw new Error("no sequence gives X");
}

const CATALOG: DivisionsCatalog = {
  items: [
    {
      value: "42",
      label: "湖北省",
      children: [{ value: "4201", label: "武汉市", children: [{ value: "420102", label: "江岸区" }] }],
    },
    {
      value: "110000",
      label: "北京市",
      children: [{ value: "110100", label: "市辖区", children: [{ value: "110105", label: "朝阳区" }] }],
    },
  ],
};
const isKnownRegion = regionLookupFromDivisions(CATALOG);
const NOW = { now: new Date("2024-06-01T04:00:00Z") };

function validate(id: string, options = NOW) {
  return validateIdNumber(id, isKnownRegion, options);
}

describe("validateIdNumber", () => {
  it("accepts a valid number and reads birth date, sex and region from it", () => {
    const id = buildIdNumber("420102", "19900307", "123");
    expect(validate(id)).toEqual({
      ok: true,
      normalized: id,
      birthDate: "1990-03-07",
      sex: "male",
      regionCode: "420102",
    });
  });

  it("accepts the worked example printed in GB 11643-1999", () => {
    expect(validate("11010519491231002X")).toMatchObject({
      ok: true,
      birthDate: "1949-12-31",
      sex: "female",
    });
  });

  it("reads an even 17th digit as female", () => {
    expect(validate(buildIdNumber("420102", "19900307", "124"))).toMatchObject({ ok: true, sex: "female" });
  });

  it("accepts a lower-case x and normalises it to X", () => {
    const id = buildIdNumberEndingInX("420102", "19851120");
    const result = validate(id.toLowerCase());
    expect(result).toMatchObject({ ok: true, normalized: id });
  });

  it("accepts full-width digits and surrounding spaces from a Chinese input method", () => {
    const id = buildIdNumberEndingInX("420102", "19851120");
    const fullWidth = Array.from(id, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join("");
    expect(validate(` ${fullWidth} `)).toMatchObject({ ok: true, normalized: id });
  });

  it.each([
    ["17 digits", buildIdNumber("420102", "19900307", "123").slice(0, 17)],
    ["19 characters", `${buildIdNumber("420102", "19900307", "123")}0`],
    ["an old 15-digit number", "420102900307123"],
    ["an X before the last place", "4201021990030X1234"],
    ["a letter other than X", "42010219900307123A"],
    ["an empty string", ""],
  ])("rejects %s as format", (_case, id) => {
    expect(validate(id)).toEqual({ ok: false, reason: "format", message: ID_NUMBER_MESSAGES.format });
  });

  it("rejects a wrong check character", () => {
    const id = buildIdNumber("420102", "19900307", "123");
    const wrong = id.slice(0, 17) + (id[17] === "0" ? "1" : "0");
    expect(validate(wrong)).toEqual({ ok: false, reason: "checksum", message: ID_NUMBER_MESSAGES.checksum });
  });

  it("rejects a swap of two digits, the typing error the check character exists for", () => {
    const id = buildIdNumber("420102", "19900307", "123");
    const swapped = id.slice(0, 14) + id[15] + id[14] + id.slice(16);
    expect(validate(swapped)).toMatchObject({ ok: false, reason: "checksum" });
  });

  it("reports the checksum before the birth date when both are wrong", () => {
    const id = buildIdNumber("420102", "19901332", "123");
    const wrong = id.slice(0, 17) + (id[17] === "0" ? "1" : "0");
    expect(validate(wrong)).toMatchObject({ ok: false, reason: "checksum" });
  });

  it.each([
    ["29 February of a leap year", "19920229"],
    ["29 February 2000 (divisible by 400)", "20000229"],
    ["1 January 1900", "19000101"],
    ["today in China", "20240601"],
  ])("accepts %s", (_case, birth) => {
    expect(validate(buildIdNumber("420102", birth, "123"))).toMatchObject({ ok: true });
  });

  it.each([
    ["29 February of a common year", "19900229"],
    ["29 February 1900 (a century, not a leap year)", "19000229"],
    ["30 February", "19920230"],
    ["month 13", "19901301"],
    ["month 00", "19900001"],
    ["day 00", "19900300"],
    ["31 April", "19900431"],
    ["a date before 1900", "18991231"],
    ["tomorrow in China", "20240602"],
    ["a date years ahead", "20990101"],
  ])("rejects %s as birth_date", (_case, birth) => {
    expect(validate(buildIdNumber("420102", birth, "123"))).toEqual({
      ok: false,
      reason: "birth_date",
      message: ID_NUMBER_MESSAGES.birth_date,
    });
  });

  it("counts today by the Chinese calendar day, not UTC", () => {
    // 2024-05-31T17:00Z is already 1 June, 01:00 in Beijing.
    const id = buildIdNumber("420102", "20240601", "123");
    expect(validate(id, { now: new Date("2024-05-31T17:00:00Z") })).toMatchObject({ ok: true });
    expect(validate(id, { now: new Date("2024-05-31T15:00:00Z") })).toMatchObject({ reason: "birth_date" });
  });

  it("rejects a region code the lookup does not know", () => {
    expect(validate(buildIdNumber("999999", "19900307", "123"))).toEqual({
      ok: false,
      reason: "region",
      message: ID_NUMBER_MESSAGES.region,
    });
  });
});

describe("regionLookupFromDivisions", () => {
  it("knows county codes, and city and province codes padded with zeros", () => {
    expect(isKnownRegion("420102")).toBe(true);
    expect(isKnownRegion("420100")).toBe(true);
    expect(isKnownRegion("420000")).toBe(true);
    expect(isKnownRegion("110105")).toBe(true);
    expect(isKnownRegion("110100")).toBe(true);
    expect(isKnownRegion("110000")).toBe(true);
  });

  it("does not know a county missing from the catalog, nor a bare 2- or 4-digit code", () => {
    expect(isKnownRegion("420199")).toBe(false);
    expect(isKnownRegion("420200")).toBe(false);
    expect(isKnownRegion("42")).toBe(false);
    expect(isKnownRegion("4201")).toBe(false);
  });

  it("skips township codes listed under a city without counties", () => {
    const lookup = regionLookupFromDivisions({
      items: [{ value: "441900", label: "东莞市", children: [{ value: "441900003", label: "东城街道" }] }],
    });
    expect(lookup("441900")).toBe(true);
    expect(lookup("441900003")).toBe(false);
  });

  it("refuses a catalog whose values are not region codes, naming the value", () => {
    expect(() => regionLookupFromDivisions({ items: [{ value: "hubei", label: "湖北省" }] })).toThrow(
      /"hubei"/,
    );
  });

  it("refuses an empty catalog", () => {
    expect(() => regionLookupFromDivisions({ items: [] })).toThrow(/no region codes/);
  });

  const editionCatalog = new URL(
    "../../../forms/editions/hubei-2024/catalogs/divisions.json",
    import.meta.url,
  );
  it("works on the hubei-2024 divisions catalog", () => {
    const lookup = regionLookupFromDivisions(
      JSON.parse(readFileSync(editionCatalog, "utf8")) as DivisionsCatalog,
    );
    expect(lookup("420102")).toBe(true);
    expect(lookup("420100")).toBe(true);
    expect(lookup("420000")).toBe(true);
    expect(lookup("441900")).toBe(true);
    expect(lookup("999999")).toBe(false);
  });
});

describe("maskIdNumber", () => {
  it("keeps the first 4 and last 4 characters of an ID number", () => {
    expect(maskIdNumber("42010219900307123X")).toBe("4201**********123X");
  });

  it("keeps less of a short document number so that at most half is shown", () => {
    expect(maskIdNumber("E12345678")).toBe("E1*****78");
    expect(maskIdNumber("H1234567")).toBe("H1****67");
    expect(maskIdNumber("123")).toBe("***");
    expect(maskIdNumber("")).toBe("");
  });

  it("never reveals more than half of any length", () => {
    for (let length = 0; length <= 30; length++) {
      const masked = maskIdNumber("A".repeat(length));
      expect(masked).toHaveLength(length);
      expect(masked.replaceAll("*", "").length).toBeLessThanOrEqual(length / 2);
      expect(masked.replaceAll("*", "").length).toBeLessThanOrEqual(8);
    }
  });
});

describe("maskPhone", () => {
  it("masks a mainland mobile number as 3 + **** + 4", () => {
    expect(maskPhone("13912345678")).toBe("139****5678");
  });

  it("masks any other number by the at-most-half rule", () => {
    expect(maskPhone("02787654321")).toBe("02*******21");
    expect(maskPhone("+85261234567")).toBe("+85******567");
    expect(maskPhone("12345")).toBe("1***5");
  });
});
