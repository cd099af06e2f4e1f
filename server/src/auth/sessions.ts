/**
 * Sessions kept in the store: the browser holds a random 256-bit token, the store holds its sha256, so
 * neither a copy of the database nor a log line can sign anyone in. Idle and absolute timeouts are checked
 * on every read against the injected clock.
 */
import { createHash, randomBytes } from "node:crypto";
import { NotFoundError, RevisionConflictError } from "../errors.js";
import type { Stored } from "../ports/store.js";
import type { Collections, SessionDoc, UserDoc } from "../store/collections.js";
import { SESSION } from "./authSettings.js";

const TOKEN_BYTES = 32;
// base64url of 32 bytes, unpadded: anything else is not ours and is not worth a store read.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** A new session token for the cookie. */
export function newSessionToken(): string {
  return randomBytes(TOKEN_BYTES).toString("base64url");
}

/** The stored form of a token. A plain sha256 suffices: the token has 256 bits of entropy. */
export function hashSessionToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Inserts a session for `userId` starting `now`; returns the token to put in the cookie. */
export async function createSession(
  sessions: Collections["sessions"],
  userId: string,
  now: number,
): Promise<{ token: string; session: Stored<SessionDoc> }> {
  const token = newSessionToken();
  const session = await sessions.insert({
    tokenHash: hashSessionToken(token),
    userId,
    issuedAt: now,
    lastSeenAt: now,
    expiresAt: now + SESSION.absoluteMs,
  });
  return { token, session };
}

/**
 * Starts a session for `userId` and ends the one `previousToken` names: the session id rotates at every
 * sign-in, whatever the provider, so a token planted in the browser before sign-in is worth nothing after.
 * Call it inside the sign-in's transaction.
 */
export async function rotateSession(
  sessions: Collections["sessions"],
  userId: string,
  now: number,
  previousToken?: string,
): Promise<{ token: string; session: Stored<SessionDoc> }> {
  if (previousToken) {
    const [previous] = (await sessions.find({ tokenHash: hashSessionToken(previousToken) }, { limit: 1 }))
      .items;
    if (previous) await sessions.delete(previous._id);
  }
  return createSession(sessions, userId, now);
}

/** Whether a session has passed its idle or absolute timeout at `now`. */
export function sessionExpired(session: SessionDoc, now: number): boolean {
  return now >= session.expiresAt || now - session.lastSeenAt >= SESSION.idleMs;
}

/**
 * The live session a token names, and its user; undefined for an unknown, expired or orphaned one (which
 * is deleted). Records activity at most once per `SESSION.touchEveryMs`.
 */
export async function resolveSession(
  collections: Pick<Collections, "sessions" | "users">,
  token: string,
  now: number,
): Promise<{ session: Stored<SessionDoc>; user: Stored<UserDoc> } | undefined> {
  if (!TOKEN_SHAPE.test(token)) return undefined;
  const { sessions, users } = collections;
  const [session] = (await sessions.find({ tokenHash: hashSessionToken(token) }, { limit: 1 })).items;
  if (!session) return undefined;
  const user = sessionExpired(session, now) ? null : await users.get(session.userId);
  if (!user) {
    await sessions.delete(session._id);
    return undefined;
  }
  if (now - session.lastSeenAt < SESSION.touchEveryMs) return { session, user };
  try {
    const touched = await sessions.replace(session._id, session.rev, {
      ...fieldsOf(session),
      lastSeenAt: now,
    });
    return { session: touched, user };
  } catch (error) {
    // Another request touched it first: it is alive. Gone meanwhile: signed out by a concurrent request.
    if (error instanceof RevisionConflictError) return { session, user };
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

function fieldsOf(session: SessionDoc): SessionDoc {
  const { tokenHash, userId, issuedAt, lastSeenAt, expiresAt } = session;
  return { tokenHash, userId, issuedAt, lastSeenAt, expiresAt };
}
