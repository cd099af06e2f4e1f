import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { EditionFiles } from "@shenbao/forms";
import { fixtureEditionFiles } from "@shenbao/forms/test/fixtureEdition.js";
import { applicationStarter } from "../../commands/applicationStarter.js";
import { candidateTypeChooser } from "../../commands/candidateTypeChooser.js";
import { MAX_DRAFT_BYTES } from "../../commands/editionDraftSaver.js";
import { sectionSaver } from "../../commands/sectionSaver.js";
import { currentEdition } from "../../editions/publishedEditions.js";
import type { Stored } from "../../ports/store.js";
import { collectionsOf, type ApplicationDoc } from "../../store/collections.js";
import {
  buildAdmin,
  buildCandidate,
  callApi,
  encryptIdentityNumber,
  fillFromExample,
  liveAttachments,
  sectionExample,
  type TestCandidate,
} from "../../../test/factories.js";
import { pdfText, squeeze } from "../../../test/pdfText.js";
import { startTestServer, type TestServer } from "../../../test/testApp.js";

let server: TestServer;
let admin: TestCandidate;
let fixture: EditionFiles;

beforeEach(async () => {
  server = await startTestServer();
  admin = await buildAdmin(server);
  fixture = await fixtureEditionFiles();
});
afterEach(() => server.close());

const FIXTURE_VERSION = "2024.2.0";
const api = (method: "GET" | "POST" | "PUT", path: string, body?: unknown, cookie = admin.cookie) =>
  callApi<Record<string, unknown>>(server, method, path, { cookie, ...(body === undefined ? {} : { body }) });

interface VersionView {
  key: string;
  version: string;
  rev: number;
  status: string;
  open: boolean;
  publishedBy: string | null;
  copiedFrom: string | null;
}

async function versions(): Promise<VersionView[]> {
  return (await api("GET", "/api/admin/editions")).body.items as VersionView[];
}

