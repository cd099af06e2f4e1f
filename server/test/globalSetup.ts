/**
 * Vitest global setup: makes every adapter that can start here available to the contract suites.
 * MONGODB_URI given (a real mongod, or .ci/run's test server) is used as is; otherwise the MongoDB-wire
 * test server from the dev dependencies is started for this run and stopped after it.
 */
import type { TestProject } from "vitest/node";
import { startJongodb, type JongodbServer } from "./jongodb.js";

let server: JongodbServer | undefined;

export async function setup(project: TestProject): Promise<void> {
  if (!process.env.MONGODB_URI) {
    server = await startJongodb();
    process.env.MONGODB_URI = server.uri;
    process.env.SHENBAO_MONGODB_LANE = "jongodb";
  }
  project.provide("mongodbUri", process.env.MONGODB_URI);
}

export async function teardown(): Promise<void> {
  await server?.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    mongodbUri: string | undefined;
  }
}
