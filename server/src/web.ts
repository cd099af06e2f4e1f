/** Production web process: serves the API and pages; jobs are processed by `worker.ts` processes. */
import { startRuntime, stopOnSignals } from "./runtime.js";

stopOnSignals(await startRuntime({ web: true, worker: false }));
