import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { registryImporter } from "../../commands/registryImporter.js";
import { RATE_LIMITS_TEACHERS } from "../../commands/teacherFinderSettings.js";
import { maskIdNumber } from "../../identity/idNumber.js";
import { labelGroupOf } from "../../registry/registryVocabulary.js";
import { currentEdition } from "../../editions/publishedEditions.js";
import { collectionsOf, type ApplicationDoc } from "../../store/collections.js";
import { postJson } from "../../../test/authClient.js";
import { buildCandidate, type TestCandidate } from "../../../test/factories.js";
import { idNumberFor, registryCsv, registryRow } from "../../../test/registryFactories.js";
import { startTestServer, type TestServer } from "../../../test/testApp.js";

const SUPERVISOR = registryRow(31, {
  labels: labelGroupOf("supervisor"),
  title: "主任医师",
  institution: "甲中医院",
});
const RECOMMENDER = registryRow(32, { labels: labelGroupOf("recommender") });

describe("POST /api/applications/:id/teachers/lookup", () => {
  let server: TestServer;
  let candidate: TestCandidate;
  let applicationId: string;

  beforeEach(async () => {
    server = await startTestServer();
    const { store } = server.ports;
    await registryImporter(
      {
        store,
        cipher: server.services.cipher,
        clock: server.services.clock,
        regionLookup: server.services.identity.regionLookup,
      },
      { input: { buffer: registryCsv([SUPERVISOR, RECOMMENDER]), format: "csv" }, actor: "test" },
    );
    candidate = await buildCandidate(server, { verified: false });
    applicationId = (await collectionsOf(store).applications.insert(draftOf(candidate.userId)))._id;
  });
  afterEach(() => server.close());

  const lookup = (body: unknown, cookie = candidate.cookie, id = applicationId) =>
    postJson(server, `/api/applications/${id}/teachers/lookup`, body, { cookie });

  it("answers 「获取成功」 with the name, the masked number, institution, title and an opaque ref", async () => {
    const response = await lookup({
      role: "supervisor",
      name: SUPERVISOR.name,
      idNumber: SUPERVISOR.idNumber,
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { found: true; person: Record<string, unknown> };
    expect(body).toEqual({
      found: true,
      person: {
        ref: expect.stringMatching(/^[0-9a-f]{32}$/),
        name: SUPERVISOR.name,
        maskedIdNumber: maskIdNumber(String(SUPERVISOR.idNumber)),
        institution: "甲中医院",
        title: "主任医师",
        role: "supervisor",
        demo: false,
      },
    });
    const text = JSON.stringify(body);
    expect(text).not.toContain(String(SUPERVISOR.idNumber));
    expect(text).not.toContain(String(SUPERVISOR.phone));
    expect(server.logLines.join("\n")).not.toContain(String(SUPERVISOR.idNumber));
  });

  it("gives the identical 「获取失败」 answer for a wrong name, a wrong number and a missing label group", async () => {
    const answers = await Promise.all(
      [
        { role: "supervisor", name: "不是此人", idNumber: SUPERVISOR.idNumber },
        { role: "supervisor", name: SUPERVISOR.name, idNumber: idNumberFor("42010219700101999") },
        { role: "recommender", name: SUPERVISOR.name, idNumber: SUPERVISOR.idNumber },
        { role: "supervisor", name: RECOMMENDER.name, idNumber: RECOMMENDER.idNumber },
      ].map(async (body) => {
        const response = await lookup(body);
        return { status: response.status, text: await response.text() };
      }),
    );
    const explanation = (await currentEdition(server.ports.store)).texts?.["recommenders.lookupFailure"];
    const expected = { status: 200, text: JSON.stringify({ found: false, message: explanation }) };
    expect(answers).toEqual([expected, expected, expected, expected]);
    expect(explanation).toContain("湖北省卫生健康基础资源综合管理系统");
  });

  it("answers a number with a wrong check character with 400, not with a registry answer", async () => {
    const response = await lookup({
      role: "supervisor",
      name: SUPERVISOR.name,
      idNumber: "420102197001013110",
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe("id_number_invalid");
  });

  it(`limits a candidate to ${RATE_LIMITS_TEACHERS.lookupPerUser.limit} lookups per window with 429`, async () => {
    const body = { role: "supervisor", name: "不是此人", idNumber: SUPERVISOR.idNumber };
    for (let i = 0; i < RATE_LIMITS_TEACHERS.lookupPerUser.limit; i++)
      expect((await lookup(body)).status).toBe(200);
    const limited = await lookup({
      role: "supervisor",
      name: SUPERVISOR.name,
      idNumber: SUPERVISOR.idNumber,
    });
    expect(limited.status).toBe(429);
    const answer = (await limited.json()) as { error: string; message: string };
    expect(answer.error).toBe("rate_limited");
    expect(answer.message).toMatch(/[\u4e00-\u9fff]/);

    // The limit is the candidate's own: another candidate still looks up.
    const other = await buildCandidate(server, { verified: false });
    const otherApplication = await collectionsOf(server.ports.store).applications.insert(
      draftOf(other.userId),
    );
    expect((await lookup(body, other.cookie, otherApplication._id)).status).toBe(200);
  });

  it("answers 404 to another candidate and 401 without a session", async () => {
    const other = await buildCandidate(server, { verified: false });
    const body = { role: "supervisor", name: SUPERVISOR.name, idNumber: SUPERVISOR.idNumber };
    const response = await lookup(body, other.cookie);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain(String(SUPERVISOR.name));
    expect((await postJson(server, `/api/applications/${applicationId}/teachers/lookup`, body)).status).toBe(
      401,
    );
  });

  it("answers 400 naming the field for an unknown role", async () => {
    const response = await lookup({ role: "teacher", name: SUPERVISOR.name, idNumber: SUPERVISOR.idNumber });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe("invalid_input");
  });
});

function draftOf(userId: string): ApplicationDoc {
  return {
    userId,
    editionKey: "hubei-2024",
    editionVersion: "2024.1.0",
    candidateType: "apprentice",
    status: "draft",
    sections: {},
  };
}
