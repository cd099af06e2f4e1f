/**
 * Bench page: the FormEngine on the `expertise` section with the five case records of the edition's
 * `valid-five-cases` example, inside the app's antd scope, at 375 px. It records, on `window.shenbaoBench`,
 * when the form first painted and, for every keydown, the time to the next paint after React updated.
 * The edition comes from `edition.json` beside the page (written by `server/bench`), as the app fetches it.
 */
import { StrictMode, useEffect } from "react";
import { createRoot } from "react-dom/client";
import {
  installValidators,
  NEEDS_PRECOMPILED_VALIDATORS,
  STANDALONE_RUNTIME,
  type Edition,
  type SectionData,
  type ValidatorsModule,
} from "@shenbao/rules";
import { FormEngine } from "../src/formEngine/FormEngine.js";
import { createMemoryAttachmentClient } from "../src/formEngine/memoryAttachmentClient.js";
import { AntdScope } from "../src/ui/AntdScope.js";
import "../src/app/shell.css";

/** What the bench driver reads from the page. */
export interface BenchProbe {
  /** ms from navigation start to the first paint with the form in the DOM; undefined until then. */
  firstRenderMs?: number;
  /** ms from handing React the form (edition and validators loaded) to that first paint. */
  renderToPaintMs?: number;
  /** keydown (event time) → next paint, one per key pressed, in ms. */
  keystrokes: number[];
  error?: string;
}

declare global {
  interface Window {
    shenbaoBench: BenchProbe;
  }
}

const probe: BenchProbe = { keystrokes: [] };
window.shenbaoBench = probe;

const EXAMPLE = "sections/expertise/examples/valid-five-cases.json";

/**
 * Runs `done` after the next paint: rAF callbacks run just before the frame is painted, and a message
 * posted from one is delivered as a task after that frame (a setTimeout(0) could be clamped or reordered).
 */
function afterNextPaint(done: () => void): void {
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => done();
    channel.port2.postMessage(null);
  });
}

// Capture phase on the document: starts before React's own listener handles the key.
document.addEventListener(
  "keydown",
  (event) => {
    // The event's own time, so waiting behind a busy main thread counts as the user feels it.
    const pressed = event.timeStamp;
    afterNextPaint(() => probe.keystrokes.push(performance.now() - pressed));
  },
  { capture: true },
);

let renderStartedAt = 0;

function FirstPaintProbe() {
  useEffect(() => {
    afterNextPaint(() => {
      performance.mark("form-visible");
      probe.firstRenderMs = performance.now();
      probe.renderToPaintMs = probe.firstRenderMs - renderStartedAt;
    });
  }, []);
  return null;
}

function ExpertiseBench({ edition }: { edition: Edition }) {
  const section = edition.sections.find((candidate) => candidate.key === "expertise");
  const example = section?.examples.find((candidate) => candidate.file === EXAMPLE);
  if (example === undefined) throw new Error(`the edition has no ${EXAMPLE}`);
  const data = example.data as unknown as { answers: SectionData; candidateType?: string };
  return (
    <AntdScope>
      <FormEngine
        edition={edition}
        sectionKey="expertise"
        candidateType={data.candidateType ?? "apprentice"}
        answers={data.answers}
        onSave={() => Promise.resolve()}
        attachmentClient={createMemoryAttachmentClient()}
      />
      <FirstPaintProbe />
    </AntdScope>
  );
}

/** The edition's generated validators, written beside the page as the server serves them (no eval). */
async function installBenchValidators(edition: Edition): Promise<void> {
  if (!NEEDS_PRECOMPILED_VALIDATORS) return;
  const url = new URL("validators.js", document.baseURI).href;
  const module = (await import(/* @vite-ignore */ url)) as ValidatorsModule;
  installValidators(edition, module.default(STANDALONE_RUNTIME));
}

async function main(): Promise<void> {
  const response = await fetch(new URL("edition.json", document.baseURI));
  const edition = (await response.json()) as Edition;
  await installBenchValidators(edition);
  renderStartedAt = performance.now();
  performance.mark("render-start");
  createRoot(document.getElementById("root")!).render(
    <StrictMode>
      <ExpertiseBench edition={edition} />
    </StrictMode>,
  );
}

main().catch((error: unknown) => {
  probe.error = String(error);
});
