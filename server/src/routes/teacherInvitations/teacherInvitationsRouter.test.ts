import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { canonicalHash } from "../../invitations/canonicalJson.js";
import { DAY_MS, INVITATION_MAX_VERIFY_FAILURES } from "../../invitations/invitationSettings.js";
import { collectionsOf } from "../../store/collections.js";
import { callApi } from "../../../test/factories.js";
import {
  CANDIDATE_ID_NUMBER,
  exampleEvaluation,
  filledCandidate,
  importTeachers,
  invitedToken,
  lastInvitationCode,
  signAs,
  TEACHER_ROWS,
  TINY_PNG,
  verifiedTeacher,
} from "../../../test/invitationFactories.js";
import { ManualClock } from "../../../test/manualClock.js";
import { startTestServer, type TestServer } from "../../../test/testApp.js";

let server: TestServer;
let clock: ManualClock;
let candidate: Awaited<ReturnType<typeof filledCandidate>>;
let token: string;
let invitationId: string;
const row = TEACHER_ROWS.sup1;

beforeEach(async () => {
  clock = new ManualClock();
  server = await startTestServer({ clock });
  const refs = await importTeachers(server);
  candidate = await filledCandidate(server, "apprentice");
  ({ token, invitationId } = await invitedToken(server, candidate, candidate.application._id, {
    role: "supervisor",
    ref: refs.sup1,
  }));
});
afterEach(() => server.close());

const invitation = () => collectionsOf(server.ports.store).invitations.get(invitationId);

/** Every teacher endpoint with `someToken`, as a replaying or forging client would call them. */
async function everyEndpoint(someToken: string, cookie?: string) {
  const options = cookie ? { cookie } : {};
  return [
    await callApi<{ error: string; message: string }>(server, "GET", `/api/t/${someToken}`, options),
    await callApi<{ error: string; message: string }>(
      server,
      "POST",
      `/api/t/${someToken}/verify/code`,
      options,
    ),
    await callApi<{ error: string; message: string }>(server, "POST", `/api/t/${someToken}/verify`, {
      ...options,
      body: { last6: String(row.idNumber).slice(-6), code: "000000" },
    }),
    await callApi<{ error: string; message: string }>(server, "GET", `/api/t/${someToken}/summary`, options),
    await callApi<{ error: string; message: string }>(server, "POST", `/api/t/${someToken}/sign`, {
      ...options,
      body: {
        commitmentAccepted: true,
        evaluation: await exampleEvaluation(server),
        signaturePng: "iVBORw0KGgo=",
      },
    }),
  ];
}

describe("GET /api/t/:token", () => {
  it("shows the evaluation form with its reading notice and marks the invitation 已查看 on the first open only", async () => {
    const first = await callApi<{
      stateLabel: string;
      form: { key: string; schema: { properties: object } };
      sessionActive: boolean;
    }>(server, "GET", `/api/t/${token}`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      stateLabel: "已查看",
      sessionActive: false,
      form: { key: "evaluation" },
    });
    expect(Object.keys(first.body.form.schema.properties).length).toBeGreaterThan(0);
    const viewed = await invitation();
    await callApi(server, "GET", `/api/t/${token}`);
    expect((await invitation())?.rev).toBe(viewed?.rev);
    expect(first.headers.get("cache-control")).toBe("no-store");
  });

  it("never writes the bearer token to the request log, on the API or on the teacher's page path (issue 11)", async () => {
    await callApi(server, "GET", `/api/t/${token}`);
    await callApi(server, "POST", `/api/t/${token}/verify/code`);
    await fetch(`${server.url}/t/${token}`);
    const requests = server.logLines.filter((line) => line.includes('"msg":"request"'));
    expect(requests.some((line) => line.includes("/api/t/[令牌已隐藏]/verify/code"))).toBe(true);
    expect(server.logLines.join("\n")).not.toContain(token);
  });

  it("answers a forged or malformed token with 404 and a Chinese message, changing nothing", async () => {
    const before = await invitation();
    const forged = `${token.slice(0, -4)}AAAA`;
    for (const answer of [...(await everyEndpoint(forged)), ...(await everyEndpoint("not-a-token"))]) {
      expect(answer.status).toBe(404);
      expect(answer.body.error).toBe("invitation_not_found");
      expect(answer.body.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await invitation()).toEqual(before);
  });

  it("answers an expired link with 410 on every step, changing nothing", async () => {
    const before = await invitation();
    clock.advance(14 * DAY_MS);
    for (const answer of await everyEndpoint(token)) {
      expect(answer.status).toBe(410);
      expect(answer.body.error).toBe("invitation_expired");
    }
    expect(await invitation()).toEqual(before);
  });

  it("answers a replay after signing with 410 on every step, changing nothing", async () => {
    const cookie = await verifiedTeacher(server, token, row);
    expect((await signAs(server, token, cookie)).status).toBe(201);
    const signed = await invitation();
    for (const answer of await everyEndpoint(token, cookie)) {
      expect(answer.status).toBe(410);
      expect(answer.body.error).toBe("invitation_signed");
    }
    expect(await invitation()).toEqual(signed);
  });
});

