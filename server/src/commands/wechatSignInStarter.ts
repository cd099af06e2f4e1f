/**
 * Starts a WeChat sign-in (ACC-1): records a single-use `state` bound to this browser, with the page to return
 * to, and gives the authorize URL to redirect to. The callback is `wechatSignInCompleter`.
 */
import { RATE_LIMITS, WECHAT_SIGN_IN } from "../auth/authSettings.js";
import type { RateLimiter } from "../auth/rateLimiter.js";
import { safeReturnPath } from "../auth/returnPath.js";
import { hashSecretToken, isSecretToken, newSecretToken } from "../auth/secretTokens.js";
import { InvalidInputError } from "../errors.js";
import type { WechatOAuth } from "../providers/wechat/wechatOAuth.js";
import { collectionsOf } from "../store/collections.js";
import type { CommandDeps } from "./commandDeps.js";

/** Where the user wants to end up, our callback URL, and who asks. */
export interface WechatSignInStart {
  /** As the page sent it; must be a same-origin path. */
  returnTo: string | undefined;
  /** Absolute URL of GET /api/auth/wechat/callback, as WeChat will call it. */
  redirectUri: string;
  /** Client address, for the per-address limit. */
  address: string;
  /** The browser's binding secret from an earlier start, if its cookie is still there. */
  browserSecret: string | undefined;
}

/** The URL to send the browser to, and the secret its cookie must hold when it comes back. */
export interface WechatSignInStarted {
  authorizeUrl: string;
  browserSecret: string;
}

/** Records the round trip; throws `InvalidInputError` for a return path off this site, `RateLimitedError`. */
export async function wechatSignInStarter(
  deps: Pick<CommandDeps, "store" | "clock" | "cipher"> & { wechat: WechatOAuth; rateLimiter: RateLimiter },
  input: WechatSignInStart,
): Promise<WechatSignInStarted> {
  const returnTo = safeReturnPath(input.returnTo);
  if (returnTo === undefined) throw new InvalidInputError("返回地址无效");
  const now = deps.clock.now();
  const { wechatStates } = collectionsOf(deps.store);
  await deps.rateLimiter.hit(
    RATE_LIMITS.wechatStartPerAddress,
    deps.cipher.blindIndex(input.address, "rateLimit.address"),
  );
  // Reusing the browser's secret lets two tabs sign in at once; each round trip still has its own state.
  const browserSecret = isSecretToken(input.browserSecret) ? input.browserSecret : newSecretToken();
  const state = newSecretToken();
  await wechatStates.insert({
    stateHash: hashSecretToken(state),
    browserHash: hashSecretToken(browserSecret),
    returnTo,
    expiresAt: now + WECHAT_SIGN_IN.stateTtlMs,
  });
  return { authorizeUrl: deps.wechat.authorizeUrl(input.redirectUri, state), browserSecret };
}
