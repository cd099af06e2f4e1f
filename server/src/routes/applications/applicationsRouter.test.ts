import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sectionApplies, type Edition, type SectionData, type SectionError } from "@shenbao/rules";
import { collectionsOf } from "../../store/collections.js";
import type { ApplicationView, SectionView, TaskView } from "../../presenters/applicationPresenter.js";
import {
  buildCandidate,
  callApi,
  exampleIdentityFacts,
  exampleSection,
  liveAttachments,
  publishShippedEdition,
  sectionExample,
  validApplicationAnswers,
  writeSectionDirectly,
  type TestCandidate,
} from "../../../test/factories.js";
import { startTestServer, type TestServer } from "../../../test/testApp.js";

let server: TestServer;
let edition: Edition;
beforeAll(async () => {
  server = await startTestServer();
  edition = await publishShippedEdition(server.ports.store, server.services.clock);
});
afterAll(() => server.close());

const task = (view: ApplicationView, key: string): TaskView | undefined =>
  view.tasks.find((t) => t.key === key);

/** A signed-in candidate with a started application, the type chosen when given. */
async function candidateWithApplication(
  candidateType?: "apprentice" | "practice",
): Promise<{ candidate: TestCandidate; application: ApplicationView }> {
  const candidate = await buildCandidate(server);
  let started = await callApi<ApplicationView>(server, "POST", "/api/applications", {
    cookie: candidate.cookie,
  });
  expect(started.status).toBe(201);
  if (candidateType !== undefined) {
    started = await callApi<ApplicationView>(
      server,
      "PUT",
      `/api/applications/${started.body.id}/candidate-type`,
      {
        cookie: candidate.cookie,
        body: { candidateType },
      },
    );
    expect(started.status).toBe(200);
  }
  return { candidate, application: started.body };
}

/**
 * Saves a section over HTTP, based on the application's current revision; the attachment ids in `data`
 * are first made live uploads of this application (rewritten in place).
 */
async function saveSection(candidate: TestCandidate, id: string, key: string, data: unknown, rev?: number) {
  const stored = await collectionsOf(server.ports.store).applications.get(id);
  if (stored !== null && typeof data === "object" && data !== null && !Array.isArray(data))
    await liveAttachments(server.ports.store, edition, stored, key, data as SectionData);
  const current =
    rev ?? (await callApi<ApplicationView>(server, "GET", `/api/applications/${id}`, candidate)).body.rev;
  return callApi<SectionView>(server, "PUT", `/api/applications/${id}/sections/${key}`, {
    cookie: candidate.cookie,
    body: { rev: current, data },
  });
}

/** Saves every section of the valid example the candidate may save, then writes the teachers directly. */
async function completeApplication(candidate: TestCandidate, id: string, type: "apprentice" | "practice") {
  const answers = validApplicationAnswers(edition, type);
  for (const section of edition.sections) {
    const data = answers.sections[section.key];
    if (data === undefined || section.key === "recommenders") continue;
    if (!sectionApplies(edition, section.key, { candidateType: type })) continue;
    expect((await saveSection(candidate, id, section.key, data)).status).toBe(200);
  }
  // Teachers come from the invitation flow of a later issue.
  const stored = await collectionsOf(server.ports.store).applications.get(id);
  await writeSectionDirectly(server.ports.store, stored!, "recommenders", {
    data: answers.sections.recommenders!,
  });
}

