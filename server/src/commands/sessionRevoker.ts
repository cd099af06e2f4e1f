/**
 * Ends sessions: one browser's (「退出登录」) or every session of a user (「退出所有设备」), e.g. after a
 * lost phone. Deleting the documents is enough: every web process reads sessions from the store.
 */
import { hashSessionToken } from "../auth/sessions.js";
import type { Filter } from "../ports/store.js";
import { collectionsOf } from "../store/collections.js";
import type { CommandDeps } from "./commandDeps.js";

/** Which sessions to end: the one a cookie token names, or all of a user's. */
export type SessionRevocation = { token: string } | { userId: string };

/** Deletes the sessions named by `revocation`; returns how many there were. Unknown tokens are no error. */
export async function sessionRevoker(
  deps: Pick<CommandDeps, "store">,
  revocation: SessionRevocation,
): Promise<number> {
  const { sessions } = collectionsOf(deps.store);
  const filter: Filter =
    "token" in revocation ? { tokenHash: hashSessionToken(revocation.token) } : { userId: revocation.userId };
  const { items } = await sessions.find(filter);
  let revoked = 0;
  for (const session of items) if (await sessions.delete(session._id)) revoked += 1;
  return revoked;
}
