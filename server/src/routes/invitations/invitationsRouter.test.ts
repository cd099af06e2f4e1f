import { createHash } from "node:crypto";
import { editionBindings } from "@shenbao/rules";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SESSION } from "../../auth/authSettings.js";
import { createSession } from "../../auth/sessions.js";
import { DAY_MS, INVITATION_MAX_VERIFY_FAILURES } from "../../invitations/invitationSettings.js";
import type { EmbeddedQueue } from "../../queue/embeddedQueue.js";
import { collectionsOf } from "../../store/collections.js";
import { currentEdition } from "../../editions/publishedEditions.js";
import { crossApplicationChecks } from "../../review/crossChecks.js";
import { buildCandidate, callApi } from "../../../test/factories.js";
import {
  filledCandidate,
  importTeachers,
  invite,
  invitedToken,
  signAs,
  TEACHER_ROWS,
  uploadWorkProof,
  verifiedTeacher,
} from "../../../test/invitationFactories.js";
import { ManualClock } from "../../../test/manualClock.js";
import { startTestServer, type TestServer } from "../../../test/testApp.js";

let server: TestServer;
let clock: ManualClock;
let refs: Awaited<ReturnType<typeof importTeachers>>;
let candidate: Awaited<ReturnType<typeof filledCandidate>>;
let appId: string;

beforeEach(async () => {
  clock = new ManualClock();
  server = await startTestServer({ clock });
  refs = await importTeachers(server);
  candidate = await filledCandidate(server, "apprentice");
  appId = candidate.application._id;
});
afterEach(() => server.close());

const recommender = async (ref: string) => ({
  role: "recommender" as const,
  ref,
  workProof: await uploadWorkProof(server, candidate, appId),
});

describe("POST /api/applications/:id/invitations", () => {
  it("invites a recommender: the token is kept only hashed and encrypted, and notify, remind 3/7 and expire are queued", async () => {
    const answer = await invite(server, candidate, appId, await recommender(refs.rec1));
    expect(answer.status).toBe(201);
    expect(answer.body.invitation).toMatchObject({ state: "pending", stateLabel: "待发送" });
    const edition = await currentEdition(server.ports.store, clock.now());
    expect((answer.body as unknown as { instruction: string }).instruction).toBe(
      edition.texts?.["recommenders.qrInstruction"],
    );
    const token = /\/t\/([A-Za-z0-9_-]{43})$/.exec(answer.body.invitation.link)?.[1];
    expect(token).toBeDefined();

    const doc = await collectionsOf(server.ports.store).invitations.get(answer.body.invitation.id);
    expect(doc?.tokenHash).toBe(createHash("sha256").update(token!).digest("hex"));
    expect(JSON.stringify(doc)).not.toContain(token);
    expect(doc?.expiresAt).toBe(clock.now() + 14 * DAY_MS);

    const queue = server.ports.queue as EmbeddedQueue;
    const id = doc!._id;
    for (const job of [
      `invitation:${id}:notify`,
      `invitation:${id}:remind:3`,
      `invitation:${id}:remind:7`,
      `invitation:${id}:expire`,
    ])
      expect(await queue.getJob(job), job).not.toBeNull();
    const application = await collectionsOf(server.ports.store).applications.get(appId);
    expect(application?.sections.recommenders?.data).toMatchObject({
      teachers: [{ role: "recommender", registryId: refs.rec1, invitationId: id, signed: false }],
    });
  });

  it("refuses a recommender without a work proof, with the edition's message", async () => {
    const answer = await invite(server, candidate, appId, { role: "recommender", ref: refs.rec1 });
    expect(answer.status).toBe(422);
    expect(answer.body.error).toBe("teacher_selection_invalid");
    expect(answer.body.message).toMatch(/[\u4e00-\u9fff]/);
    expect(await collectionsOf(server.ports.store).invitations.count({ applicationId: appId })).toBe(0);
  });

  it("refuses a third recommender, a second supervisor and one person in both roles", async () => {
    await invitedToken(server, candidate, appId, await recommender(refs.rec1));
    await invitedToken(server, candidate, appId, await recommender(refs.both));
    await invitedToken(server, candidate, appId, { role: "supervisor", ref: refs.sup1 });
    const third = await invite(server, candidate, appId, await recommender(refs.rec2));
    const secondSupervisor = await invite(server, candidate, appId, { role: "supervisor", ref: refs.sup2 });
    const bothRoles = await invite(server, candidate, appId, { role: "supervisor", ref: refs.both });
    for (const answer of [third, secondSupervisor, bothRoles]) {
      expect(answer.status).toBe(422);
      expect(answer.body.error).toBe("teacher_selection_invalid");
    }
    expect(await collectionsOf(server.ports.store).invitations.count({ applicationId: appId })).toBe(3);
  });

  it("refuses a ref under a label group the person does not have, and another candidate's application", async () => {
    const wrongGroup = await invite(server, candidate, appId, { role: "supervisor", ref: refs.rec1 });
    expect(wrongGroup.status).toBe(404);
    expect(wrongGroup.body.error).toBe("teacher_ref_unknown");
    const other = await buildCandidate(server);
    expect((await invite(server, other, appId, { role: "supervisor", ref: refs.sup1 })).status).toBe(404);
  });
});

