/**
 * Room for a calendar on a phone. antd's calendar with touch-sized days is ~450 px tall, so next to a date
 * box in the middle of a 375×667 screen it fits neither below nor above: its last weeks ran under the action
 * bar, off the screen, until the page was scrolled by hand. When a date box is tapped on a narrow screen
 * and the calendar would not fit below it, the page scrolls the box up under the header first, and the
 * calendar then opens below the box, whole. A box near the end of the page cannot be scrolled that far, so
 * blank room is added after the form first (it stays while the form is shown: taking it away again would
 * make the page jump under the candidate's finger).
 */

/** Below this width (antd's `sm` breakpoint) the form is laid out for a phone. */
export const NARROW_QUERY = "(max-width: 575.98px)";

/** What antd's calendar needs below its box on a phone: header, weekdays, six weeks, footer. */
export const CALENDAR_HEIGHT = 470;

/** Space kept between the sticky header and the scrolled-up box. */
const GAP = 8;

/** Whether the screen is as narrow as a phone's (false where the browser cannot tell). */
export function isNarrowScreen(): boolean {
  return typeof window !== "undefined" && typeof window.matchMedia === "function"
    ? window.matchMedia(NARROW_QUERY).matches
    : false;
}

/**
 * Scrolls the page so that a calendar of `CALENDAR_HEIGHT` fits below `picker`, between the sticky header
 * (`.sb-header`) and the fixed action bar (`.sb-actionbar`), adding room after `.sb-form` when the page is
 * too short to scroll that far; returns whether it scrolled.
 */
export function makeRoomForCalendar(picker: Element): boolean {
  const box = picker.getBoundingClientRect();
  const headerBottom = document.querySelector(".sb-header")?.getBoundingClientRect().bottom ?? 0;
  const barTop = document.querySelector(".sb-actionbar")?.getBoundingClientRect().top ?? window.innerHeight;
  const bottom = Math.min(window.innerHeight, barTop);
  if (bottom - box.bottom >= CALENDAR_HEIGHT) return false;
  const by = box.top - (Math.max(headerBottom, 0) + GAP);
  if (by <= 0) return false;
  const page = document.scrollingElement ?? document.documentElement;
  const canScroll = page.scrollHeight - window.innerHeight - window.scrollY;
  if (canScroll < by) growRoom(picker.closest(".sb-form") ?? document.body, by - canScroll);
  window.scrollBy({ top: by, behavior: "instant" });
  return true;
}

/** Blank space at the end of `container`, at least `extra` px taller than before. */
function growRoom(container: Element, extra: number): void {
  let room = container.querySelector<HTMLElement>(":scope > .sb-calendar-room");
  if (room === null) {
    room = document.createElement("div");
    room.className = "sb-calendar-room";
    room.setAttribute("aria-hidden", "true");
    container.append(room);
  }
  room.style.height = `${(Number.parseFloat(room.style.height) || 0) + Math.ceil(extra)}px`;
}
