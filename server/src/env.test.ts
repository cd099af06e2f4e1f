import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadEnv } from "./env.js";

describe("loadEnv", () => {
  it("defaults to the embedded adapters on port 3000 with ./data", () => {
    const env = loadEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.SHENBAO_STORE).toBe("sqlite");
    expect(env.SHENBAO_QUEUE).toBe("embedded");
    expect(env.SHENBAO_FILES).toBe("folder");
    expect(env.dataDir).toBe(path.resolve("data"));
  });

  it("rejects production adapters without their connection strings, naming each variable", () => {
    expect(() => loadEnv({ SHENBAO_STORE: "mongodb", SHENBAO_QUEUE: "bullmq" })).toThrow(
      /MONGODB_URI[\s\S]*REDIS_URL/,
    );
  });

  it("rejects the embedded queue beside a MongoDB store", () => {
    expect(() => loadEnv({ SHENBAO_STORE: "mongodb", MONGODB_URI: "mongodb://x" })).toThrow(/SHENBAO_QUEUE/);
  });

  it("rejects a port that is not a number", () => {
    expect(() => loadEnv({ PORT: "http" })).toThrow(/PORT/);
  });
});

describe("loadEnv personal-data keys", () => {
  const key = Buffer.alloc(32, 7).toString("base64");

  it("requires SHENBAO_DATA_KEY with a MongoDB store, where processes on several machines share data", () => {
    const production = { SHENBAO_STORE: "mongodb", MONGODB_URI: "mongodb://x", SHENBAO_QUEUE: "bullmq" };
    expect(() => loadEnv({ ...production, REDIS_URL: "redis://x" })).toThrow(/SHENBAO_DATA_KEY/);
    expect(loadEnv({ ...production, REDIS_URL: "redis://x", SHENBAO_DATA_KEY: key }).SHENBAO_DATA_KEY).toBe(
      key,
    );
  });

  it("rejects a key that is not 32 bytes of base64, and reads retired keys as a list", () => {
    expect(() => loadEnv({ SHENBAO_DATA_KEY: "c2hvcnQ=" })).toThrow(/SHENBAO_DATA_KEY/);
    expect(() => loadEnv({ SHENBAO_DATA_KEYS_RETIRED: `${key},nope` })).toThrow(/SHENBAO_DATA_KEYS_RETIRED/);
    expect(loadEnv({ SHENBAO_DATA_KEYS_RETIRED: ` ${key} , ${key}` }).SHENBAO_DATA_KEYS_RETIRED).toEqual([
      key,
      key,
    ]);
    expect(loadEnv({}).SHENBAO_DATA_KEYS_RETIRED).toEqual([]);
  });

  it("defaults to the outbox sender", () => {
    expect(loadEnv({}).SHENBAO_SENDER).toBe("outbox");
  });
});

describe("loadEnv WeChat sign-in", () => {
  it("is off by default and points at WeChat's own URLs", () => {
    const env = loadEnv({});
    expect(env.SHENBAO_WECHAT_APP_ID).toBeUndefined();
    expect(env.SHENBAO_WECHAT_AUTHORIZE_URL).toBe("https://open.weixin.qq.com/connect/oauth2/authorize");
    expect(env.SHENBAO_WECHAT_API_URL).toBe("https://api.weixin.qq.com");
    expect(env.SHENBAO_WECHAT_SCOPE).toBe("snsapi_base");
  });

  it("rejects an app id without its secret and a secret without its app id", () => {
    expect(() => loadEnv({ SHENBAO_WECHAT_APP_ID: "wx1" })).toThrow(/SHENBAO_WECHAT_APP_SECRET: required/);
    expect(() => loadEnv({ SHENBAO_WECHAT_APP_SECRET: "s" })).toThrow(/SHENBAO_WECHAT_APP_ID: required/);
  });
});
