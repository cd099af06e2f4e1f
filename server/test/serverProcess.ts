/**
 * The real server as a child process, as `npm start` / `npm run web` / `npm run worker` run it: an entry
 * point, embedded adapters, a data directory and a free port. Used by the browser tests and by the
 * process-level server tests. Everything is stopped by the handle it started, never by name.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";

/** The repository root. */
const ROOT = path.resolve(import.meta.dirname, "../..");

/** A free TCP port on 127.0.0.1 at the time of asking. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** A started process: its address (when it serves HTTP), data directory, what it logged, and how to stop it. */
export interface ServerProcess {
  url: string;
  dataDir: string;
  output: () => string;
  stop(): Promise<void>;
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server did not answer /healthz within 60 s:\n${output()}`);
}

/**
 * Starts `entry` (default `server/src/main.ts`: web + worker) in a child process with a fresh (or the given)
 * `SHENBAO_DATA_DIR`. A web entry resolves once `/healthz` answers; `waitForHealth: false` (a worker)
 * resolves at once. The directory is removed on stop only when this call created it.
 */
export async function startServerProcess(
  options: { entry?: string; dataDir?: string; waitForHealth?: boolean; env?: Record<string, string> } = {},
): Promise<ServerProcess> {
  const ownDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), "shenbao-server-"));
  const port = await freePort();
  // The child reads its configuration from its environment, like `npm start` does.
  const inherited = process.env;
  const child = spawn(process.execPath, ["--import", "tsx", options.entry ?? "server/src/main.ts"], {
    cwd: ROOT,
    env: {
      ...inherited,
      PORT: String(port),
      HOST: "127.0.0.1",
      SHENBAO_DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  const keep = (chunk: Buffer) => {
    // Only the tail matters when something fails; a long run must not grow this without bound.
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const url = `http://127.0.0.1:${port}`;
  const output = () => log;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    }
    if (ownDir) rmSync(dataDir, { recursive: true, force: true });
  };
  if (options.waitForHealth !== false) {
    try {
      await waitForHealth(url, child, output);
    } catch (error) {
      await stop();
      throw error;
    }
  }
  return { url, dataDir, output, stop };
}
