/**
 * User-supplied file names: cleaned once for storage and display, and turned into a `Content-Disposition`
 * header that no name can break out of (header injection, path traversal, spoofed extensions).
 */

// Longest name kept, in characters; long enough for any real document title, short enough for a header.
const MAX_NAME_LENGTH = 120;
const FALLBACK_NAME = "file";

// C0/C1 controls (CR, LF, NUL, …), Unicode line and paragraph separators, and bidirectional controls that
// can make "gpj.exe" display as "exe.jpg".
const UNSAFE_CHARACTERS =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point here
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
// Quotes and path separators: a name is a leaf, never a path or a quoted-string breaker.
const SEPARATORS = /["\\/:*?<>|]/g;

/**
 * The name to store and show for an uploaded file: controls, quotes and path separators become spaces,
 * whitespace is collapsed, leading dots dropped, and the length capped while keeping the extension.
 */
export function sanitizeFileName(raw: string): string {
  let name = raw.normalize("NFC").replace(UNSAFE_CHARACTERS, " ").replace(SEPARATORS, " ");
  name = name
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[.\s]+/, "");
  const characters = Array.from(name);
  if (characters.length > MAX_NAME_LENGTH) {
    const dot = name.lastIndexOf(".");
    const extension = dot > 0 ? Array.from(name.slice(dot)) : [];
    const keep = extension.length > 0 && extension.length <= 10 ? extension : [];
    name =
      characters
        .slice(0, MAX_NAME_LENGTH - keep.length)
        .join("")
        .trimEnd() + keep.join("");
  }
  return name === "" ? FALLBACK_NAME : name;
}

/** An ASCII-only stand-in for browsers that ignore `filename*`: anything outside a safe set becomes "_". */
export function asciiFileName(name: string): string {
  const ascii = sanitizeFileName(name)
    .replace(/[^A-Za-z0-9._()[\] +-]/g, "_")
    .replace(/_+/g, "_");
  // A name that was all Chinese keeps only its extension; give it a readable stem.
  return /^[_.\s]*(\.[A-Za-z0-9]+)?$/.test(ascii)
    ? `${FALLBACK_NAME}${ascii.match(/\.[A-Za-z0-9]+$/)?.[0] ?? ""}`
    : ascii;
}

/** RFC 8187 `value-chars`: percent-encoded UTF-8 where `encodeURIComponent` leaves `'()*` unencoded. */
function encodeExtValue(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * `attachment; filename="<ascii>"; filename*=UTF-8''<encoded>` (RFC 6266): the ASCII form for old clients,
 * the exact (sanitised) UTF-8 name for the rest. `inline` only for previews the caller has vetted.
 */
export function contentDisposition(
  name: string,
  disposition: "attachment" | "inline" = "attachment",
): string {
  const clean = sanitizeFileName(name);
  return `${disposition}; filename="${asciiFileName(clean)}"; filename*=UTF-8''${encodeExtValue(clean)}`;
}
