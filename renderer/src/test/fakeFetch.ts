/**
 * A scripted `fetch` for scene tests: answers by "METHOD path" (path with query), records every call, and
 * fails loudly on anything unscripted so a test cannot pass on a request it did not expect.
 */
import { vi } from "vitest";

/** One scripted answer: status, JSON body and extra headers. */
export interface FakeAnswer {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A recorded request. */
export interface FakeCall {
  method: string;
  path: string;
  body: unknown;
}

type Script = Record<string, FakeAnswer | ((call: FakeCall) => FakeAnswer)>;

/** Installs the fake on `globalThis.fetch`; returns the calls list. Restore with `vi.unstubAllGlobals()`. */
export function installFakeFetch(script: Script): FakeCall[] {
  const calls: FakeCall[] = [];
  vi.stubGlobal("fetch", async (input: string, init: RequestInit = {}) => {
    const method = init.method ?? "GET";
    const call = {
      method,
      path: input,
      body: typeof init.body === "string" ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    const entry = script[`${method} ${input}`];
    if (entry === undefined) throw new Error(`unscripted request ${method} ${input}`);
    const answer = typeof entry === "function" ? entry(call) : entry;
    const status = answer.status ?? 200;
    const text = answer.body === undefined ? "" : JSON.stringify(answer.body);
    return {
      ok: status >= 200 && status < 300,
      status,
      headers: new Headers(answer.headers ?? {}),
      text: async () => text,
    };
  });
  return calls;
}
