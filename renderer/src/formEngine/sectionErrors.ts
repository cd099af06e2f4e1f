/**
 * `checkSection` errors (Chinese, dotted paths) as RJSF `extraErrors`, and the blur rule: a blurred
 * field gets its own errors refreshed while every other field keeps what it showed.
 */
import type { ErrorSchema } from "@rjsf/utils";
import type { SectionError } from "@shenbao/rules";

/** True when `path` is `base` or lies inside it ("" contains every path). */
export function isWithin(path: string, base: string): boolean {
  return base === "" || path === base || path.startsWith(`${base}.`);
}

/** The RJSF error tree of a list of section errors; "" errors land on the form itself. */
export function toErrorSchema(errors: readonly SectionError[]): ErrorSchema {
  const root: ErrorSchema = {};
  for (const { path, message } of errors) {
    let node = root as Record<string, unknown>;
    for (const segment of path === "" ? [] : path.split(".")) {
      const child = node[segment];
      node[segment] = typeof child === "object" && child !== null ? child : {};
      node = node[segment] as Record<string, unknown>;
    }
    const list = (node.__errors as string[] | undefined) ?? [];
    if (!list.includes(message)) list.push(message);
    node.__errors = list;
  }
  return root;
}

/** `previous` with the errors at or under `path` replaced by those of `fresh` there. */
export function refreshErrorsAt(
  previous: readonly SectionError[],
  fresh: readonly SectionError[],
  path: string,
): SectionError[] {
  return [...previous.filter((e) => !isWithin(e.path, path)), ...fresh.filter((e) => isWithin(e.path, path))];
}
