/**
 * Security headers on every response (issue 11), through koa-helmet: a Content-Security-Policy without
 * inline scripts, no framing by other sites, nosniff, no referrer (teacher links carry their token in the
 * path), and HSTS when the public address is https.
 */
import helmet from "koa-helmet";
import type { Middleware } from "koa";
import type { AppState } from "../app.js";

/**
 * Whether the pages may compile code at run time. They do not (issue 12): the browser validates with the
 * validators the server generates per published edition version (`/api/editions/:key/:version/validators.js`)
 * and RJSF's validator interprets schemas, so the page policy has no `'unsafe-eval'`.
 */
export const PAGES_NEED_EVAL = false;

/** The policy of an attachment preview: shown inside our own pages' preview frame, nothing else loads. */
export const ATTACHMENT_PREVIEW_CSP =
  "default-src 'none'; img-src 'self'; object-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'";

const common = (httpsOrigin: boolean) =>
  ({
    strictTransportSecurity: httpsOrigin ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    referrerPolicy: { policy: "no-referrer" },
    xFrameOptions: { action: "deny" },
    crossOriginEmbedderPolicy: false,
  }) as const;

/** Helmet for pages and assets, and a stricter one for the API (JSON and files render nothing). */
export function securityHeaders(options: { publicOrigin: string | undefined }): Middleware<AppState> {
  const httpsOrigin = options.publicOrigin?.startsWith("https:") ?? false;
  const pages = helmet({
    ...common(httpsOrigin),
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: PAGES_NEED_EVAL ? ["'self'", "'unsafe-eval'"] : ["'self'"],
        // antd writes its component styles into <style> elements at run time (CSS-in-JS).
        styleSrc: ["'self'", "'unsafe-inline'"],
        // Photo previews, the signature pad and QR codes are data: / blob: images.
        imgSrc: ["'self'", "data:", "blob:"],
        fontSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        frameSrc: ["'self'"],
        workerSrc: ["'self'", "blob:"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(httpsOrigin ? { upgradeInsecureRequests: [] } : {}),
      },
    },
  });
  const api = helmet({
    ...common(httpsOrigin),
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    },
  });
  return function securityHeadersMiddleware(ctx, next) {
    return ctx.path.startsWith("/api/") ? api(ctx, next) : pages(ctx, next);
  };
}