describe("GET /api/applications/:id/invitations", () => {
  it("shows each teacher's state as it moves from 待发送 to 已签署, with link and QR code while live", async () => {
    const { token, invitationId } = await invitedToken(server, candidate, appId, {
      role: "supervisor",
      ref: refs.sup1,
    });
    const list = async () =>
      (
        await callApi<{
          items: {
            id: string;
            stateLabel: string;
            link: string | null;
            qrUrl: string | null;
            teacherMaskedIdNumber: string;
          }[];
        }>(server, "GET", `/api/applications/${appId}/invitations`, { cookie: candidate.cookie })
      ).body.items.find((item) => item.id === invitationId)!;
    expect(await list()).toMatchObject({
      stateLabel: "待发送",
      qrUrl: `/api/invitations/${invitationId}/qr.png`,
    });
    expect((await list()).link).toContain(`/t/${token}`);
    expect((await list()).teacherMaskedIdNumber).not.toBe(String(TEACHER_ROWS.sup1.idNumber));
    await callApi(server, "GET", `/api/t/${token}`);
    expect((await list()).stateLabel).toBe("已查看");
    const cookie = await verifiedTeacher(server, token, TEACHER_ROWS.sup1);
    expect((await list()).stateLabel).toBe("已核验");
    expect((await signAs(server, token, cookie)).status).toBe(201);
    expect(await list()).toMatchObject({ stateLabel: "已签署", link: null, qrUrl: null });
  });

  it("shows 已过期 once the expiry has passed, even before the expire job ran", async () => {
    const { invitationId } = await invitedToken(server, candidate, appId, {
      role: "supervisor",
      ref: refs.sup1,
    });
    clock.advance(14 * DAY_MS);
    // The candidate's session ended long ago too: a fresh sign-in.
    const { token } = await createSession(
      collectionsOf(server.ports.store).sessions,
      candidate.userId,
      clock.now(),
    );
    const answer = await callApi<{ items: { id: string; stateLabel: string }[] }>(
      server,
      "GET",
      `/api/applications/${appId}/invitations`,
      { cookie: `${SESSION.cookieName}=${token}` },
    );
    expect(answer.body.items.find((item) => item.id === invitationId)?.stateLabel).toBe("已过期");
  });
});