describe("POST /api/applications", () => {
  it("answers 401 without a session", async () => {
    expect((await callApi(server, "POST", "/api/applications")).status).toBe(401);
  });

  it("refuses a candidate without a verified identity", async () => {
    const candidate = await buildCandidate(server, { verified: false });
    const answer = await callApi(server, "POST", "/api/applications", { cookie: candidate.cookie });
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ error: "identity_not_verified", message: "请先完成实名认证" });
  });

  it("starts an application on the current edition with the identity prefilled, and returns it when asked again", async () => {
    const candidate = await buildCandidate(server);
    const started = await callApi<ApplicationView>(server, "POST", "/api/applications", {
      cookie: candidate.cookie,
    });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({
      editionKey: edition.key,
      editionVersion: edition.version,
      candidateType: null,
      status: "draft",
    });
    expect(task(started.body, "basicInfo")).toMatchObject({ state: "incomplete", status: "去完善" });
    const details = await callApi<{ sections: Record<string, Record<string, unknown>> }>(
      server,
      "GET",
      `/api/applications/${started.body.id}`,
      { cookie: candidate.cookie },
    );
    expect(details.body.sections.basicInfo).toMatchObject({ name: exampleIdentityFacts(edition).name });

    const again = await callApi<ApplicationView>(server, "POST", "/api/applications", {
      cookie: candidate.cookie,
    });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(started.body.id);
  });
});

describe("GET /api/applications/mine", () => {
  it("lists the signed-in candidate's application and nobody else's", async () => {
    const { candidate, application } = await candidateWithApplication();
    await candidateWithApplication();
    const mine = await callApi<{ items: ApplicationView[] }>(
      server,
      "GET",
      "/api/applications/mine",
      candidate,
    );
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((item) => item.id)).toEqual([application.id]);
    const stranger = await buildCandidate(server);
    const none = await callApi<{ items: ApplicationView[] }>(
      server,
      "GET",
      "/api/applications/mine",
      stranger,
    );
    expect(none.body.items).toEqual([]);
  });
});

describe("GET /api/applications/:id", () => {
  it("shows the owner the task list of the chosen type and what blocks submit", async () => {
    const { candidate, application } = await candidateWithApplication("practice");
    const answer = await callApi<ApplicationView & { sections: object }>(
      server,
      "GET",
      `/api/applications/${application.id}`,
      candidate,
    );
    expect(answer.status).toBe(200);
    const keys = answer.body.tasks.map((t) => t.key);
    expect(keys).toContain("practice");
    expect(keys).not.toContain("apprenticeship");
    expect(answer.body.blockers.canSubmit).toBe(false);
    expect(answer.body.blockers.items.length).toBeGreaterThan(0);
  });

  it("answers 404 to another candidate and for an unknown id", async () => {
    const { application } = await candidateWithApplication("practice");
    const other = await buildCandidate(server);
    const answer = await callApi(server, "GET", `/api/applications/${application.id}`, other);
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ error: "not_found" });
    expect((await callApi(server, "GET", "/api/applications/no-such-id", other)).status).toBe(404);
  });
});

