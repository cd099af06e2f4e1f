// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CALENDAR_HEIGHT, makeRoomForCalendar } from "./pickerRoom.js";

/** An element whose box on screen is `top`…`top + height`. */
function at(top: number, height: number, className = ""): HTMLElement {
  const element = document.createElement("div");
  element.className = className;
  element.getBoundingClientRect = () =>
    ({ top, bottom: top + height, left: 0, right: 375, width: 375, height }) as DOMRect;
  document.body.append(element);
  return element;
}

let scrolled: number[];
beforeEach(() => {
  scrolled = [];
  Object.defineProperty(window, "innerHeight", { value: 667, configurable: true });
  Object.defineProperty(document.documentElement, "scrollHeight", { value: 5000, configurable: true });
  window.scrollBy = ((options: ScrollToOptions) => scrolled.push(options.top ?? 0)) as typeof window.scrollBy;
  at(0, 52, "sb-header");
  at(603, 64, "sb-actionbar");
});
afterEach(() => {
  document.body.replaceChildren();
  vi.restoreAllMocks();
});

describe("makeRoomForCalendar (a phone's calendar opens whole below its date box)", () => {
  it("scrolls a box in the middle of the screen up under the header", () => {
    expect(makeRoomForCalendar(at(321, 40))).toBe(true);
    expect(scrolled).toEqual([321 - 52 - 8]);
  });

  it("leaves the page alone when the calendar fits between the box and the action bar", () => {
    expect(makeRoomForCalendar(at(603 - CALENDAR_HEIGHT - 40, 40))).toBe(false);
    expect(scrolled).toEqual([]);
  });

  it("adds blank room after the form when the page ends too soon to scroll the box up", () => {
    Object.defineProperty(document.documentElement, "scrollHeight", { value: 667 + 100, configurable: true });
    const form = document.createElement("div");
    form.className = "sb-form";
    document.body.append(form);
    const picker = at(345, 24);
    form.append(picker);
    expect(makeRoomForCalendar(picker)).toBe(true);
    const room = form.querySelector<HTMLElement>(".sb-calendar-room");
    expect(room?.style.height).toBe(`${345 - 60 - 100}px`);
    expect(scrolled).toEqual([345 - 60]);
  });

  it("never scrolls down to a box already under the header", () => {
    expect(makeRoomForCalendar(at(40, 40))).toBe(false);
    expect(scrolled).toEqual([]);
  });
});
