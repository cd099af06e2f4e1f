import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { editionBindings, schemaAt, type Edition } from "@shenbao/rules";
import type { ApplicationView, SectionView } from "../../presenters/applicationPresenter.js";
import type {
  AuditEventView,
  ReviewApplicationView,
  ReviewQueueItem,
} from "../../presenters/reviewPresenter.js";
import {
  buildAdmin,
  buildCandidate,
  callApi,
  publishShippedEdition,
  type TestCandidate,
} from "../../../test/factories.js";
import { uploadTestPhoto } from "../../../test/identityFactories.js";
import { buildReviewer, submittedApplication } from "../../../test/reviewFactories.js";
import { startTestServer, type TestServer } from "../../../test/testApp.js";
import { userPhoneContext } from "../../auth/phoneNumber.js";
import { collectionsOf } from "../../store/collections.js";

// Divisions of the shipped catalog: two counties of one city, a county of another city, and the province.
const PROVINCE = "420000";
const CITY = "420100";
const COUNTY_A = "420102";
const COUNTY_B = "420103";
const OTHER_CITY_COUNTY = "420202";

let server: TestServer;
let edition: Edition;
beforeAll(async () => {
  server = await startTestServer();
  edition = await publishShippedEdition(server.ports.store, server.services.clock);
});
afterAll(() => server.close());

type Queue = { items: ReviewQueueItem[]; next: string | null; total: number };
const queue = (who: TestCandidate, query = "") =>
  callApi<Queue>(server, "GET", `/api/review/applications${query}`, { cookie: who.cookie });
const view = (who: TestCandidate, id: string) =>
  callApi<ReviewApplicationView>(server, "GET", `/api/review/applications/${id}`, { cookie: who.cookie });

describe("review policy matrix (REV-1)", () => {
  let applicationId: string;
  let candidate: TestCandidate;
  beforeAll(
    async () => ({ applicationId, candidate } = await submittedApplication(server, edition, COUNTY_A)),
  );

  it("shows county A's application to county A, its city and the province, with what each may do", async () => {
    for (const [level, division] of [
      ["county", COUNTY_A],
      ["city", CITY],
      ["province", PROVINCE],
    ] as const) {
      const reviewer = await buildReviewer(server, level, division);
      const listed = await queue(reviewer);
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((item) => item.id)).toContain(applicationId);
      const opened = await view(reviewer, applicationId);
      expect(opened.status).toBe(200);
      expect(opened.body.stage).toBe("county");
      expect(opened.body.can.decide).toBe(level === "county");
    }
  });

  it("hides it from county B and from another city, in the queue and by id", async () => {
    for (const [level, division] of [
      ["county", COUNTY_B],
      ["city", "420200"],
      ["county", OTHER_CITY_COUNTY],
    ] as const) {
      const reviewer = await buildReviewer(server, level, division);
      expect((await queue(reviewer)).body.items.map((item) => item.id)).not.toContain(applicationId);
      // Filtering by the other county cannot reach past the scope either.
      expect((await queue(reviewer, `?county=${COUNTY_A}`)).body.items).toEqual([]);
      expect((await view(reviewer, applicationId)).status).toBe(404);
    }
  });

  it("denies candidates (the owner too), administrators' decisions and signed-out requests", async () => {
    expect((await queue(candidate)).status).toBe(403);
    expect((await view(candidate, applicationId)).status).toBe(404);
    expect((await callApi(server, "GET", "/api/review/applications")).status).toBe(401);
    const admin = await buildAdmin(server);
    expect((await view(admin, applicationId)).status).toBe(200);
    const decision = await callApi(
      server,
      "POST",
      `/api/review/applications/${applicationId}/sections/x/decision`,
      {
        cookie: admin.cookie,
        body: { decision: "locked", rev: 1 },
      },
    );
    expect(decision.status).toBe(403);
  });

  it("refuses a city reviewer's lock and pass while the county holds the application", async () => {
    const city = await buildReviewer(server, "city", CITY);
    const opened = await view(city, applicationId);
    const key = opened.body.sections[0]!.key;
    const lock = await callApi(
      server,
      "POST",
      `/api/review/applications/${applicationId}/sections/${key}/decision`,
      {
        cookie: city.cookie,
        body: { decision: "locked", rev: opened.body.rev },
      },
    );
    expect(lock.status).toBe(403);
    const pass = await callApi(server, "POST", `/api/review/applications/${applicationId}/pass`, {
      cookie: city.cookie,
      body: { rev: opened.body.rev },
    });
    expect(pass.status).toBe(403);
  });
});