describe("PUT /api/applications/:id/candidate-type", () => {
  it("asks for confirmation before changing the type, then drops the other branch", async () => {
    const { candidate, application } = await candidateWithApplication("apprentice");
    const apprenticeship = exampleSection(edition, "apprentice", "apprenticeship");
    expect((await saveSection(candidate, application.id, "apprenticeship", apprenticeship)).status).toBe(200);
    const path = `/api/applications/${application.id}/candidate-type`;
    const refused = await callApi(server, "PUT", path, {
      cookie: candidate.cookie,
      body: { candidateType: "practice" },
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      error: "candidate_type_change_unconfirmed",
      details: { droppedSections: ["apprenticeship"] },
    });
    const changed = await callApi<ApplicationView>(server, "PUT", path, {
      cookie: candidate.cookie,
      body: { candidateType: "practice", confirm: true },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.candidateType).toBe("practice");
    const stored = await collectionsOf(server.ports.store).applications.get(application.id);
    expect(Object.keys(stored!.sections)).not.toContain("apprenticeship");
  });

  it("answers 404 to another candidate and leaves the type alone", async () => {
    const { application } = await candidateWithApplication("apprentice");
    const other = await buildCandidate(server);
    const answer = await callApi(server, "PUT", `/api/applications/${application.id}/candidate-type`, {
      cookie: other.cookie,
      body: { candidateType: "practice", confirm: true },
    });
    expect(answer.status).toBe(404);
    const stored = await collectionsOf(server.ports.store).applications.get(application.id);
    expect(stored?.candidateType).toBe("apprentice");
  });
});

describe("GET /api/applications/:id/sections/:key", () => {
  it("returns the section's data, its errors and the other sections its rules read", async () => {
    const { candidate, application } = await candidateWithApplication("practice");
    const practice = exampleSection(edition, "practice", "practice");
    expect((await saveSection(candidate, application.id, "practice", practice)).status).toBe(200);
    const answer = await callApi<SectionView>(
      server,
      "GET",
      `/api/applications/${application.id}/sections/recommenders`,
      candidate,
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      key: "recommenders",
      state: "incomplete",
      status: "去完善",
      data: {},
    });
    expect(answer.body.answers).toEqual({ candidateType: "practice", sections: { practice } });
    expect(answer.body.errors.length).toBeGreaterThan(0);
  });

  it("answers 404 to another candidate and for a section that does not apply", async () => {
    const { candidate, application } = await candidateWithApplication("practice");
    const other = await buildCandidate(server);
    const base = `/api/applications/${application.id}/sections`;
    expect((await callApi(server, "GET", `${base}/basicInfo`, other)).status).toBe(404);
    expect((await callApi(server, "GET", `${base}/apprenticeship`, candidate)).status).toBe(404);
  });
});

