/**
 * Finishes a WeChat sign-in (ACC-1): consumes the `state` (single use, this browser only, unexpired),
 * exchanges the code for the openid, finds or creates the user by it, and starts a session exactly as the
 * phone sign-in does (the id rotates).
 */
import { rotateSession } from "../auth/sessions.js";
import { hashSecretToken, isSecretToken, secretTokenMatches } from "../auth/secretTokens.js";
import {
  DuplicateKeyError,
  RevisionConflictError,
  WechatCodeInvalidError,
  WechatStateInvalidError,
} from "../errors.js";
import type { Stored } from "../ports/store.js";
import type { WechatIdentity, WechatOAuth } from "../providers/wechat/wechatOAuth.js";
import { collectionsOf, type Collections, type UserDoc } from "../store/collections.js";
import { newId } from "../store/newId.js";
import type { CommandDeps } from "./commandDeps.js";
import type { SignedIn } from "./signInCodeRedeemer.js";

/** The callback's query and the browser's cookies. */
export interface WechatCallback {
  code: string | undefined;
  state: string | undefined;
  /** The secret of the binding cookie set by `wechatSignInStarter`. */
  browserSecret: string | undefined;
  /** The session cookie's token the browser already had, ended by the rotation. */
  previousToken: string | undefined;
}

/** The signed-in user, the new session's token, and the same-origin path to return to. */
export interface WechatSignedIn extends SignedIn {
  returnTo: string;
}

/**
 * Signs the browser in, or throws `WechatStateInvalidError` (forged, replayed, expired, other browser),
 * `WechatCodeInvalidError` or `WechatUnavailableError` (from the exchange).
 */
export async function wechatSignInCompleter(
  deps: Pick<CommandDeps, "store" | "clock"> & { wechat: WechatOAuth },
  input: WechatCallback,
): Promise<WechatSignedIn> {
  const { store, clock } = deps;
  if (!isSecretToken(input.state)) throw new WechatStateInvalidError();
  const { wechatStates } = collectionsOf(store);
  const [round] = (await wechatStates.find({ stateHash: hashSecretToken(input.state) }, { limit: 1 })).items;
  if (!round) throw new WechatStateInvalidError();
  // Consumed before any other check: a state is worth one try, whoever presents it.
  if (!(await deleteOnce(wechatStates, round._id, round.rev))) throw new WechatStateInvalidError();
  if (clock.now() >= round.expiresAt || !secretTokenMatches(input.browserSecret, round.browserHash)) {
    throw new WechatStateInvalidError();
  }
  // WeChat calls back without a code when the user declines snsapi_userinfo.
  if (!input.code || input.code.length > 512) throw new WechatCodeInvalidError();

  const identity = await deps.wechat.exchangeCode(input.code);
  // Two first sign-ins of one WeChat user at once: the loser of the unique index finds the winner's user.
  for (let attempt = 0; ; attempt++) {
    try {
      return await store.transaction(async (tx) => {
        const collections = collectionsOf(tx);
        const now = clock.now();
        const user = await userForWechat(collections, identity, now);
        const { token } = await rotateSession(collections.sessions, user._id, now, input.previousToken);
        return { user, token, returnTo: round.returnTo };
      });
    } catch (error) {
      if (attempt === 0 && error instanceof DuplicateKeyError) continue;
      throw error;
    }
  }
}

async function deleteOnce(
  collection: Collections["wechatStates"],
  id: string,
  rev: number,
): Promise<boolean> {
  try {
    return await collection.delete(id, rev);
  } catch (error) {
    if (error instanceof RevisionConflictError) return false;
    throw error;
  }
}

/** The user with this openid, created as a candidate on first sign-in. */
async function userForWechat(
  collections: Collections,
  identity: WechatIdentity,
  now: number,
): Promise<Stored<UserDoc>> {
  const [existing] = (await collections.users.find({ wechatOpenId: identity.openId }, { limit: 1 })).items;
  if (existing) return existing;
  return collections.users.insert({
    _id: newId(now),
    wechatOpenId: identity.openId,
    ...(identity.unionId ? { wechatUnionId: identity.unionId } : {}),
    roles: ["candidate"],
  });
}
