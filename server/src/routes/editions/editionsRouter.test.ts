import { get } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  checkSection,
  installValidators,
  STANDALONE_RUNTIME,
  type Edition,
  type ValidatorsModule,
} from "@shenbao/rules";
import { callApi, publishShippedEdition } from "../../../test/factories.js";
import { startTestServer, type TestServer } from "../../../test/testApp.js";

let server: TestServer;
let edition: Edition;
beforeAll(async () => {
  server = await startTestServer();
  edition = await publishShippedEdition(server.ports.store, server.services.clock);
});
afterAll(() => server.close());

describe("GET /api/editions/current", () => {
  it("sends the published edition with everything the form engine needs, revalidated by its version", async () => {
    const answer = await callApi<Edition>(server, "GET", "/api/editions/current");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("cache-control")).toBe("public, no-cache");
    expect(answer.headers.get("etag")).toBe(`"${edition.key}@${edition.version}"`);
    const body = answer.body;
    expect([body.key, body.version, body.candidateTypeTitle]).toEqual([
      edition.key,
      edition.version,
      edition.candidateTypeTitle,
    ]);
    expect(body.sections.map((s) => s.key)).toEqual(edition.sections.map((s) => s.key));
    const practice = body.sections.find((s) => s.key === "practice")!;
    const shipped = edition.sections.find((s) => s.key === "practice")!;
    expect([practice.schema, practice.uiSchema, practice.rules, practice.appliesWhen]).toEqual([
      shipped.schema,
      shipped.uiSchema,
      shipped.rules,
      shipped.appliesWhen,
    ]);
    expect(body.forms.map((f) => f.key)).toEqual(edition.forms.map((f) => f.key));
    expect(Object.keys(body.catalogs).sort()).toEqual(Object.keys(edition.catalogs).sort());
    // Examples stay on the server.
    expect(body.sections.every((s) => s.examples.length === 0)).toBe(true);

    // node:http, because fetch adds "Cache-Control: no-cache" to any request carrying If-None-Match.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      get(
        `${server.url}/api/editions/current`,
        { headers: { "If-None-Match": answer.headers.get("etag")! } },
        (res) => {
          res.resume();
          resolve(res.statusCode);
        },
      ).on("error", reject);
    });
    expect(status).toBe(304);
  });
});

describe("GET /api/editions/:key/:version", () => {
  it("serves a published version as immutable and answers 404 for an unknown one", async () => {
    const answer = await callApi<Edition>(server, "GET", `/api/editions/${edition.key}/${edition.version}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(answer.body.version).toBe(edition.version);
    expect((await callApi(server, "GET", `/api/editions/${edition.key}/9.9.9`)).status).toBe(404);
    expect((await callApi(server, "GET", `/api/editions/${edition.key}/not-a-version`)).status).toBe(404);
  });
});

describe("GET /api/editions/:key/:version/validators.js", () => {
  it("serves the version's generated validators, which check a section as the server does", async () => {
    const path = `/api/editions/${edition.key}/${edition.version}/validators.js`;
    const response = await fetch(`${server.url}${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const source = await response.text();
    const url = `data:text/javascript;base64,${Buffer.from(source).toString("base64")}`;
    const module = (await import(/* @vite-ignore */ url)) as ValidatorsModule;
    const validators = module.default(STANDALONE_RUNTIME);
    expect(Object.keys(validators).sort()).toEqual(
      [...edition.sections, ...edition.forms].map((form) => form.key).sort(),
    );

    const answers = { candidateType: "apprentice", sections: { basicInfo: { postcode: "43001x" } } };
    const compiled = checkSection(edition, "basicInfo", answers);
    // A copy under another version, so only the installed (generated) validators can serve it.
    const served = { ...edition, version: "0.0.1" };
    installValidators(served, validators);
    expect(checkSection(served, "basicInfo", answers)).toEqual(compiled);
    expect(compiled.some((error) => error.path === "postcode")).toBe(true);

    expect((await fetch(`${server.url}/api/editions/${edition.key}/9.9.9/validators.js`)).status).toBe(404);
  });
});
