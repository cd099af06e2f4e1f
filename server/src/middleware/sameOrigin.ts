/**
 * CSRF defence (issue 11): a state-changing request must come from our own pages. Browsers say where a
 * request comes from in `Sec-Fetch-Site` and `Origin`; a cross-site form POST (which withdrew an identity
 * before) carries one of them, so it is refused before anything is parsed. Clients that send neither are
 * not browsers and cannot be driven by another site.
 */
import type { Context, Middleware } from "koa";
import type { AppState } from "../app.js";
import { CrossSiteRequestError } from "../errors.js";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
// "none": the user's own navigation (address bar, bookmark); "same-origin": our pages.
const ALLOWED_FETCH_SITES = new Set(["same-origin", "none"]);

/** Whether the request comes from the site itself (`publicOrigin`, or the origin it was addressed to). */
export function isSameOrigin(
  ctx: Pick<Context, "get" | "protocol" | "host">,
  publicOrigin: string | undefined,
): boolean {
  const fetchSite = ctx.get("Sec-Fetch-Site");
  if (fetchSite !== "") return ALLOWED_FETCH_SITES.has(fetchSite);
  const origin = ctx.get("Origin");
  if (origin === "") return true;
  // Koa 3's ctx.origin is the Origin header itself, so the site's own origin is built from protocol and host.
  return origin === `${ctx.protocol}://${ctx.host}` || origin === publicOrigin;
}

/** Refuses POST / PUT / PATCH / DELETE from another site with 403 `cross_site_request`. */
export function sameOrigin(options: { publicOrigin: string | undefined }): Middleware<AppState> {
  return async function sameOriginMiddleware(ctx, next) {
    if (!SAFE_METHODS.has(ctx.method) && !isSameOrigin(ctx, options.publicOrigin))
      throw new CrossSiteRequestError();
    await next();
  };
}
