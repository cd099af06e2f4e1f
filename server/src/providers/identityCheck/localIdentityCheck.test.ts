import { describe, expect, it } from "vitest";
import { buildIdNumber, withWrongCheck } from "../../../test/identityFactories.js";
import { ManualClock } from "../../../test/manualClock.js";
import { hubeiRegionLookup } from "../../../test/regionFactories.js";
import { LocalIdentityCheck } from "./localIdentityCheck.js";

const provider = new LocalIdentityCheck(hubeiRegionLookup(), new ManualClock());

describe("LocalIdentityCheck", () => {
  it("matches a resident ID number that passes the GB 11643 checks", async () => {
    expect(await provider.check({ name: "张三", idNumber: buildIdNumber(), docType: "resident_id" })).toEqual(
      {
        outcome: "match",
      },
    );
  });

  it("answers mismatch with the Chinese reason for a wrong check character", async () => {
    const result = await provider.check({
      name: "张三",
      idNumber: withWrongCheck(buildIdNumber()),
      docType: "resident_id",
    });
    expect(result).toEqual({ outcome: "mismatch", detail: "身份证号码校验位不正确，请核对后重新输入" });
  });

  it("gives no verdict on other documents", async () => {
    const result = await provider.check({ name: "Anna", idNumber: "E12345678", docType: "passport" });
    expect(result.outcome).toBe("unavailable");
  });

  it("says it only checks locally", () => {
    expect(provider.describe()).toEqual({
      adapter: "local",
      note: "仅做本地校验（校验位、出生年月日、地区代码），不连接公安身份核验服务",
    });
  });
});
