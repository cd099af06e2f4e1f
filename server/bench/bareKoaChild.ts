/**
 * Child process: the baseline, a minimal Koa 3 app with the app's body parser answering a small JSON on
 * 127.0.0.1. It imports nothing of the app, so it measures Koa and Node alone.
 */
import type { Server } from "node:http";
import Koa from "koa";
import { bodyParser } from "@koa/bodyparser";
import { serveForBench } from "./childProtocol.js";

serveForBench(async () => {
  const app = new Koa();
  app.silent = true;
  app.use(bodyParser({ enableTypes: ["json"], jsonLimit: "1mb" }));
  app.use(async function hello(ctx) {
    ctx.body = { ok: true, service: "shenbao-bench" };
  });
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no address");
  return {
    ready: { url: `http://127.0.0.1:${address.port}`, slots: [], sectionKey: "", sectionData: null },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
});
