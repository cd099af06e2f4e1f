/**
 * Heavy controls (date pickers, cascader, selects, upload, signature pad) load on their own after the
 * form first paints (issue 12: the section page's first JavaScript stays small). Until a control arrives
 * its place is held by a box of the same height, so nothing jumps when it appears.
 */
import { lazy, Suspense, type ComponentType } from "react";

function Placeholder() {
  return <div className="sb-control-loading" aria-busy="true" />;
}

/** A widget or field component that loads `load()` on first render and shows a placeholder until then. */
export function lazyControl<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const Loaded = lazy(async () => ({ default: await load() }));
  return function LazyControl(props: P) {
    return (
      <Suspense fallback={<Placeholder />}>
        <Loaded {...props} />
      </Suspense>
    );
  };
}