describe("expired and locked invitations (issue 11)", () => {
  async function freshCookie() {
    const { token } = await createSession(
      collectionsOf(server.ports.store).sessions,
      candidate.userId,
      clock.now(),
    );
    return `${SESSION.cookieName}=${token}`;
  }

  it("an expired invitation holds no place: another supervisor is chosen without revoking it", async () => {
    const { invitationId } = await invitedToken(server, candidate, appId, {
      role: "supervisor",
      ref: refs.sup1,
    });
    const before = await invite(server, candidate, appId, { role: "supervisor", ref: refs.sup2 });
    expect(before.status).toBe(422);
    clock.advance(14 * DAY_MS);
    const cookie = await freshCookie();
    const replaced = await callApi<{ invitation: { id: string } }>(
      server,
      "POST",
      `/api/applications/${appId}/invitations`,
      { cookie, body: { role: "supervisor", ref: refs.sup2 } },
    );
    expect(replaced.status).toBe(201);
    const application = await collectionsOf(server.ports.store).applications.get(appId);
    const teachers = application?.sections.recommenders?.data.teachers as { invitationId: string }[];
    expect(teachers.map((entry) => entry.invitationId)).toEqual([replaced.body.invitation.id]);
    expect((await collectionsOf(server.ports.store).invitations.get(invitationId))?.state).not.toBe(
      "revoked",
    );
  });

  it("shows a link locked by failed identity checks as 已锁定", async () => {
    const { invitationId } = await invitedToken(server, candidate, appId, {
      role: "supervisor",
      ref: refs.sup1,
    });
    const { invitations } = collectionsOf(server.ports.store);
    const doc = (await invitations.get(invitationId))!;
    const { _id, rev, createdAt: _c, updatedAt: _u, ...fields } = doc;
    await invitations.replace(_id, rev, { ...fields, verifyFailures: INVITATION_MAX_VERIFY_FAILURES });
    const answer = await callApi<{ items: { id: string; stateLabel: string; locked: boolean }[] }>(
      server,
      "GET",
      `/api/applications/${appId}/invitations`,
      { cookie: candidate.cookie },
    );
    expect(answer.body.items.find((item) => item.id === invitationId)).toMatchObject({
      stateLabel: "已锁定",
      locked: true,
    });
  });
});

describe("cross-application checks on GET /api/applications/:id/invitations (REV-1)", () => {
  it("shows candidates the findings the edition marks for them (a supervisor over the limit), not the others", async () => {
    const edition = await currentEdition(server.ports.store, clock.now());
    const load = editionBindings(edition).reviewChecks.find(
      (check) => check.kind === "teacherLoad" && check.showToCandidate === true,
    );
    expect(load?.kind === "teacherLoad" && load.role).toBe("supervisor");
    const max = load?.kind === "teacherLoad" ? load.max : 0;
    const checksOf = async (who: typeof candidate) =>
      (
        await callApi<{ checks: string[] }>(
          server,
          "GET",
          `/api/applications/${who.application._id}/invitations`,
          who,
        )
      ).body.checks;

    // The limit itself is fine; one more candidate choosing the same supervisor goes over it.
    const others = [candidate];
    for (let i = 1; i <= max; i++) others.push(await filledCandidate(server, "apprentice"));
    for (const [i, who] of others.entries()) {
      expect(
        (await invite(server, who, who.application._id, { role: "supervisor", ref: refs.sup1 })).status,
      ).toBe(201);
      if (i === max - 1) expect(await checksOf(who)).toEqual([]);
    }
    const shown = await checksOf(candidate);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toContain(TEACHER_ROWS.sup1.name);
    expect(shown[0]).toContain(String(max + 1));

    // The same person as 推荐医师 here and 指导老师 elsewhere is for reviewers only (no showToCandidate).
    const second = await filledCandidate(server, "apprentice");
    expect(
      (await invite(server, second, second.application._id, { role: "supervisor", ref: refs.both })).status,
    ).toBe(201);
    const third = await filledCandidate(server, "apprentice");
    const proof = await uploadWorkProof(server, third, third.application._id);
    expect(
      (
        await invite(server, third, third.application._id, {
          role: "recommender",
          ref: refs.both,
          workProof: proof,
        })
      ).status,
    ).toBe(201);
    expect(await checksOf(third)).toEqual([]);
    const stored = await collectionsOf(server.ports.store).applications.get(third.application._id);
    const forReviewers = await crossApplicationChecks(server.ports.store, edition, stored!);
    expect(forReviewers.map((finding) => finding.kind)).toContain("roleOverlap");
  });
});

