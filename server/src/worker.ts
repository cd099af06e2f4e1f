/** Production worker process: runs queued jobs (teacher invitations, reminders, expiries). */
import { startRuntime, stopOnSignals } from "./runtime.js";

stopOnSignals(await startRuntime({ web: false, worker: true }));
