import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ApplicationSubmittedError,
  CandidateTypeRequiredError,
  InvalidInputError,
  RevisionConflictError,
  SectionManagedError,
  SectionNotApplicableError,
  UnknownSectionError,
} from "../errors.js";
import { collectionsOf } from "../store/collections.js";
import {
  exampleIdentityFacts,
  exampleSection,
  liveAttachments,
  openApplicationStore,
  sectionExample,
  startedApplication,
  writeSectionDirectly,
  type ApplicationTestContext,
} from "../../test/factories.js";
import { sectionSaver } from "./sectionSaver.js";

describe("sectionSaver", () => {
  let context: ApplicationTestContext;
  let cleanup: () => Promise<void>;
  beforeAll(async () => ({ cleanup, ...context } = await openApplicationStore()));
  afterAll(() => cleanup());
  const deps = () => ({ store: context.store, clock: context.clock });

  it("stores a complete section as complete and an incomplete draft as incomplete", async () => {
    const { userId, application } = await startedApplication(context, "apprentice");
    const technique = exampleSection(context.edition, "apprentice", "technique");
    const complete = await sectionSaver(deps(), {
      application,
      actor: userId,
      key: "technique",
      rev: application.rev,
      data: technique,
    });
    expect(complete.sections.technique).toMatchObject({ data: technique, state: "complete" });

    const { medicalTechnique: _dropped, ...draft } = technique;
    const incomplete = await sectionSaver(deps(), {
      application: complete,
      actor: userId,
      key: "technique",
      rev: complete.rev,
      data: draft,
    });
    expect(incomplete.sections.technique).toMatchObject({ data: draft, state: "incomplete" });
    const audit = await collectionsOf(context.store).audit.find({
      entity: "applications",
      entityId: application._id,
    });
    expect(audit.items.filter((event) => event.action === "application.section.save")).toHaveLength(2);
  });

  it("prunes the data of fields the rules hide, as the edition's example expects", async () => {
    const { userId, application } = await startedApplication(context, "apprentice");
    const example = sectionExample(context.edition, "technique", "valid-internal-drops-external-medicine");
    const saved = await sectionSaver(deps(), {
      application,
      actor: userId,
      key: "technique",
      rev: application.rev,
      data: example.answers,
    });
    const { externalMedicine: _pruned, ...kept } = example.answers;
    expect(saved.sections.technique?.data).toEqual(kept);
  });

  it("keeps the identity fields from the verified identity whatever the browser sends", async () => {
    const { userId, application } = await startedApplication(context, "apprentice");
    const basic = await liveAttachments(
      context.store,
      context.edition,
      application,
      "basicInfo",
      exampleSection(context.edition, "apprentice", "basicInfo"),
    );
    const saved = await sectionSaver(deps(), {
      application,
      actor: userId,
      key: "basicInfo",
      rev: application.rev,
      data: { ...basic, name: "改过的名字", birthDate: "2001-01-01" },
    });
    const facts = exampleIdentityFacts(context.edition);
    expect(saved.sections.basicInfo?.data).toMatchObject({ name: facts.name, birthDate: facts.birthDate });
    expect(saved.sections.basicInfo?.state).toBe("complete");
  });

  it("rejects a save based on a stale revision and keeps the newer data", async () => {
    const { userId, application } = await startedApplication(context, "apprentice");
    const technique = exampleSection(context.edition, "apprentice", "technique");
    const newer = await sectionSaver(deps(), {
      application,
      actor: userId,
      key: "technique",
      rev: application.rev,
      data: technique,
    });
    await expect(
      sectionSaver(deps(), {
        application: newer,
        actor: userId,
        key: "technique",
        rev: application.rev,
        data: {},
      }),
    ).rejects.toBeInstanceOf(RevisionConflictError);
    const stored = await collectionsOf(context.store).applications.get(application._id);
    expect(stored?.sections.technique?.data).toEqual(technique);
  });

  it("rejects structurally wrong data but not merely incomplete or invalid values", async () => {
    const { userId, application } = await startedApplication(context, "apprentice");
    const save = (data: Record<string, unknown>) =>
      sectionSaver(deps(), {
        application,
        actor: userId,
        key: "technique",
        rev: application.rev,
        data: data as never,
      });
    const wrongType = await save({ servedLastFiveYears: "many" }).catch((error: unknown) => error);
    expect(wrongType).toBeInstanceOf(InvalidInputError);
    expect((wrongType as InvalidInputError).details).toMatchObject({
      issues: [{ path: "servedLastFiveYears" }],
    });
    await expect(save({ unknownField: 1 })).rejects.toBeInstanceOf(InvalidInputError);
    const invalidValue = await save({ servedLastFiveYears: -1 });
    expect(invalidValue.sections.technique?.state).toBe("incomplete");
  });

  it("refuses a draft beyond the schema's size bounds and stores nothing (issue 11)", async () => {
    const { userId, application } = await startedApplication(context, "apprentice");
    const save = (data: Record<string, unknown>) =>
      sectionSaver(deps(), {
        application,
        actor: userId,
        key: "basicInfo",
        rev: application.rev,
        data: data as never,
      });
    const longList = await save({
      hasStudyExperience: true,
      education: Array.from({ length: 60_000 }, () => ({})),
    }).catch((error: unknown) => error);
    expect(longList).toBeInstanceOf(InvalidInputError);
    expect((longList as InvalidInputError).message).toBe("最多只能填写 20 项");
    const longText = await save({ occupation: "医".repeat(300_000) }).catch((error: unknown) => error);
    expect(longText).toBeInstanceOf(InvalidInputError);
    expect((longText as InvalidInputError).details).toMatchObject({
      issues: [{ path: "occupation", message: "内容过长，不能超过 100 个字" }],
    });
    const stored = await collectionsOf(context.store).applications.get(application._id);
    expect(stored?.rev).toBe(application.rev);
  });

  it("refuses unknown, inapplicable and command-written sections, and any section before the type", async () => {
    const untyped = await startedApplication(context);
    await expect(
      sectionSaver(deps(), {
        application: untyped.application,
        actor: untyped.userId,
        key: "technique",
        rev: untyped.application.rev,
        data: {},
      }),
    ).rejects.toBeInstanceOf(CandidateTypeRequiredError);
    const { userId, application } = await startedApplication(context, "apprentice");
    const save = (key: string) =>
      sectionSaver(deps(), { application, actor: userId, key, rev: application.rev, data: {} });
    await expect(save("noSuchSection")).rejects.toBeInstanceOf(UnknownSectionError);
    await expect(save("evaluation")).rejects.toBeInstanceOf(UnknownSectionError);
    await expect(save("practice")).rejects.toBeInstanceOf(SectionNotApplicableError);
    await expect(save("recommenders")).rejects.toBeInstanceOf(SectionManagedError);
  });

  it("refuses to change a locked section or a submitted application", async () => {
    const { userId, application } = await startedApplication(context, "apprentice");
    const locked = await writeSectionDirectly(context.store, application, "technique", {
      review: { decision: "locked", comment: "", by: "reviewer-1", at: 0 },
    });
    await expect(
      sectionSaver(deps(), {
        application: locked,
        actor: userId,
        key: "technique",
        rev: locked.rev,
        data: {},
      }),
    ).rejects.toMatchObject({ status: 423, id: "section_locked", message: "该部分已锁定，不能修改" });
    const submitted = await collectionsOf(context.store).applications.replace(locked._id, locked.rev, {
      ...locked,
      status: "submitted",
    });
    await expect(
      sectionSaver(deps(), {
        application: submitted,
        actor: userId,
        key: "expertise",
        rev: submitted.rev,
        data: {},
      }),
    ).rejects.toBeInstanceOf(ApplicationSubmittedError);
  });
});
