/**
 * A browser's cookies for multi-step sign-in tests (WeChat round trip, 扫码登录 on PC and phone): keeps what
 * responses set, drops what they clear, and sends everything back. Paths are ignored; names are unique here.
 */

/** One browser's cookies. */
export class CookieJar {
  readonly #cookies = new Map<string, string>();

  /** Stores the cookies `response` sets; an empty value or a past expiry deletes one. */
  take(response: Response): Response {
    for (const header of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = header.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (!value || expired) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
    return response;
  }

  /** The value of one cookie, if set. */
  get(name: string): string | undefined {
    return this.#cookies.get(name);
  }

  /** The Cookie header to send, or undefined when the jar is empty. */
  header(): string | undefined {
    if (this.#cookies.size === 0) return undefined;
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  /** Fetches `url` as this browser without following redirects, keeping the cookies the answer sets. */
  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const cookie = this.header();
    const headers = new Headers(init.headers);
    if (cookie) headers.set("Cookie", cookie);
    return this.take(await fetch(url, { ...init, headers, redirect: "manual" }));
  }
}
