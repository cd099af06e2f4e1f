/**
 * A worker process for fault tests: `server/src/worker.ts` run as a child on the given configuration, so a
 * test can SIGKILL it mid-job and start another on the same data. Output is kept for failure messages.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const repoRoot = path.resolve(import.meta.dirname, "../..");
const workerScript = path.join(repoRoot, "server/src/worker.ts");

/** A started worker: its process, what it printed, and how to end it. */
export interface WorkerProcess {
  child: ChildProcess;
  output(): string;
  /** SIGKILL, resolved once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM (graceful), resolved once the process is gone. */
  stop(): Promise<void>;
}

/** Starts a worker with `env` added to the current environment. */
export function startWorker(env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, ["--import", "tsx", workerScript], {
    cwd: repoRoot,
    env: { ...process.env, LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const ended = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await ended;
  };
  return { child, output: () => output, kill: () => end("SIGKILL"), stop: () => end("SIGTERM") };
}