describe("POST /api/t/:token/verify", () => {
  it("needs a code first, counts wrong answers and locks the link at the limit", async () => {
    await callApi(server, "GET", `/api/t/${token}`);
    const noCode = await callApi<{ error: string }>(server, "POST", `/api/t/${token}/verify`, {
      body: { last6: String(row.idNumber).slice(-6), code: "123456" },
    });
    expect(noCode.body.error).toBe("invitation_code_expired");
    expect((await callApi(server, "POST", `/api/t/${token}/verify/code`)).status).toBe(200);
    const code = lastInvitationCode(server.dataDir, String(row.phone));
    for (let failure = 1; failure < INVITATION_MAX_VERIFY_FAILURES; failure++) {
      const wrong = await callApi<{ error: string; details: { attemptsLeft: number } }>(
        server,
        "POST",
        `/api/t/${token}/verify`,
        {
          body: { last6: "000000", code },
        },
      );
      expect(wrong.status).toBe(400);
      expect(wrong.body.details.attemptsLeft).toBe(INVITATION_MAX_VERIFY_FAILURES - failure);
    }
    const locked = await callApi<{ error: string }>(server, "POST", `/api/t/${token}/verify`, {
      body: { last6: "000000", code },
    });
    expect(locked.status).toBe(403);
    const right = await callApi<{ error: string }>(server, "POST", `/api/t/${token}/verify`, {
      body: { last6: String(row.idNumber).slice(-6), code },
    });
    expect(right.body.error).toBe("invitation_verify_locked");
    expect((await invitation())?.state).toBe("viewed");
  });
});

describe("GET /api/t/:token/summary", () => {
  it("needs the identity check, then shows the declared content with the candidate's number masked", async () => {
    const before = await callApi<{ error: string }>(server, "GET", `/api/t/${token}/summary`);
    expect(before.status).toBe(401);
    expect(before.body.error).toBe("teacher_session_required");
    const cookie = await verifiedTeacher(server, token, row);
    const summary = await callApi<{ candidate: { maskedIdNumber: string }; sections: { key: string }[] }>(
      server,
      "GET",
      `/api/t/${token}/summary`,
      { cookie },
    );
    expect(summary.status).toBe(200);
    expect(summary.body.candidate.maskedIdNumber).toContain("*");
    expect(JSON.stringify(summary.body)).not.toContain(CANDIDATE_ID_NUMBER);
    const keys = summary.body.sections.map((section) => section.key);
    expect(keys).toContain("basicInfo");
    expect(keys).not.toContain("recommenders");
  });
});