describe("GET /api/review/applications (REV-1 filters and search)", () => {
  it("finds an application by name, full or masked ID number and phone tail, within the filters", async () => {
    const county = "420104";
    const { applicationId, candidate } = await submittedApplication(server, edition, county);
    const reviewer = await buildReviewer(server, "county", county);
    const user = await collectionsOf(server.ports.store).users.get(candidate.userId);
    const phone = server.services.cipher.decrypt(user!.phoneEncrypted!, userPhoneContext(candidate.userId));
    const byPhone = await queue(reviewer, `?searchBy=phoneTail&q=${phone.slice(-4)}`);
    expect(byPhone.body.items.map((item) => item.id)).toEqual([applicationId]);
    const mine = (await queue(reviewer)).body.items.find((item) => item.id === applicationId)!;
    expect(mine.idNumberMasked).toMatch(/^\d{4}\*+\d{3}[\dX]$/);
    const byName = await queue(reviewer, `?searchBy=name&q=${encodeURIComponent(mine.name)}`);
    expect(byName.body.items.map((item) => item.id)).toContain(applicationId);
    const byMasked = await queue(reviewer, `?searchBy=idNumber&q=${encodeURIComponent(mine.idNumberMasked)}`);
    expect(byMasked.body.items.map((item) => item.id)).toEqual([applicationId]);
    const wrongTail = await queue(reviewer, `?searchBy=phoneTail&q=0000x`);
    expect(wrongTail.status).toBe(200);
    const other = await queue(reviewer, `?searchBy=name&q=${encodeURIComponent("无此人")}`);
    expect(other.body.items).toEqual([]);
    const filtered = await queue(reviewer, `?stage=approved`);
    expect(filtered.body.total).toBe(0);
    const inRange = await queue(
      reviewer,
      `?signatures=complete&submittedFrom=2000-01-01&candidateType=apprentice`,
    );
    expect(inRange.body.items.map((item) => item.id)).toContain(applicationId);
    expect((await queue(reviewer, "?submittedTo=2000-01-01")).body.total).toBe(0);
  });

  it("answers 400 in Chinese for a bad filter", async () => {
    const reviewer = await buildReviewer(server, "county", COUNTY_A);
    const bad = await queue(reviewer, "?stage=nonsense");
    expect(bad.status).toBe(400);
    expect((bad.body as unknown as { message: string }).message).toBe("审核状态无效");
  });
});

