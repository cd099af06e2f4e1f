import { describe, expect, it } from "vitest";
import { ManualClock } from "../../../test/manualClock.js";
import { loadEnv } from "../../env.js";
import { createIdentityCheck } from "./index.js";

const regionLookup = () => true;

describe("createIdentityCheck", () => {
  it("builds the local provider by default", () => {
    const env = loadEnv({});
    const check = createIdentityCheck(env.SHENBAO_IDENTITY_PROVIDER, {
      env,
      regionLookup,
      clock: new ManualClock(),
    });
    expect(check.kind).toBe("local");
    expect(env.SHENBAO_IDENTITY_MAX_ATTEMPTS).toBe(3);
  });

  it("builds the HTTP adapter from the URL and key in the environment", () => {
    const env = loadEnv({
      SHENBAO_IDENTITY_PROVIDER: "http",
      SHENBAO_IDENTITY_URL: "https://verify.example.cn/api/check",
      SHENBAO_IDENTITY_KEY: "k",
    });
    const check = createIdentityCheck(env.SHENBAO_IDENTITY_PROVIDER, {
      env,
      regionLookup,
      clock: new ManualClock(),
    });
    expect(check.kind).toBe("http");
    expect(check.describe().note).toContain("https://verify.example.cn");
    expect(check.describe().note).not.toContain("/api/check");
  });

  it("refuses SHENBAO_IDENTITY_PROVIDER=http without a URL or a key", () => {
    expect(() => loadEnv({ SHENBAO_IDENTITY_PROVIDER: "http", SHENBAO_IDENTITY_KEY: "k" })).toThrow(
      /SHENBAO_IDENTITY_URL/,
    );
    expect(() =>
      loadEnv({ SHENBAO_IDENTITY_PROVIDER: "http", SHENBAO_IDENTITY_URL: "https://verify.example.cn" }),
    ).toThrow(/SHENBAO_IDENTITY_KEY/);
  });
});
