/** Where a sign-in may send the browser afterwards: a path on this site, never another origin. */

const BASE = "http://shenbao.invalid";

/** Backslashes count as slashes in browsers ("/\\evil.example" is protocol-relative); controls hide tricks. */
function hasForbiddenCharacter(text: string): boolean {
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (char === "\\" || code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/**
 * The same-origin path `input` names (path, query and fragment), "/" when none is given, or undefined for
 * anything that could leave the site: absolute and protocol-relative URLs, backslashes, control characters.
 */
export function safeReturnPath(input: string | undefined): string | undefined {
  if (input === undefined || input === "") return "/";
  if (
    input.length > 512 ||
    !input.startsWith("/") ||
    input.startsWith("//") ||
    hasForbiddenCharacter(input)
  ) {
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(input, BASE);
  } catch {
    return undefined;
  }
  return url.origin === BASE ? `${url.pathname}${url.search}${url.hash}` : undefined;
}
