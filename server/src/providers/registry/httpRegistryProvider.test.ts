import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RegistryUnavailableError } from "../../errors.js";
import { idNumberFor } from "../../../test/registryFactories.js";
import { HttpRegistryProvider } from "./httpRegistryProvider.js";

const ID_NUMBER = idNumberFor("42010219700101771");
const PERSON = {
  name: "赵远程",
  idNumber: ID_NUMBER,
  sex: "male",
  institution: "远程中医院",
  institutionDivision: "420106",
  practiceCategory: "中医",
  licenseNumber: "R-1",
  title: "主任医师",
  yearsOfPractice: 30,
  phone: "13900007777",
  labels: ["recommender"],
};

type Handler = (body: Record<string, unknown>, request: IncomingMessage, response: ServerResponse) => void;

describe("HttpRegistryProvider against a local fake registry", () => {
  let server: Server;
  let url: string;
  let handler: Handler;
  const received: { body: Record<string, unknown>; key: string | undefined }[] = [];

  beforeEach(async () => {
    received.length = 0;
    server = createServer((request, response) => {
      let text = "";
      request.on("data", (chunk: Buffer) => (text += chunk.toString()));
      request.on("end", () => {
        const body = JSON.parse(text) as Record<string, unknown>;
        received.push({ body, key: request.headers["x-api-key"] as string | undefined });
        handler(body, request, response);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/lookup`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const json = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { "content-type": "application/json" });
    response.end(JSON.stringify(body));
  };
  const provider = (timeoutMs = 2_000) => new HttpRegistryProvider({ url, key: "secret-key", timeoutMs });

  it("maps a match to a person, sending the query and the key header", async () => {
    handler = (_body, _request, response) => json(response, 200, { found: true, person: PERSON });
    const person = await provider().lookup({ role: "recommender", name: "赵远程", idNumber: ID_NUMBER });
    expect(person).toMatchObject({
      name: "赵远程",
      idNumber: ID_NUMBER,
      title: "主任医师",
      source: "provider",
    });
    expect(person?.ref).toBeUndefined();
    expect(received).toEqual([
      { body: { role: "recommender", name: "赵远程", idNumber: ID_NUMBER }, key: "secret-key" },
    ]);
  });

  it("answers null when the registry finds nobody", async () => {
    handler = (_body, _request, response) => json(response, 200, { found: false });
    expect(await provider().lookup({ role: "recommender", name: "赵远程", idNumber: ID_NUMBER })).toBeNull();
  });

  it("answers null when the remote answer does not match the name or the label group asked", async () => {
    handler = (_body, _request, response) => json(response, 200, { found: true, person: PERSON });
    expect(await provider().lookup({ role: "recommender", name: "赵远", idNumber: ID_NUMBER })).toBeNull();
    expect(await provider().lookup({ role: "supervisor", name: "赵远程", idNumber: ID_NUMBER })).toBeNull();
  });

  it("throws RegistryUnavailableError on a 5xx and on a malformed answer", async () => {
    handler = (_body, _request, response) => json(response, 502, { error: "bad gateway" });
    await expect(
      provider().lookup({ role: "recommender", name: "赵远程", idNumber: ID_NUMBER }),
    ).rejects.toBeInstanceOf(RegistryUnavailableError);
    handler = (_body, _request, response) => json(response, 200, { found: true, person: { name: "赵远程" } });
    await expect(
      provider().lookup({ role: "recommender", name: "赵远程", idNumber: ID_NUMBER }),
    ).rejects.toBeInstanceOf(RegistryUnavailableError);
  });

  it("throws RegistryUnavailableError when the registry does not answer in time", async () => {
    handler = (_body, _request, response) => setTimeout(() => json(response, 200, { found: false }), 1_000);
    const started = Date.now();
    await expect(
      provider(150).lookup({ role: "recommender", name: "赵远程", idNumber: ID_NUMBER }),
    ).rejects.toBeInstanceOf(RegistryUnavailableError);
    expect(Date.now() - started).toBeLessThan(900);
  });
});