describe("GET /api/invitations/:id/qr.png", () => {
  it("gives the owner a downloadable PNG and others 404", async () => {
    const { invitationId } = await invitedToken(server, candidate, appId, {
      role: "supervisor",
      ref: refs.sup1,
    });
    const response = await fetch(`${server.url}/api/invitations/${invitationId}/qr.png`, {
      headers: { Cookie: candidate.cookie },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment/);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const other = await buildCandidate(server);
    const refused = await fetch(`${server.url}/api/invitations/${invitationId}/qr.png`, {
      headers: { Cookie: other.cookie },
    });
    expect(refused.status).toBe(404);
  });
});

describe("POST /api/invitations/:id/revoke", () => {
  it("revokes an unsigned invitation: the link stops working and someone else can be chosen", async () => {
    const { token, invitationId } = await invitedToken(server, candidate, appId, {
      role: "supervisor",
      ref: refs.sup1,
    });
    const revoked = await callApi<{ invitation: { stateLabel: string } }>(
      server,
      "POST",
      `/api/invitations/${invitationId}/revoke`,
      {
        cookie: candidate.cookie,
      },
    );
    expect(revoked.status).toBe(200);
    expect(revoked.body.invitation.stateLabel).toBe("已撤回");
    const opened = await callApi<{ error: string }>(server, "GET", `/api/t/${token}`);
    expect(opened.status).toBe(410);
    expect(opened.body.error).toBe("invitation_revoked");
    expect((await invite(server, candidate, appId, { role: "supervisor", ref: refs.sup2 })).status).toBe(201);
  });

  it("refuses to revoke a signed invitation, and answers 404 to another candidate", async () => {
    const { token, invitationId } = await invitedToken(server, candidate, appId, {
      role: "supervisor",
      ref: refs.sup1,
    });
    const other = await buildCandidate(server);
    expect(
      (await callApi(server, "POST", `/api/invitations/${invitationId}/revoke`, { cookie: other.cookie }))
        .status,
    ).toBe(404);
    await signAs(server, token, await verifiedTeacher(server, token, TEACHER_ROWS.sup1));
    const refused = await callApi<{ error: string }>(
      server,
      "POST",
      `/api/invitations/${invitationId}/revoke`,
      {
        cookie: candidate.cookie,
      },
    );
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe("invitation_not_revocable");
  });
});

describe("POST /api/applications/:id/submit", () => {
  it("succeeds for an apprentice once two recommenders and one supervisor have signed, not before", async () => {
    const teachers = [
      { row: TEACHER_ROWS.rec1, body: await recommender(refs.rec1) },
      { row: TEACHER_ROWS.rec2, body: await recommender(refs.rec2) },
      { row: TEACHER_ROWS.sup1, body: { role: "supervisor" as const, ref: refs.sup1 } },
    ];
    const tokens = [];
    for (const teacher of teachers)
      tokens.push((await invitedToken(server, candidate, appId, teacher.body)).token);
    const early = await callApi<{ error: string; details: { blockers: { path: string }[] } }>(
      server,
      "POST",
      `/api/applications/${appId}/submit`,
      { cookie: candidate.cookie, body: {} },
    );
    expect(early.status).toBe(422);
    expect(early.body.details.blockers.map((blocker) => blocker.path)).toEqual([
      "teachers.0.signed",
      "teachers.1.signed",
      "teachers.2.signed",
    ]);
    for (const [index, teacher] of teachers.entries()) {
      const token = tokens[index]!;
      expect((await signAs(server, token, await verifiedTeacher(server, token, teacher.row))).status).toBe(
        201,
      );
    }
    const submitted = await callApi<{ status: string }>(server, "POST", `/api/applications/${appId}/submit`, {
      cookie: candidate.cookie,
      body: {},
    });
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe("submitted");
  });
});