describe("PUT /api/applications/:id/sections/:key", () => {
  it("saves the edition's example and moves the task from 去完善 to 编辑", async () => {
    const { candidate, application } = await candidateWithApplication("apprentice");
    const technique = exampleSection(edition, "apprentice", "technique");
    const saved = await saveSection(candidate, application.id, "technique", technique, application.rev);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      state: "complete",
      status: "编辑",
      rev: application.rev + 1,
      errors: [],
    });
    const view = await callApi<ApplicationView>(
      server,
      "GET",
      `/api/applications/${application.id}`,
      candidate,
    );
    expect(task(view.body, "technique")?.status).toBe("编辑");
  });

  it("saves an incomplete draft and reports its errors by field", async () => {
    const { candidate, application } = await candidateWithApplication("apprentice");
    const example = sectionExample(edition, "basicInfo", "invalid-postcode-ethnicity-photo");
    const saved = await saveSection(candidate, application.id, "basicInfo", example.answers);
    expect(saved.status).toBe(200);
    expect(saved.body.state).toBe("incomplete");
    expect(saved.body.errors.map((error) => error.path).sort()).toEqual(["ethnicity", "photo", "postcode"]);
  });

  it("rejects a save based on a stale revision and keeps the newer data", async () => {
    const { candidate, application } = await candidateWithApplication("apprentice");
    const technique = exampleSection(edition, "apprentice", "technique");
    expect(
      (await saveSection(candidate, application.id, "technique", technique, application.rev)).status,
    ).toBe(200);
    const stale = await saveSection(candidate, application.id, "technique", {}, application.rev);
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      error: "revision_conflict",
      message: "该内容已在其他页面修改，请刷新后重试",
    });
    const section = await callApi<SectionView>(
      server,
      "GET",
      `/api/applications/${application.id}/sections/technique`,
      candidate,
    );
    expect(section.body.data).toEqual(technique);
  });

  it("rejects structurally wrong data and unknown sections with 400", async () => {
    const { candidate, application } = await candidateWithApplication("apprentice");
    const wrongType = await saveSection(candidate, application.id, "technique", {
      servedLastFiveYears: "many",
    });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body).toMatchObject({ error: "invalid_input" });
    const notAnObject = await saveSection(candidate, application.id, "technique", ["list"]);
    expect(notAnObject.status).toBe(400);
    const unknown = await saveSection(candidate, application.id, "noSuchSection", {});
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ error: "unknown_section" });
  });

  it("accepts only live uploads of this application's own field as attachments (issue 11)", async () => {
    const { candidate, application } = await candidateWithApplication("apprentice");
    const other = await candidateWithApplication("apprentice");
    const { attachments } = collectionsOf(server.ports.store);
    const basic = await liveAttachments(
      server.ports.store,
      edition,
      { userId: candidate.userId, _id: application.id },
      "basicInfo",
      exampleSection(edition, "apprentice", "basicInfo"),
    );
    const ownPhoto = (
      await liveAttachments(
        server.ports.store,
        edition,
        { ...application, userId: candidate.userId, _id: application.id },
        "basicInfo",
        { photo: "placeholder" },
      )
    ).photo as string;
    const foreignPhoto = (
      await liveAttachments(
        server.ports.store,
        edition,
        { ...other.application, userId: other.candidate.userId, _id: other.application.id },
        "basicInfo",
        { photo: "placeholder" },
      )
    ).photo as string;
    const otherField = (await liveAttachments(
      server.ports.store,
      edition,
      { userId: candidate.userId, _id: application.id },
      "basicInfo",
      { education: [{ diploma: "placeholder" }] },
    )) as { education: { diploma: string }[] };
    const deleted = (
      await liveAttachments(
        server.ports.store,
        edition,
        { userId: candidate.userId, _id: application.id },
        "basicInfo",
        { photo: "placeholder" },
      )
    ).photo as string;
    const deletedDoc = await attachments.get(deleted);
    await attachments.delete(deleted, deletedDoc!.rev);
    const put = (photo: string, rev: number) =>
      callApi(server, "PUT", `/api/applications/${application.id}/sections/basicInfo`, {
        cookie: candidate.cookie,
        body: { rev, data: { ...basic, photo } },
      });
    for (const photo of ["NeverUploaded0001", foreignPhoto, otherField.education[0]!.diploma, deleted]) {
      const refused = await put(photo, application.rev);
      expect(refused.status, photo).toBe(400);
      expect(refused.body, photo).toMatchObject({ error: "attachment_invalid", details: { path: "photo" } });
    }
    const stored = await collectionsOf(server.ports.store).applications.get(application.id);
    expect(stored?.rev).toBe(application.rev);
    expect((await put(ownPhoto, application.rev)).status).toBe(200);
  });

  it("refuses a locked section with 423 and the teacher section, which invitations write", async () => {
    const { candidate, application } = await candidateWithApplication("apprentice");
    const stored = await collectionsOf(server.ports.store).applications.get(application.id);
    await writeSectionDirectly(server.ports.store, stored!, "technique", {
      review: { decision: "locked", comment: "", by: "reviewer-1", at: 0 },
    });
    const locked = await saveSection(candidate, application.id, "technique", {});
    expect(locked.status).toBe(423);
    expect(locked.body).toMatchObject({ error: "section_locked", message: "该部分已锁定，不能修改" });
    const teachers = await saveSection(candidate, application.id, "recommenders", {});
    expect(teachers.status).toBe(409);
    expect(teachers.body).toMatchObject({ error: "section_managed" });
  });

  it("answers 404 to another candidate and leaves the section unchanged", async () => {
    const { application } = await candidateWithApplication("apprentice");
    const other = await buildCandidate(server);
    const answer = await callApi(server, "PUT", `/api/applications/${application.id}/sections/technique`, {
      cookie: other.cookie,
      body: { rev: application.rev, data: exampleSection(edition, "apprentice", "technique") },
    });
    expect(answer.status).toBe(404);
    const stored = await collectionsOf(server.ports.store).applications.get(application.id);
    expect(stored?.sections.technique).toBeUndefined();
    expect(stored?.rev).toBe(application.rev);
  });
});

