/**
 * The browser APIs antd needs that jsdom lacks (matchMedia, ResizeObserver, getComputedStyle with a
 * pseudo-element). Import first in every jsdom test of the form engine.
 */
if (typeof window !== "undefined") {
  if (window.matchMedia === undefined) {
    window.matchMedia = (query: string): MediaQueryList =>
      ({
        matches: false,
        media: query,
        onchange: null,
        addListener: () => undefined,
        removeListener: () => undefined,
        addEventListener: () => undefined,
        removeEventListener: () => undefined,
        dispatchEvent: () => false,
      }) as MediaQueryList;
  }
  if (window.ResizeObserver === undefined) {
    window.ResizeObserver = class {
      observe(): void {}
      unobserve(): void {}
      disconnect(): void {}
    };
  }
  // jsdom throws "not implemented" for pseudo-elements; antd only measures scrollbars with it.
  const getComputedStyle = window.getComputedStyle.bind(window);
  window.getComputedStyle = (element: Element) => getComputedStyle(element);
}
