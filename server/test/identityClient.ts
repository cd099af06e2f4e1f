/** HTTP helpers for the 实名认证 route suites: signed-in users (optionally administrators), photo uploads, JSON calls. */
import { collectionsOf, type UserRole } from "../src/store/collections.js";
import { signIn } from "./authClient.js";
import { buildPng } from "./filesFactories.js";
import type { TestServer } from "./testApp.js";

/** A signed-in browser: the cookie to send and the user's id. */
export interface TestUser {
  cookie: string;
  userId: string;
}

/** Signs `phone` in; with `admin`, gives the user the admin role directly in the store (bootstrap is another task). */
export async function signInUser(
  server: TestServer,
  phone: string,
  options: { admin?: boolean } = {},
): Promise<TestUser> {
  const cookie = await signIn(server, phone);
  const me = (await (await fetch(`${server.url}/api/me`, { headers: { Cookie: cookie } })).json()) as {
    id: string;
  };
  if (options.admin) {
    const { users } = collectionsOf(server.ports.store);
    const user = await users.get(me.id);
    if (!user) throw new Error("user not found");
    const { _id, rev, createdAt: _created, updatedAt: _updated, ...fields } = user;
    const roles: UserRole[] = [...user.roles, "admin"];
    await users.replace(_id, rev, { ...fields, roles });
  }
  return { cookie, userId: me.id };
}

/** Calls the API as `user` (or signed out) with an optional JSON body. */
export function call(
  server: TestServer,
  method: string,
  path: string,
  user?: TestUser,
  body?: unknown,
): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(user ? { Cookie: user.cookie } : {}),
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** Uploads `bytes` (default: a small PNG) as a document photo through the multipart route. */
export function uploadPhotoResponse(
  server: TestServer,
  user: TestUser,
  bytes: Buffer = buildPng(8, 8),
  type = "image/png",
) {
  const form = new FormData();
  form.append("file", new Blob([bytes], { type }), "id-front.png");
  return fetch(`${server.url}/api/identity/photos`, {
    method: "POST",
    headers: { Cookie: user.cookie },
    body: form,
  });
}

/** Uploads a photo and returns its id, failing loudly otherwise. */
export async function uploadPhoto(server: TestServer, user: TestUser): Promise<string> {
  const response = await uploadPhotoResponse(server, user);
  if (response.status !== 201)
    throw new Error(`photo upload failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}