describe("POST /api/applications/:id/submit", () => {
  it("rejects a submit with 422 naming each blocker while only the teacher section is open", async () => {
    const { candidate, application } = await candidateWithApplication("apprentice");
    const answers = validApplicationAnswers(edition, "apprentice");
    for (const [key, data] of Object.entries(answers.sections)) {
      if (key === "recommenders") continue;
      expect((await saveSection(candidate, application.id, key, data)).status).toBe(200);
    }
    const answer = await callApi<{ error: string; details: { blockers: SectionError[] } }>(
      server,
      "POST",
      `/api/applications/${application.id}/submit`,
      candidate,
    );
    expect(answer.status).toBe(422);
    expect(answer.body.error).toBe("application_incomplete");
    expect(answer.body.details.blockers.map((b) => b.section)).toEqual(["recommenders"]);
    expect(Object.keys(answer.body.details.blockers[0]!).sort()).toEqual(["message", "path", "section"]);
  });

  it("submits a complete application, records the on-site county and then refuses edits", async () => {
    const { candidate, application } = await candidateWithApplication("practice");
    await completeApplication(candidate, application.id, "practice");
    const submitted = await callApi<ApplicationView>(
      server,
      "POST",
      `/api/applications/${application.id}/submit`,
      candidate,
    );
    expect(submitted.status).toBe(200);
    const practice = validApplicationAnswers(edition, "practice").sections.practice as {
      location: { division: string };
    };
    expect(submitted.body).toMatchObject({ status: "submitted", onsiteCounty: practice.location.division });
    expect(submitted.body.blockers).toEqual({ canSubmit: true, items: [] });
    const edit = await saveSection(candidate, application.id, "technique", {});
    expect(edit.status).toBe(409);
    expect(edit.body).toMatchObject({ error: "application_submitted" });
  });

  it("answers 404 to another candidate and leaves the application a draft", async () => {
    const { candidate, application } = await candidateWithApplication("practice");
    await completeApplication(candidate, application.id, "practice");
    const other = await buildCandidate(server);
    expect((await callApi(server, "POST", `/api/applications/${application.id}/submit`, other)).status).toBe(
      404,
    );
    const stored = await collectionsOf(server.ports.store).applications.get(application.id);
    expect(stored?.status).toBe("draft");
  });
});

describe("POST /api/applications/:id/withdraw", () => {
  it("returns a submitted application to draft with locked sections still 已锁定", async () => {
    const { candidate, application } = await candidateWithApplication("apprentice");
    await completeApplication(candidate, application.id, "apprentice");
    const path = `/api/applications/${application.id}`;
    expect((await callApi(server, "POST", `${path}/submit`, candidate)).status).toBe(200);
    const stored = await collectionsOf(server.ports.store).applications.get(application.id);
    await writeSectionDirectly(server.ports.store, stored!, "technique", {
      review: { decision: "locked", comment: "", by: "reviewer-1", at: 0 },
    });
    const withdrawn = await callApi<ApplicationView>(server, "POST", `${path}/withdraw`, candidate);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe("draft");
    expect(task(withdrawn.body, "technique")?.status).toBe("已锁定");
    expect(task(withdrawn.body, "expertise")?.status).toBe("编辑");
    expect((await saveSection(candidate, application.id, "technique", {})).status).toBe(423);
    expect((await callApi(server, "POST", `${path}/submit`, candidate)).status).toBe(200);
  });

  it("answers 404 to another candidate and leaves the application submitted", async () => {
    const { candidate, application } = await candidateWithApplication("apprentice");
    await completeApplication(candidate, application.id, "apprentice");
    const path = `/api/applications/${application.id}`;
    expect((await callApi(server, "POST", `${path}/submit`, candidate)).status).toBe(200);
    const other = await buildCandidate(server);
    expect((await callApi(server, "POST", `${path}/withdraw`, other)).status).toBe(404);
    const stored = await collectionsOf(server.ports.store).applications.get(application.id);
    expect(stored?.status).toBe("submitted");
  });
});
