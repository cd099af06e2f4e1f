/**
 * Opening `/apply/sections/<key>#<field path>` from a submit blocker (APP-5) scrolls to that field and
 * focuses it. A path may name something not rendered (an item not yet added), so the nearest rendered
 * ancestor is used instead.
 */
import { ID_PREFIX, ID_SEPARATOR } from "../../formEngine/formEngineContext.js";

const FOCUSABLE =
  "input:not([type=hidden]):not([disabled]), textarea, select, button, [tabindex]:not([tabindex='-1'])";

// Attribute values in quotes need only `"` and `\` escaped (and CSS.escape is missing in older WebViews).
const quoted = (value: string) => `"${value.replace(/["\\]/g, "\\$&")}"`;

function elementOf(root: ParentNode, id: string): HTMLElement | null {
  const exact = root.querySelector<HTMLElement>(`[id=${quoted(id)}]`);
  // Radio groups and composite widgets suffix their ids (`root.method-0`).
  return (
    exact ?? root.querySelector<HTMLElement>(`[id^=${quoted(`${id}-`)}], [id^=${quoted(id + ID_SEPARATOR)}]`)
  );
}

/** Scrolls to and focuses the field at dotted `path` (or its nearest rendered ancestor); true when found. */
export function focusFieldByPath(path: string, root: ParentNode = document): boolean {
  const segments = path.split(".").filter((segment) => segment !== "");
  for (let length = segments.length; length > 0; length -= 1) {
    const id = [ID_PREFIX, ...segments.slice(0, length)].join(ID_SEPARATOR);
    const element = elementOf(root, id);
    if (element === null) continue;
    const target = element.matches(FOCUSABLE)
      ? element
      : (element.querySelector<HTMLElement>(FOCUSABLE) ?? element);
    target.scrollIntoView?.({ block: "center", behavior: "smooth" });
    target.focus({ preventScroll: true });
    return true;
  }
  return false;
}
