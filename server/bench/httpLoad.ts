/**
 * The HTTP load phases against a server child (`bareKoaChild.ts`, `appChild.ts`), each a fixed duration and
 * connection count on loopback. Bare Koa answers a small JSON; the durable save PUTs a section, each
 * connection on its own application with the revision its last answer returned. Closed-loop phases use
 * autocannon in this process; the paced save phase has its own open-loop sender (see `measurePacedSave`).
 */
import { fork, type ChildProcess } from "node:child_process";
import http from "node:http";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import type { SaveSlot, ServerReady } from "./childProtocol.js";
import { percentile } from "./stats.js";

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

/** A paced phase: `ratePerSecond` saves offered at even intervals for `durationSeconds`, over `connections`. */
export interface PacedSettings extends LoadSettings {
  ratePerSecond: number;
}

/**
 * Durable save-section at a steady offered rate (open loop), for what a candidate waits at a given load rather
 * than at the server's ceiling. A save falls due every 1/rate s whatever the server answers; it goes out on a
 * free application (one save per application at a time, as its revision chains) or waits for one, and its
 * latency counts from when it fell due, so a server falling behind shows in the figures (no coordinated
 * omission). autocannon's own rate mode is not used: it sends each connection's quota for a second in a burst
 * at the top of that second and fills the histogram with 1 ms-spaced synthetic samples, so it measures bursts.
 */
export async function measurePacedSave(
  settings: PacedSettings,
): Promise<LoadFigures & { section: string; offeredPerSecond: number }> {
  const server = await startChild("appChild.ts", [String(settings.connections)]);
  const { url, slots, sectionKey, sectionData } = server.ready;
  const agent = new http.Agent({ keepAlive: true, maxSockets: settings.connections });
  const intervalMs = 1000 / settings.ratePerSecond;
  const total = Math.round(settings.ratePerSecond * settings.durationSeconds);
  const latencies: number[] = [];
  const statuses: Record<string, number> = { "2xx": 0, "4xx": 0, "5xx": 0, other: 0, "errors+timeouts": 0 };
  const free = [...slots];
  const due: number[] = [];
  let scheduled = 0;
  let finished = 0;
  const started = performance.now();
  try {
    await new Promise<void>((resolve, reject) => {
      const deadline = setTimeout(
        () => reject(new Error(`paced save phase: ${total - finished} of ${total} saves unanswered`)),
        (settings.durationSeconds + 60) * 1000,
      );
      const settle = (slot: SaveSlot, dueAt: number, status: number | "error") => {
        latencies.push(performance.now() - dueAt);
        const group = status === "error" ? "errors+timeouts" : `${Math.floor(status / 100)}xx`;
        statuses[group in statuses ? group : "other"]! += 1;
        free.push(slot);
        finished += 1;
        if (finished === total) {
          clearTimeout(deadline);
          resolve();
        } else send();
      };
      const save = (slot: SaveSlot, dueAt: number) => {
        const request = http.request(
          `${url}/api/applications/${slot.applicationId}/sections/${sectionKey}`,
          {
            method: "PUT",
            agent,
            headers: { "content-type": "application/json", cookie: slot.cookie },
            timeout: 10_000,
          },
          (response) => {
            let body = "";
            response.setEncoding("utf8");
            response.on("data", (chunk: string) => (body += chunk));
            response.on("end", () => {
              const status = response.statusCode ?? 0;
              if (status === 200) slot.rev = (JSON.parse(body) as { rev: number }).rev;
              settle(slot, dueAt, status);
            });
          },
        );
        request.on("timeout", () => request.destroy(new Error("timed out")));
        request.on("error", () => settle(slot, dueAt, "error"));
        request.end(JSON.stringify({ rev: slot.rev, data: sectionData }));
      };
      const send = () => {
        while (free.length > 0 && due.length > 0) save(free.pop()!, due.shift()!);
      };
      const tick = () => {
        const now = performance.now();
        while (scheduled < total && started + scheduled * intervalMs <= now) {
          due.push(started + scheduled * intervalMs);
          scheduled += 1;
        }
        send();
        if (scheduled < total)
          setTimeout(tick, Math.max(0, started + scheduled * intervalMs - performance.now()));
      };
      tick();
    });
    const elapsedSeconds = (performance.now() - started) / 1000;
    return {
      requestsPerSecond: finished / elapsedSeconds,
      p99Ms: percentile(latencies, 99),
      p50Ms: percentile(latencies, 50),
      requests: finished,
      errors: finished - statuses["2xx"]!,
      statuses,
      section: sectionKey,
      offeredPerSecond: settings.ratePerSecond,
    };
  } finally {
    agent.destroy();
    await server.stop();
  }
}
