/**
 * Whole-application validation: `applicationBlockers` (what the server runs on submit and the browser on
 * the task list) over the edition's complete valid examples, timed in this process after a warm-up.
 */
import { performance } from "node:perf_hooks";
import { applicationExampleAnswers } from "@shenbao/forms";
import { applicationBlockers, type Edition } from "@shenbao/rules";
import { median, percentile } from "./stats.js";

/** Timing of one example application: median and p95 in milliseconds, and its blocker count (0 expected). */
export interface ValidationFigures {
  example: string;
  iterations: number;
  medianMs: number;
  p95Ms: number;
  blockers: number;
}

const WARM_UP = 50;

/** Times `applicationBlockers` over `examples/valid-<type>-application.json` for each candidate type. */
export function measureValidation(edition: Edition, iterations = 200): ValidationFigures[] {
  return edition.examples
    .filter((example) => /^examples\/valid-.*-application\.json$/.test(example.file))
    .map((example) => {
      const answers = applicationExampleAnswers(example);
      // JIT warm-up first: the figure is for a long-running server, not a cold start.
      let blockers = 0;
      for (let i = 0; i < WARM_UP; i++) blockers = applicationBlockers(edition, answers).length;
      const samples: number[] = [];
      for (let i = 0; i < iterations; i++) {
        const started = performance.now();
        applicationBlockers(edition, answers);
        samples.push(performance.now() - started);
      }
      return {
        example: example.file,
        iterations,
        medianMs: median(samples),
        p95Ms: percentile(samples, 95),
        blockers,
      };
    });
}