describe("POST /api/t/:token/sign", () => {
  it("stores the evaluation once, with the hash over summary, evaluation and signature image", async () => {
    const cookie = await verifiedTeacher(server, token, row);
    const signed = await signAs(server, token, cookie);
    expect(signed.status).toBe(201);
    const doc = await invitation();
    const evaluation = doc!.evaluation!;
    expect(signed.body.contentHash).toBe(evaluation.contentHash);
    expect(evaluation.contentHash).toBe(
      canonicalHash({
        summary: JSON.parse(evaluation.summaryJson) as unknown,
        evaluation: evaluation.answers,
        signatureSha256: evaluation.signatureSha256,
      }),
    );
    const image = await server.ports.files.get(evaluation.signatureFileKey);
    const chunks: Buffer[] = [];
    for await (const chunk of image) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).subarray(1, 4).toString()).toBe("PNG");
  });

  it("refuses a signature that is not a PNG and an evaluation the form's rules reject, storing nothing", async () => {
    const cookie = await verifiedTeacher(server, token, row);
    const notPng = await callApi<{ error: string }>(server, "POST", `/api/t/${token}/sign`, {
      cookie,
      body: {
        commitmentAccepted: true,
        evaluation: await exampleEvaluation(server),
        signaturePng: Buffer.from("GIF89a-not-a-png").toString("base64"),
      },
    });
    expect(notPng.status).toBe(400);
    expect(notPng.body.error).toBe("signature_invalid");
    const incomplete = await callApi<{ error: string }>(server, "POST", `/api/t/${token}/sign`, {
      cookie,
      body: {
        commitmentAccepted: true,
        evaluation: {},
        signaturePng: TINY_PNG.toString("base64"),
      },
    });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.error).toBe("invalid_input");
    const noCommitment = await callApi<{ error: string }>(server, "POST", `/api/t/${token}/sign`, {
      cookie,
      body: {
        commitmentAccepted: false,
        evaluation: await exampleEvaluation(server),
        signaturePng: "iVBORw0KGgo=",
      },
    });
    expect(noCommitment.status).toBe(400);
    expect((await invitation())?.state).toBe("verified");
    expect((await invitation())?.evaluation).toBeUndefined();
  });

  it("marks a signature 已失效 when the candidate changes content it covered, and invites the same person again", async () => {
    const cookie = await verifiedTeacher(server, token, row);
    expect((await signAs(server, token, cookie)).status).toBe(201);
    const appId = candidate.application._id;
    const section = await callApi<{ rev: number; data: Record<string, unknown> }>(
      server,
      "GET",
      `/api/applications/${appId}/sections/technique`,
      { cookie: candidate.cookie },
    );
    // Saving the same content again leaves the signature valid.
    await callApi(server, "PUT", `/api/applications/${appId}/sections/technique`, {
      cookie: candidate.cookie,
      body: { rev: section.body.rev, data: section.body.data },
    });
    expect((await invitation())?.state).toBe("signed");
    const changed = {
      ...section.body.data,
      servedLastFiveYears: Number(section.body.data.servedLastFiveYears ?? 0) + 1,
    };
    const saved = await callApi(server, "PUT", `/api/applications/${appId}/sections/technique`, {
      cookie: candidate.cookie,
      // The candidate confirmed 「修改后，已签署的 1 位老师需重新签名」 (issue 11).
      body: { rev: section.body.rev + 1, data: changed, confirmVoid: true },
    });
    expect(saved.status).toBe(200);
    const old = await invitation();
    expect(old).toMatchObject({ state: "invalidated", replacedBy: expect.any(String) });
    const list = await callApi<{ items: { id: string; stateLabel: string }[] }>(
      server,
      "GET",
      `/api/applications/${appId}/invitations`,
      { cookie: candidate.cookie },
    );
    expect(list.body.items.map((item) => item.stateLabel)).toEqual(["已失效", "待发送"]);
    const replay = await callApi<{ error: string }>(server, "GET", `/api/t/${token}`);
    expect(replay.status).toBe(410);
    expect(replay.body.error).toBe("invitation_invalidated");
    const application = await collectionsOf(server.ports.store).applications.get(appId);
    expect(application?.sections.recommenders?.data).toMatchObject({
      teachers: [{ invitationId: old?.replacedBy, signed: false }],
    });
  });

  it("marks a signature 已失效 when the candidate changes type and the other branch's sections are dropped", async () => {
    const cookie = await verifiedTeacher(server, token, row);
    expect((await signAs(server, token, cookie)).status).toBe(201);
    const appId = candidate.application._id;
    const current = await collectionsOf(server.ports.store).applications.get(appId);
    const otherType = current?.candidateType === "apprentice" ? "practice" : "apprentice";
    const changed = await callApi(server, "PUT", `/api/applications/${appId}/candidate-type`, {
      cookie: candidate.cookie,
      body: { candidateType: otherType, confirm: true, rev: current?.rev },
    });
    expect(changed.status).toBe(200);
    expect(await invitation()).toMatchObject({ state: "invalidated", replacedBy: expect.any(String) });
    const replay = await callApi<{ error: string }>(server, "GET", `/api/t/${token}`);
    expect(replay.status).toBe(410);
  });
});
