/**
 * Starts the MongoDB-wire test server shipped by @jongodb/memory-server-bin-linux-x64-gnu (partial parity,
 * CI lane only — never a production database) and returns its URI once it prints its ready line.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

/** A running test server and how to stop it. */
export interface JongodbServer {
  uri: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Path of the launcher binary inside the dev dependency. */
export function jongodbBinary(): string {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve("@jongodb/memory-server-bin-linux-x64-gnu/package.json");
  return path.join(path.dirname(pkg), "bin", "jongodb");
}

/** Starts the server on `port` (0 = any free port) and resolves with a URI the official driver accepts. */
export async function startJongodb(port = 0): Promise<JongodbServer> {
  const child = spawn(jongodbBinary(), [`--port=${port}`], { stdio: ["ignore", "pipe", "pipe"] });
  const uri = await new Promise<string>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`jongodb did not start in 30 s: ${out}`)), 30_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /JONGODB_URI=(mongodb:\/\/[^\s/]+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        // A single node that answers as a writable primary: directConnection lets sessions and
        // transactions work without a replica-set name the server does not advertise.
        resolve(`${match[1]}/?directConnection=true`);
      }
    });
    child.stderr!.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`jongodb exited with ${code}: ${out}`));
    });
  });
  return {
    uri,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
