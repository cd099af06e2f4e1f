import { afterEach, describe, expect, it, vi } from "vitest";
import { installFakeFetch } from "../test/fakeFetch.js";
import { ApiError, CONFLICT_MESSAGE, messageOf, request, setUnauthorizedHandler } from "./apiClient.js";

afterEach(() => {
  vi.unstubAllGlobals();
  setUnauthorizedHandler(() => undefined);
});

async function failureOf(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe("request", () => {
  it("shows the server's Chinese message and keeps its error id and details", async () => {
    installFakeFetch({
      "POST /api/auth/sign-in": {
        status: 400,
        body: { error: "sign_in_code_invalid", message: "验证码错误", details: { attemptsLeft: 4 } },
      },
    });
    const error = await failureOf(request("POST", "/api/auth/sign-in", { body: { phone: "1", code: "2" } }));
    expect(error.message).toBe("验证码错误");
    expect(error.code).toBe("sign_in_code_invalid");
    expect(error.details).toEqual({ attemptsLeft: 4 });
  });

  it("words every revision conflict the same and marks it as one", async () => {
    installFakeFetch({
      "PUT /api/x": { status: 409, body: { error: "revision_conflict", message: "stale" } },
      "PUT /api/y": {
        status: 409,
        body: { error: "application_submitted", message: "申报已提交，如需修改请先撤回" },
      },
    });
    const conflict = await failureOf(request("PUT", "/api/x", { body: {} }));
    expect(conflict.message).toBe(CONFLICT_MESSAGE);
    expect(conflict.isConflict).toBe(true);
    const other = await failureOf(request("PUT", "/api/y", { body: {} }));
    expect(other.isConflict).toBe(false);
    expect(other.message).toBe("申报已提交，如需修改请先撤回");
  });

  it("hands a 401 to the shell's handler, unless the call expects to be signed out", async () => {
    const handler = vi.fn();
    setUnauthorizedHandler(handler);
    installFakeFetch({
      "GET /api/applications/mine": { status: 401, body: { error: "not_signed_in", message: "请先登录" } },
      "GET /api/me": { status: 401, body: { error: "not_signed_in", message: "请先登录" } },
    });
    const error = await failureOf(request("GET", "/api/applications/mine"));
    expect(error.status).toBe(401);
    expect(handler).toHaveBeenCalledTimes(1);
    await failureOf(request("GET", "/api/me", { allowUnauthorized: true }));
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it("reads how long to wait from Retry-After on a 429 and says it", async () => {
    installFakeFetch({
      "POST /api/auth/code": {
        status: 429,
        headers: { "Retry-After": "40" },
        body: { error: "rate_limited", message: "操作过于频繁，请稍后再试", details: { retryAfter: 40 } },
      },
    });
    const error = await failureOf(request("POST", "/api/auth/code", { body: { phone: "13912345678" } }));
    expect(error.retryAfter).toBe(40);
    expect(error.message).toBe("操作过于频繁，请 40 秒后再试");
  });

  it("turns a network failure or a gateway page into Chinese", async () => {
    vi.stubGlobal("fetch", () => Promise.reject(new TypeError("Failed to fetch")));
    expect((await failureOf(request("GET", "/api/me"))).message).toBe("网络连接失败，请检查网络后重试");
    installFakeFetch({ "GET /api/me": { status: 502 } });
    const gateway = await failureOf(request("GET", "/api/me", { allowUnauthorized: true }));
    expect(gateway.message).toBe("系统繁忙，请稍后重试");
    expect(messageOf(new Error("boom"))).toBe("系统繁忙，请稍后重试");
  });
});