describe("review of one application, from return to the province's approval (REV-2, REV-3, REV-6)", () => {
  it("returns a section with a field comment, shows it to the candidate, diffs the fix, then passes every level", async () => {
    const county = "420105";
    const { applicationId, candidate } = await submittedApplication(server, edition, county);
    const reviewer = await buildReviewer(server, "county", county);
    let opened = (await view(reviewer, applicationId)).body;
    // The first section with a top-level number field is returned; the candidate changes that number.
    const section = opened.sections.find((s) => Object.values(s.data).some((v) => typeof v === "number"))!;
    const field = Object.keys(section.data).find((name) => typeof section.data[name] === "number")!;

    const returned = await callApi<ReviewApplicationView>(
      server,
      "POST",
      `/api/review/applications/${applicationId}/sections/${section.key}/decision`,
      {
        cookie: reviewer.cookie,
        body: {
          decision: "returned",
          comment: "请核对后修改",
          fieldComments: [{ path: field, comment: "与证明材料不符" }],
          rev: opened.rev,
        },
      },
    );
    expect(returned.status).toBe(200);
    expect(returned.body.stage).toBe("returned");

    // The candidate sees 退回修改 with both comments, and may edit the section again.
    const mine = await callApi<{ items: ApplicationView[] }>(
      server,
      "GET",
      "/api/applications/mine",
      candidate,
    );
    const task = mine.body.items[0]!.tasks.find((t) => t.key === section.key)!;
    expect(task.status).toBe("退回修改");
    expect(task.comment).toBe("请核对后修改");
    expect(task.fieldComments).toEqual([{ path: field, comment: "与证明材料不符" }]);
    const page = await callApi<SectionView>(
      server,
      "GET",
      `/api/applications/${applicationId}/sections/${section.key}`,
      candidate,
    );
    expect(page.body.editable).toBe(true);
    // A locking attempt before the resubmission is refused, and nothing changes.
    const early = await callApi(
      server,
      "POST",
      `/api/review/applications/${applicationId}/sections/${section.key}/decision`,
      {
        cookie: reviewer.cookie,
        body: { decision: "locked", rev: returned.body.rev },
      },
    );
    expect(early.status).toBe(409);

    const before = section.data[field] as number;
    const after = before + 1;
    const saved = await callApi<SectionView>(
      server,
      "PUT",
      `/api/applications/${applicationId}/sections/${section.key}`,
      {
        cookie: candidate.cookie,
        body: { rev: page.body.rev, data: { ...section.data, [field]: after } },
      },
    );
    expect(saved.status).toBe(200);
    const resubmitted = await callApi<ApplicationView>(
      server,
      "POST",
      `/api/applications/${applicationId}/submit`,
      {
        cookie: candidate.cookie,
        body: { rev: saved.body.rev },
      },
    );
    expect(resubmitted.status, JSON.stringify(resubmitted.body)).toBe(200);
    expect(resubmitted.body.review?.stage).toBe("county");
    expect(resubmitted.body.review?.onsite?.instruction).toContain("卫生健康局");

    opened = (await view(reviewer, applicationId)).body;
    const changed = opened.sections.find((s) => s.key === section.key)!;
    expect(changed.changes).toEqual([expect.objectContaining({ path: field, before, after })]);

    // Lock every filled section.
    for (const s of opened.sections.filter((s) => Object.keys(s.data).length > 0)) {
      const locked = await callApi<ReviewApplicationView>(
        server,
        "POST",
        `/api/review/applications/${applicationId}/sections/${s.key}/decision`,
        { cookie: reviewer.cookie, body: { decision: "locked", rev: opened.rev } },
      );
      expect(locked.status, s.key).toBe(200);
      opened = locked.body;
    }
    const candidateView = await callApi<{ items: ApplicationView[] }>(
      server,
      "GET",
      "/api/applications/mine",
      candidate,
    );
    expect(candidateView.body.items[0]!.tasks.find((t) => t.key === section.key)?.status).toBe("已锁定");
    expect(opened.passBlockers).toHaveLength(1);

    // The pass waits for the on-site form; a form the edition's rules refuse is answered 400.
    const early2 = await callApi(server, "POST", `/api/review/applications/${applicationId}/pass`, {
      cookie: reviewer.cookie,
      body: { rev: opened.rev },
    });
    expect(early2.status).toBe(409);
    const onsiteKey = editionBindings(edition).onsite.form!;
    const onsiteForm = edition.forms.find((form) => form.key === onsiteKey)!;
    const onsiteExample = onsiteForm.examples.find(
      (example) =>
        (example.data as { candidateType?: string }).candidateType === "apprentice" &&
        example.file.includes("/valid-confirmed"),
    )!;
    const answers = (onsiteExample.data as { answers: Record<string, unknown> }).answers;
    // 原件已核验: one checkbox per document the edition lists; those that do not apply to 师承 are dropped.
    const documents = Object.keys(
      (schemaAt(onsiteForm.schema, "originals")!.properties ?? {}) as Record<string, unknown>,
    );
    const refused = await callApi<{ details: { issues: { path: string }[] } }>(
      server,
      "POST",
      `/api/review/applications/${applicationId}/onsite`,
      { cookie: reviewer.cookie, body: { answers: { ...answers, originals: {} }, rev: opened.rev } },
    );
    expect(refused.status).toBe(400);
    const unchecked = refused.body.details.issues.map((issue) => issue.path);
    expect(unchecked).toContain("originals.idDocument");
    expect(unchecked).toContain("originals.apprenticeshipProof");
    expect(unchecked).not.toContain("originals.practiceProof");
    expect((await view(reviewer, applicationId)).body.onsite).toBeNull();
    const confirmed = await callApi<ReviewApplicationView>(
      server,
      "POST",
      `/api/review/applications/${applicationId}/onsite`,
      {
        cookie: reviewer.cookie,
        body: {
          answers: { ...answers, originals: Object.fromEntries(documents.map((key) => [key, true])) },
          rev: opened.rev,
        },
      },
    );
    expect(confirmed.status).toBe(200);
    const recorded = confirmed.body.onsite!.answers.originals as Record<string, boolean>;
    expect(recorded.apprenticeshipProof).toBe(true);
    expect(recorded).not.toHaveProperty("practiceProof");
    expect(confirmed.body.passBlockers).toEqual([]);

    let rev = confirmed.body.rev;
    for (const [level, division, next] of [
      ["county", county, "city"],
      ["city", CITY, "province"],
      ["province", PROVINCE, "approved"],
    ] as const) {
      const who = level === "county" ? reviewer : await buildReviewer(server, level, division);
      const passed = await callApi<ReviewApplicationView>(
        server,
        "POST",
        `/api/review/applications/${applicationId}/pass`,
        {
          cookie: who.cookie,
          body: { rev },
        },
      );
      expect(passed.status, level).toBe(200);
      expect(passed.body.stage).toBe(next);
      rev = passed.body.rev;
    }
    // Once passed on, the candidate can no longer withdraw.
    const withdraw = await callApi(server, "POST", `/api/applications/${applicationId}/withdraw`, {
      cookie: candidate.cookie,
      body: {},
    });
    expect(withdraw.status).toBe(409);

    const trail = await callApi<{ items: AuditEventView[] }>(
      server,
      "GET",
      `/api/review/applications/${applicationId}/audit`,
      reviewer,
    );
    const actions = trail.body.items.map((event) => event.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "application.submit",
        "section.return",
        "section.lock",
        "review.onsite",
        "review.pass.county",
        "review.pass.city",
        "review.pass.province",
      ]),
    );
    const returnEvent = trail.body.items.find((event) => event.action === "section.return")!;
    expect(returnEvent.before).toMatchObject({ section: section.key, decision: null });
    expect(returnEvent.after).toMatchObject({
      section: section.key,
      decision: "returned",
      comment: "请核对后修改",
    });

    // The 公示 list of the province names the approved candidate with the edition's columns.
    const province = await buildReviewer(server, "province", PROVINCE);
    const publicList = await callApi<{ header: string[]; rows: string[][] }>(
      server,
      "GET",
      "/api/review/public-list",
      province,
    );
    expect(publicList.body.header.length).toBe(5 + editionBindings(edition).publicList.length);
    expect(publicList.body.rows.some((row) => row.includes(opened.applicant!.name))).toBe(true);
  });

  it("shows the full ID number only through the audited route", async () => {
    const county = "420106";
    const { applicationId } = await submittedApplication(server, edition, county);
    const reviewer = await buildReviewer(server, "county", county);
    const opened = (await view(reviewer, applicationId)).body;
    const full = await callApi<{ idNumber: string }>(
      server,
      "GET",
      `/api/review/applications/${applicationId}/identity`,
      reviewer,
    );
    expect(full.body.idNumber).toHaveLength(18);
    expect(opened.applicant?.idNumberMasked).not.toContain(full.body.idNumber.slice(6, 14));
    const trail = await callApi<{ items: AuditEventView[] }>(
      server,
      "GET",
      `/api/review/applications/${applicationId}/audit`,
      reviewer,
    );
    expect(trail.body.items.filter((event) => event.action === "identity.viewFullNumber")).toHaveLength(1);
  });
});

