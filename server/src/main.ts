/** `npm start`: the embedded mode — web and worker in one process on the SQLite / folder / embedded-queue defaults. */
import { startRuntime, stopOnSignals } from "./runtime.js";

stopOnSignals(await startRuntime({ web: true, worker: true }));
