/**
 * The HTTP load phases: autocannon in this process against a server child (`bareKoaChild.ts`, `appChild.ts`), each phase
 * a fixed duration and connection count on loopback. Bare Koa answers a small JSON; the durable save PUTs
 * a section, each connection on its own application with the revision its last answer returned.
 */
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import type { SaveSlot, ServerReady } from "./childProtocol.js";

/** What one load phase measured; `errors` counts non-2xx answers, timeouts and connection errors. */
export interface LoadFigures {
  requestsPerSecond: number;
  p99Ms: number;
  p50Ms: number;
  requests: number;
  errors: number;
  /** Answers by status class, e.g. `{ "2xx": 51234, "4xx": 0 }`. */
  statuses: Record<string, number>;
}

/** Connection count and duration of every load phase. */
export interface LoadSettings {
  connections: number;
  durationSeconds: number;
}

/** Starts a server child (a file beside this one) and waits for its address and prepared applications. */
async function startChild(
  file: "bareKoaChild.ts" | "appChild.ts",
  args: string[],
): Promise<{ ready: ServerReady; stop(): Promise<void> }> {
  const child: ChildProcess = fork(fileURLToPath(new URL(file, import.meta.url)), args, {
    // BENCH_CPU_PROF_DIR=<dir> writes a V8 CPU profile of each server child there (open in Chrome DevTools).
    execArgv: [
      "--import",
      "tsx",
      ...(process.env.BENCH_CPU_PROF_DIR
        ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`]
        : []),
    ],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const ready = await new Promise<ServerReady>((resolve, reject) => {
    child.once("message", (message) => resolve(message as ServerReady));
    child.once("exit", (code) => reject(new Error(`server child ${file} exited with ${code}`)));
  });
  return {
    ready,
    async stop() {
      child.send("stop");
      await exited;
    },
  };
}

function figuresOf(result: autocannon.Result): LoadFigures {
  const nonSuccess = result["1xx"] + result["3xx"] + result["4xx"] + result["5xx"];
  return {
    requestsPerSecond: result.requests.average,
    p99Ms: result.latency.p99,
    p50Ms: result.latency.p50,
    requests: result.requests.total,
    errors: nonSuccess + result.errors + result.timeouts,
    statuses: {
      "2xx": result["2xx"],
      "4xx": result["4xx"],
      "5xx": result["5xx"],
      other: result["1xx"] + result["3xx"],
      "errors+timeouts": result.errors + result.timeouts,
    },
  };
}

/** Bare Koa: GET of a small JSON. */
export async function measureBareKoa(settings: LoadSettings): Promise<LoadFigures> {
  const server = await startChild("bareKoaChild.ts", []);
  try {
    const result = await autocannon({
      url: `${server.ready.url}/hello`,
      connections: settings.connections,
      duration: settings.durationSeconds,
    });
    return figuresOf(result);
  } finally {
    await server.stop();
  }
}

/**
 * Durable save-section: one application per connection, so revisions never conflict; each connection
 * sends the revision its previous answer carried. A non-2xx answer is an error, and the connection then
 * keeps its old revision (the next save would be refused too, so errors stay visible, never hidden).
 */
export async function measureSectionSave(settings: LoadSettings): Promise<LoadFigures & { section: string }> {
  const server = await startChild("appChild.ts", [String(settings.connections)]);
  const { url, slots, sectionKey, sectionData } = server.ready;
  let next = 0;
  try {
    const result = await autocannon({
      url,
      connections: settings.connections,
      duration: settings.durationSeconds,
      // Called once per connection as autocannon creates it: hand each its own application.
      setupClient(client) {
        const slot: SaveSlot = slots[next++ % slots.length]!;
        client.setRequests([
          {
            method: "PUT",
            path: `/api/applications/${slot.applicationId}/sections/${sectionKey}`,
            headers: { "content-type": "application/json", cookie: slot.cookie },
            setupRequest: (request) => ({
              ...request,
              body: JSON.stringify({ rev: slot.rev, data: sectionData }),
            }),
            onResponse: (status, body) => {
              if (status === 200) slot.rev = (JSON.parse(body) as { rev: number }).rev;
            },
          },
        ]);
      },
    });
    return { ...figuresOf(result), section: sectionKey };
  } finally {
    await server.stop();
  }
}