describe("GET /api/review/applications/:id/identity/photos/:side (REV-1, REV-6)", () => {
  it("shows the document photos to reviewers in scope only, each view audited; others are told it does not exist", async () => {
    const county = "420111";
    const { applicationId, candidate } = await submittedApplication(server, edition, county);
    // The candidate's identity carries a front photo (the factory writes none).
    const { identities } = collectionsOf(server.ports.store);
    const [identity] = (await identities.find({ currentUserId: candidate.userId })).items;
    const photoFront = await uploadTestPhoto(
      { store: server.ports.store, files: server.ports.files, clock: server.services.clock },
      candidate.userId,
    );
    const { _id, rev, createdAt: _c, updatedAt: _u, ...fields } = identity!;
    await identities.replace(_id, rev, { ...fields, photoFront });

    const url = (side: string) =>
      `${server.url}/api/review/applications/${applicationId}/identity/photos/${side}`;
    const get = (who: TestCandidate | undefined, side = "front") =>
      fetch(url(side), { headers: who ? { Cookie: who.cookie } : {} });
    const trail = async () =>
      (
        await callApi<{ items: AuditEventView[] }>(
          server,
          "GET",
          `/api/review/applications/${applicationId}/audit`,
          await buildReviewer(server, "province", PROVINCE),
        )
      ).body.items.filter((event) => event.action === "identity.viewPhoto");

    const allowed = [
      await buildReviewer(server, "county", county),
      await buildReviewer(server, "city", CITY),
    ];
    for (const reviewer of allowed) {
      const response = await get(reviewer);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("image/png");
      expect(response.headers.get("cache-control")).toBe("private, no-store");
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(0);
    }
    expect(await trail()).toHaveLength(2);
    expect((await trail())[0]!.after).toMatchObject({ side: "front" });

    // Another county, the owner, an administrator and nobody: never the bytes, and nothing audited.
    const denied: [TestCandidate | undefined, number][] = [
      [await buildReviewer(server, "county", COUNTY_B), 404],
      [candidate, 404],
      [await buildAdmin(server), 403],
      [undefined, 401],
    ];
    for (const [who, status] of denied) expect((await get(who)).status).toBe(status);
    // A side without a photo, and a side that does not exist.
    expect((await get(allowed[0], "back")).status).toBe(404);
    const bad = await get(allowed[0], "left");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toBe("证件照只有人像面和国徽面");
    expect(await trail()).toHaveLength(2);
  });
});

