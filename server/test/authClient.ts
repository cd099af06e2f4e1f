/** HTTP helpers for tests that need a signed-in browser: ask for a code, read it from the outbox, sign in. */
import { SESSION } from "../src/auth/authSettings.js";
import { lastSignInCode } from "./outbox.js";
import type { TestServer } from "./testApp.js";

/** POSTs JSON with optional cookie and client address (the server must trust the proxy for the latter). */
export function postJson(
  server: Pick<TestServer, "url">,
  path: string,
  body: unknown,
  headers: { cookie?: string; ip?: string } = {},
): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      ...(headers.cookie ? { Cookie: headers.cookie } : {}),
      ...(headers.ip ? { "X-Forwarded-For": headers.ip } : {}),
    },
    body: JSON.stringify(body),
  });
}

/** The `name=value` of the session cookie a response sets, or undefined. */
export function sessionCookieOf(response: Response): string | undefined {
  const cookie = response.headers
    .getSetCookie()
    .find((header) => header.startsWith(`${SESSION.cookieName}=`))
    ?.split(";")[0];
  return cookie && cookie !== `${SESSION.cookieName}=` ? cookie : undefined;
}

/** Signs `phone` in end to end and returns the session cookie to send back. */
export async function signIn(
  server: Pick<TestServer, "url" | "dataDir">,
  phone: string,
  options: { ip?: string; cookie?: string } = {},
): Promise<string> {
  const sent = await postJson(server, "/api/auth/code", { phone }, options);
  if (sent.status !== 200) throw new Error(`code request failed: ${sent.status} ${await sent.text()}`);
  const code = lastSignInCode(server.dataDir, phone);
  const response = await postJson(server, "/api/auth/sign-in", { phone, code }, options);
  const cookie = sessionCookieOf(response);
  if (response.status !== 200 || !cookie) throw new Error(`sign-in failed: ${response.status}`);
  return cookie;
}
