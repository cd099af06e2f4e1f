import { leafValues } from "@shenbao/rules";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ApplicationIncompleteError,
  ApplicationNotSubmittedError,
  IdentityNotVerifiedError,
  OnsiteOutsideProvinceError,
} from "../errors.js";
import { collectionsOf } from "../store/collections.js";
import {
  fillFromExample,
  openApplicationStore,
  sectionExample,
  startedApplication,
  validApplicationAnswers,
  writeSectionDirectly,
  type ApplicationTestContext,
  liveAttachments,
} from "../../test/factories.js";
import { applicationSubmitter } from "./applicationSubmitter.js";
import { applicationWithdrawer } from "./applicationWithdrawer.js";
import { sectionSaver } from "./sectionSaver.js";

describe("applicationSubmitter and applicationWithdrawer", () => {
  let context: ApplicationTestContext;
  let cleanup: () => Promise<void>;
  beforeAll(async () => ({ cleanup, ...context } = await openApplicationStore()));
  afterAll(() => cleanup());
  const deps = () => ({ store: context.store, clock: context.clock, cipher: context.cipher });

  it("blocks a submit with only the teacher section left open, naming it", async () => {
    const { userId, application } = await startedApplication(context, "apprentice");
    const filled = await fillFromExample(context, application, "apprentice");
    const refused = await applicationSubmitter(deps(), { application: filled, actor: userId }).catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(ApplicationIncompleteError);
    const { blockers } = (refused as ApplicationIncompleteError).details as {
      blockers: { section: string }[];
    };
    expect(blockers.map((blocker) => blocker.section)).toEqual(["recommenders"]);
    const stored = await collectionsOf(context.store).applications.get(application._id);
    expect(stored?.status).toBe("draft");
  });

  it("submits a complete apprentice application with the apprenticeship county for on-site confirmation", async () => {
    const { userId, application } = await startedApplication(context, "apprentice");
    const answers = validApplicationAnswers(context.edition, "apprentice");
    const filled = await fillFromExample(context, application, "apprentice");
    // The invitation flow of a later issue writes the signed teachers.
    const withTeachers = await writeSectionDirectly(context.store, filled, "recommenders", {
      data: answers.sections.recommenders ?? {},
    });
    const submitted = await applicationSubmitter(deps(), { application: withTeachers, actor: userId });
    expect(submitted.status).toBe("submitted");
    expect(submitted.submittedAt).toBe(context.clock.now());
    expect(submitted.onsiteCounty).toBe(
      (answers.sections.apprenticeship?.location as { division: string }).division,
    );
    const audit = await collectionsOf(context.store).audit.find({
      entity: "applications",
      entityId: application._id,
    });
    expect(audit.items.map((event) => event.action)).toContain("application.submit");
  });

  it("takes the chosen county of long-term practice when the practice reaches 2017-07-01", async () => {
    const { userId, application } = await startedApplication(context, "practice");
    const filled = await fillFromExample(context, application, "practice");
    const practice = await liveAttachments(
      context.store,
      context.edition,
      filled,
      "practice",
      sectionExample(context.edition, "practice", "valid-after-2017").answers,
    );
    const location = (practice.location as { division: string }).division;
    // Another county of the same province: one elsewhere has no bureau of this assessment (REV-1).
    const otherCounty = [...leafValues(context.edition.catalogs.divisions!)].find(
      (code) => code !== location && code.slice(0, 2) === location.slice(0, 2),
    )!;
    const saved = await sectionSaver(deps(), {
      application: filled,
      actor: userId,
      key: "practice",
      rev: filled.rev,
      data: { ...practice, onsiteDivision: otherCounty },
    });
    const teachers = sectionExample(context.edition, "recommenders", "valid-practice-after-2017").answers;
    const ready = await writeSectionDirectly(context.store, saved, "recommenders", { data: teachers });
    const submitted = await applicationSubmitter(deps(), { application: ready, actor: userId });
    expect(submitted.onsiteCounty).toBe(otherCounty);
  });

  it("refuses an on-site county outside the edition's province and stays a draft (REV-1)", async () => {
    const { userId, application } = await startedApplication(context, "practice");
    const filled = await fillFromExample(context, application, "practice");
    const practice = await liveAttachments(
      context.store,
      context.edition,
      filled,
      "practice",
      sectionExample(context.edition, "practice", "valid-after-2017").answers,
    );
    const location = (practice.location as { division: string }).division;
    const elsewhere = [...leafValues(context.edition.catalogs.divisions!)].find(
      (code) => code.slice(0, 2) !== location.slice(0, 2),
    )!;
    const saved = await sectionSaver(deps(), {
      application: filled,
      actor: userId,
      key: "practice",
      rev: filled.rev,
      data: { ...practice, onsiteDivision: elsewhere },
    });
    const teachers = sectionExample(context.edition, "recommenders", "valid-practice-after-2017").answers;
    const ready = await writeSectionDirectly(context.store, saved, "recommenders", { data: teachers });
    await expect(applicationSubmitter(deps(), { application: ready, actor: userId })).rejects.toBeInstanceOf(
      OnsiteOutsideProvinceError,
    );
    expect((await collectionsOf(context.store).applications.get(ready._id))?.status).toBe("draft");
  });

  it("refuses a submit once the identity is no longer verified", async () => {
    const { userId, application } = await startedApplication(context, "apprentice");
    const { identities } = collectionsOf(context.store);
    const [identity] = (await identities.find({ userId })).items;
    const { currentUserId: _current, ...rest } = identity!;
    await identities.replace(identity!._id, identity!.rev, { ...rest, state: "withdrawn" });
    await expect(applicationSubmitter(deps(), { application, actor: userId })).rejects.toBeInstanceOf(
      IdentityNotVerifiedError,
    );
  });

  it("withdraws a submitted application to draft, keeps locked sections locked, and allows a resubmit", async () => {
    const { userId, application } = await startedApplication(context, "apprentice");
    const answers = validApplicationAnswers(context.edition, "apprentice");
    const filled = await fillFromExample(context, application, "apprentice");
    const ready = await writeSectionDirectly(context.store, filled, "recommenders", {
      data: answers.sections.recommenders ?? {},
    });
    await expect(applicationWithdrawer(deps(), { application: ready, actor: userId })).rejects.toBeInstanceOf(
      ApplicationNotSubmittedError,
    );
    const submitted = await applicationSubmitter(deps(), { application: ready, actor: userId });
    const locked = await writeSectionDirectly(context.store, submitted, "technique", {
      review: { decision: "locked", comment: "", by: "reviewer-1", at: 0 },
    });
    const withdrawn = await applicationWithdrawer(deps(), { application: locked, actor: userId });
    expect(withdrawn.status).toBe("draft");
    expect(withdrawn.onsiteCounty).toBeUndefined();
    expect(withdrawn.sections.technique?.review?.decision).toBe("locked");
    await expect(
      sectionSaver(deps(), {
        application: withdrawn,
        actor: userId,
        key: "technique",
        rev: withdrawn.rev,
        data: {},
      }),
    ).rejects.toMatchObject({ id: "section_locked" });
    const again = await applicationSubmitter(deps(), { application: withdrawn, actor: userId });
    expect(again.status).toBe("submitted");
  });
});