describe("GET /api/review/export.xlsx (REV-5)", () => {
  it("streams the filtered list as xlsx that exceljs opens, with Chinese headers and masked numbers", async () => {
    const county = "420107";
    const ids = [
      (await submittedApplication(server, edition, county)).applicationId,
      (await submittedApplication(server, edition, county)).applicationId,
    ];
    const reviewer = await buildReviewer(server, "county", county);
    const response = await fetch(`${server.url}/api/review/export.xlsx?stage=county`, {
      headers: { Cookie: reviewer.cookie },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-export-rows")).toBe("2");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe("姓名");
    expect(sheet.rowCount).toBe(1 + ids.length);
    const numbers = [2, 3].map((row) => String(sheet.getRow(row).getCell(3).value));
    for (const number of numbers) expect(number).toMatch(/\*{6,}/);
  });
});

describe("POST /api/admin/reviewers (REV-1)", () => {
  it("appoints a reviewer by phone, who then signs in to a scoped queue; a county at city level is refused", async () => {
    const admin = await buildAdmin(server);
    const appointed = await callApi<{ id: string; phoneMasked: string; divisionName: string }>(
      server,
      "POST",
      "/api/admin/reviewers",
      { cookie: admin.cookie, body: { phone: "13912345678", level: "county", division: COUNTY_B } },
    );
    expect(appointed.status).toBe(201);
    expect(appointed.body.phoneMasked).toBe("139****5678");
    const wrongLevel = await callApi(server, "POST", "/api/admin/reviewers", {
      cookie: admin.cookie,
      body: { phone: "13912345679", level: "city", division: COUNTY_B },
    });
    expect(wrongLevel.status).toBe(400);
    const outside = await callApi(server, "POST", "/api/admin/reviewers", {
      cookie: admin.cookie,
      body: { phone: "13912345679", level: "county", division: "110101" },
    });
    expect(outside.status).toBe(400);
    const candidate = await buildCandidate(server);
    const notAdmin = await callApi(server, "GET", "/api/admin/reviewers", candidate);
    expect(notAdmin.status).toBe(403);
    const list = await callApi<{ items: { id: string }[] }>(server, "GET", "/api/admin/reviewers", admin);
    expect(list.body.items.map((item) => item.id)).toContain(appointed.body.id);
    const audit = await callApi<{ items: AuditEventView[] }>(server, "GET", "/api/admin/audit", admin);
    expect(audit.body.items.some((event) => event.action === "reviewer.appoint")).toBe(true);
    expect((await callApi(server, "DELETE", `/api/admin/reviewers/${appointed.body.id}`, admin)).status).toBe(
      204,
    );
  });
});