describe("/api/admin/editions", () => {
  it("lets only administrators in", async () => {
    const candidate = await buildCandidate(server);
    expect((await callApi(server, "GET", "/api/admin/editions")).status).toBe(401);
    expect((await api("GET", "/api/admin/editions", undefined, candidate.cookie)).status).toBe(403);
    expect((await api("POST", "/api/admin/editions", { files: fixture }, candidate.cookie)).status).toBe(403);
    expect(await collectionsOf(server.ports.store).editions.count({})).toBe(1);
  });

  it("publishes uploaded files after linting them, once, and refuses a broken edition naming every problem", async () => {
    const first = await api("POST", "/api/admin/editions", { files: fixture });
    expect(first.status).toBe(201);
    expect(first.body.outcome).toBe("published");
    const again = await api("POST", "/api/admin/editions", { files: fixture });
    expect([again.status, again.body.outcome]).toEqual([200, "unchanged"]);
    const listed = await versions();
    expect(listed.map((v) => [v.version, v.status, v.open])).toEqual([
      ["2024.1.0", "published", true],
      [FIXTURE_VERSION, "published", false],
    ]);
    expect(listed[1]!.publishedBy).toBe(admin.userId);

    const manifest = JSON.parse(fixture["manifest.json"]!) as Record<string, unknown>;
    const broken = {
      ...fixture,
      "manifest.json": JSON.stringify({ ...manifest, version: "2024.3.0", catalogs: ["nowhere"] }),
    };
    const refused = await api("POST", "/api/admin/editions", { files: broken });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toBe("edition_invalid");
    expect(refused.body.message).toMatch(/[\u4e00-\u9fff]/);
    const problems = (refused.body.details as { problems: string[] }).problems;
    expect(problems.some((line) => line.startsWith("manifest.json /catalogs/0:"))).toBe(true);
    expect(await collectionsOf(server.ports.store).editions.count({})).toBe(2);

    const notFiles = await api("POST", "/api/admin/editions", { files: { "../etc.json": "{}" } });
    expect([notFiles.status, notFiles.body.error]).toEqual([400, "invalid_input"]);
    // Held to a draft's bounds (the studio must be able to copy and save it), in Chinese.
    const oversized = { ...fixture, "notes.md": "é".repeat(MAX_DRAFT_BYTES / 2) };
    const tooBig = await api("POST", "/api/admin/editions", { files: oversized });
    expect([tooBig.status, tooBig.body.error]).toEqual([400, "edition_files_invalid"]);
    expect(tooBig.body.message).toMatch(/不能超过 6 MB/);
    expect(await collectionsOf(server.ports.store).editions.count({})).toBe(2);
  });

  it("copies a version into a draft and publishes the draft only at the revision the administrator saw", async () => {
    const copied = await api("POST", "/api/admin/editions/hubei-2024/2024.1.0/copy", { version: "2024.9.0" });
    expect(copied.status).toBe(201);
    const draft = copied.body.edition as VersionView;
    expect([draft.version, draft.status, draft.copiedFrom]).toEqual([
      "2024.9.0",
      "draft",
      "hubei-2024@2024.1.0",
    ]);
    const files = await api("GET", "/api/admin/editions/hubei-2024/2024.9.0/files");
    expect(JSON.parse((files.body.files as EditionFiles)["manifest.json"]!).version).toBe("2024.9.0");

    const stale = await api("POST", "/api/admin/editions/hubei-2024/2024.9.0/publish", {
      rev: draft.rev + 1,
    });
    expect([stale.status, stale.body.error]).toEqual([409, "revision_conflict"]);
    const published = await api("POST", "/api/admin/editions/hubei-2024/2024.9.0/publish", {
      rev: draft.rev,
    });
    expect(published.status).toBe(200);
    expect((published.body.edition as VersionView).status).toBe("published");

    const twice = await api("POST", "/api/admin/editions/hubei-2024/2024.1.0/copy", { version: "2024.9.0" });
    expect([twice.status, twice.body.error]).toEqual([409, "edition_version_exists"]);
    const audit = await collectionsOf(server.ports.store).audit.find({ entity: "editions" });
    expect(audit.items.map((event) => event.action)).toEqual(
      expect.arrayContaining(["edition.copy", "edition.publish"]),
    );
  });

  it("opens a version for new applications within its dates; the portal and new candidates follow it", async () => {
    await api("POST", "/api/admin/editions", { files: fixture });
    const now = server.services.clock.now();
    const later = new Date(now + 24 * 3600_000).toISOString();
    const opened = await api("PUT", "/api/admin/editions/open", {
      key: "hubei-2024",
      version: FIXTURE_VERSION,
      opensAt: later,
    });
    expect(opened.status).toBe(200);
    const early = await buildCandidate(server);
    const refused = await callApi(server, "POST", "/api/applications", { cookie: early.cookie });
    expect([refused.status, (refused.body as { error: string }).error]).toEqual([409, "applications_closed"]);
    expect((refused.body as { message: string }).message).toMatch(/^报名尚未开始/);
    expect(await collectionsOf(server.ports.store).applications.count({})).toBe(0);

    await api("PUT", "/api/admin/editions/open", { key: "hubei-2024", version: FIXTURE_VERSION });
    const candidate = await buildCandidate(server);
    const started = await callApi<{ editionVersion: string }>(server, "POST", "/api/applications", {
      cookie: candidate.cookie,
    });
    expect(started.body.editionVersion).toBe(FIXTURE_VERSION);
    const portal = await callApi<{ product: { version: string } }>(server, "GET", "/api/editions/portal");
    expect(portal.body.product.version).toBe(FIXTURE_VERSION);

    const unpublished = await api("PUT", "/api/admin/editions/open", {
      key: "hubei-2024",
      version: "2030.1.0",
    });
    expect([unpublished.status, unpublished.body.error]).toEqual([409, "edition_not_published"]);
  });

  it("migrates an old draft with its changes flagged and set-aside values kept; a submitted one stays on 2024.1.0, renders and prints", async () => {
    const { store } = server.ports;
    const { clock } = server.services;
    const edition = await currentEdition(store, clock.now());
    const deps = { store, clock };

    // A practice draft whose evidence is the option the new version removes.
    const drafter = await buildCandidate(server);
    let draft = (await applicationStarter(deps, { userId: drafter.userId })).application;
    draft = await candidateTypeChooser(deps, {
      application: draft,
      actor: drafter.userId,
      candidateType: "practice",
      confirm: false,
    });
    draft = await fillFromExample({ ...deps, edition }, draft, "practice");
    const certificate = sectionExample(edition, "practice", "valid-certificate-evidence");
    draft = await sectionSaver(deps, {
      application: draft,
      actor: drafter.userId,
      key: "practice",
      rev: draft.rev,
      data: await liveAttachments(store, edition, draft, "practice", certificate.answers),
    });
    expect(draft.sections.practice?.data.evidenceKind).toBe("certificate");

    // A submitted apprentice application (status written directly: the submit flow has its own tests).
    const submitter = await buildCandidate(server);
    await encryptIdentityNumber(server, submitter.userId, "420102197504121234");
    let submitted = (await applicationStarter(deps, { userId: submitter.userId })).application;
    submitted = await candidateTypeChooser(deps, {
      application: submitted,
      actor: submitter.userId,
      candidateType: "apprentice",
      confirm: false,
    });
    submitted = await fillFromExample({ ...deps, edition }, submitted, "apprentice");
    const { _id, rev, createdAt: _c, updatedAt: _u, ...fields } = submitted;
    submitted = await collectionsOf(store).applications.replace(_id, rev, {
      ...fields,
      status: "submitted",
      submittedAt: clock.now(),
    });

    await api("POST", "/api/admin/editions", { files: fixture });
    const dry = await api("POST", `/api/admin/editions/hubei-2024/${FIXTURE_VERSION}/migrate`, {
      dryRun: true,
    });
    expect(dry.status).toBe(200);
    const byId = (report: Record<string, unknown>, id: string) =>
      (report.applications as { applicationId: string }[]).find(
        (item) => item.applicationId === id,
      ) as unknown as {
        outcome: string;
        reason?: string;
        sections: { key: string; notes: { path: string; change: string; value?: unknown }[] }[];
      };
    const plannedDraft = byId(dry.body, draft._id);
    expect(plannedDraft.outcome).toBe("migrated");
    const notes = Object.fromEntries(
      plannedDraft.sections.map((s) => [s.key, s.notes.map((n) => `${n.path}:${n.change}`)]),
    );
    expect(notes.basicInfo).toContain("occupation:changed");
    expect(notes.technique).toContain("techniqueOrigin:added");
    expect(notes.practice).toContain("evidenceKind:invalid");
    // The report carries no values (it may hold personal data); the application keeps them.
    expect(JSON.stringify(dry.body)).not.toContain('"value"');
    expect(byId(dry.body, submitted._id)).toMatchObject({ outcome: "pinned", reason: "submitted" });
    const untouched = (await collectionsOf(store).applications.get(draft._id)) as Stored<ApplicationDoc>;
    expect([untouched.editionVersion, untouched.rev]).toEqual(["2024.1.0", draft.rev]);

    const run = await api("POST", `/api/admin/editions/hubei-2024/${FIXTURE_VERSION}/migrate`, {
      dryRun: false,
    });
    expect([run.body.migrated, run.body.pinned]).toEqual([1, 1]);
    const moved = (await collectionsOf(store).applications.get(draft._id)) as Stored<ApplicationDoc>;
    expect(moved.editionVersion).toBe(FIXTURE_VERSION);
    expect(moved.sections.practice?.data.evidenceKind).toBeUndefined();
    expect(moved.migrations?.[0]?.sections.find((s) => s.key === "practice")?.notes).toContainEqual(
      expect.objectContaining({ path: "evidenceKind", change: "invalid", value: "certificate" }),
    );

    // The candidate sees 「表单已更新，请核对」 rows, and the set-aside value on the section page.
    const mine = await callApi<{ items: { tasks: { key: string; formUpdated: boolean }[] }[] }>(
      server,
      "GET",
      "/api/applications/mine",
      { cookie: drafter.cookie },
    );
    const flagged = mine.body.items[0]!.tasks.filter((t) => t.formUpdated).map((t) => t.key);
    expect(flagged).toEqual(expect.arrayContaining(["basicInfo", "technique", "practice"]));
    const page = await callApi<{ migration: { notes: { path: string; value?: unknown }[] } }>(
      server,
      "GET",
      `/api/applications/${draft._id}/sections/practice`,
      { cookie: drafter.cookie },
    );
    expect(page.body.migration.notes).toContainEqual(
      expect.objectContaining({ path: "evidenceKind", value: "certificate" }),
    );
    // Saving the section is the check: the flag goes, the log stays.
    const saved = await sectionSaver(deps, {
      application: moved,
      actor: drafter.userId,
      key: "basicInfo",
      rev: moved.rev,
      data: moved.sections.basicInfo!.data,
    });
    expect(saved.sections.basicInfo?.migration).toBeUndefined();
    expect(saved.migrations).toHaveLength(1);

    const kept = (await collectionsOf(store).applications.get(submitted._id)) as Stored<ApplicationDoc>;
    expect(kept.editionVersion).toBe("2024.1.0");
    const details = await callApi<{ editionVersion: string; sections: Record<string, unknown> }>(
      server,
      "GET",
      `/api/applications/${submitted._id}`,
      { cookie: submitter.cookie },
    );
    expect(details.status).toBe(200);
    expect(details.body.editionVersion).toBe("2024.1.0");
    expect(Object.keys(details.body.sections)).toContain("apprenticeship");
    const pdf = await fetch(`${server.url}/api/applications/${submitted._id}/pdf`, {
      headers: { Cookie: submitter.cookie },
    });
    expect(pdf.status).toBe(200);
    const text = squeeze(await pdfText(Buffer.from(await pdf.arrayBuffer())));
    const oldLabel = (
      edition.sections.find((s) => s.key === "basicInfo")!.schema.properties as Record<
        string,
        { title: string }
      >
    ).occupation!.title;
    expect(text).toContain(squeeze(oldLabel));
  });

  it("refuses to migrate to a version that is not published", async () => {
    await api("POST", "/api/admin/editions/hubei-2024/2024.1.0/copy", { version: "2024.7.0" });
    const refused = await api("POST", "/api/admin/editions/hubei-2024/2024.7.0/migrate", { dryRun: true });
    expect([refused.status, refused.body.error]).toEqual([409, "edition_not_published"]);
  });
});
