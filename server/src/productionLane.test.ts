// Issue 8 "done when": the production processes (`npm run web` + `npm run worker`, here on the embedded
// adapters sharing one fresh data directory) take an application without any manual publishing step —
// they used to answer no_published_edition forever.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildIdNumber } from "../test/identityFactories.js";
import { call, signInUser, uploadPhoto } from "../test/identityClient.js";
import { startServerProcess, type ServerProcess } from "../test/serverProcess.js";
import type { TestServer } from "../test/testApp.js";

let web: ServerProcess;
let worker: ServerProcess;
beforeAll(async () => {
  web = await startServerProcess({ entry: "server/src/web.ts" });
  worker = await startServerProcess({
    entry: "server/src/worker.ts",
    dataDir: web.dataDir,
    waitForHealth: false,
  });
}, 120_000);
afterAll(async () => {
  await worker?.stop();
  await web?.stop();
});

describe("npm run web + npm run worker on a fresh data directory", () => {
  it("publishes and opens the shipped edition, and a verified candidate starts an application on it", async () => {
    const server = { url: web.url, dataDir: web.dataDir } as TestServer;
    const portal = (await (await fetch(`${web.url}/api/editions/portal`)).json()) as {
      product: { key: string; version: string } | null;
    };
    expect(portal.product).not.toBeNull();

    const user = await signInUser(server, "13900000088");
    const verified = await call(server, "POST", "/api/identity/verify", user, {
      name: "张三",
      idNumber: buildIdNumber("420102", "19800307", "123"),
      photoFront: await uploadPhoto(server, user),
    });
    expect(verified.status, web.output()).toBe(200);
    const started = await call(server, "POST", "/api/applications", user);
    expect(started.status, web.output()).toBe(201);
    const application = (await started.json()) as { editionKey: string; editionVersion: string };
    expect([application.editionKey, application.editionVersion]).toEqual([
      portal.product!.key,
      portal.product!.version,
    ]);
  });
});
