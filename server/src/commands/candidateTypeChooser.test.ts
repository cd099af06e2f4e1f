import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CandidateTypeChangeUnconfirmedError, InvalidInputError, SectionLockedError } from "../errors.js";
import {
  exampleSection,
  openApplicationStore,
  startedApplication,
  writeSectionDirectly,
  type ApplicationTestContext,
  liveAttachments,
} from "../../test/factories.js";
import { candidateTypeChooser } from "./candidateTypeChooser.js";
import { sectionSaver } from "./sectionSaver.js";

describe("candidateTypeChooser", () => {
  let context: ApplicationTestContext;
  let cleanup: () => Promise<void>;
  beforeAll(async () => ({ cleanup, ...context } = await openApplicationStore()));
  afterAll(() => cleanup());

  it("sets the first choice without confirmation and refuses a type the edition does not offer", async () => {
    const { store, clock } = context;
    const { userId, application } = await startedApplication(context);
    await expect(
      candidateTypeChooser(
        { store, clock },
        { application, actor: userId, candidateType: "other", confirm: false },
      ),
    ).rejects.toBeInstanceOf(InvalidInputError);
    const chosen = await candidateTypeChooser(
      { store, clock },
      { application, actor: userId, candidateType: "practice", confirm: false },
    );
    expect(chosen.candidateType).toBe("practice");
    expect(chosen.rev).toBe(application.rev + 1);
  });

  it("asks for confirmation before a change and then drops the other branch's section", async () => {
    const { store, clock, edition } = context;
    const started = await startedApplication(context, "apprentice");
    const saved = await sectionSaver(
      { store, clock },
      {
        application: started.application,
        actor: started.userId,
        key: "apprenticeship",
        rev: started.application.rev,
        data: await liveAttachments(
          store,
          edition,
          started.application,
          "apprenticeship",
          exampleSection(edition, "apprentice", "apprenticeship"),
        ),
      },
    );
    const change = { actor: started.userId, candidateType: "practice" };
    const refused = await candidateTypeChooser(
      { store, clock },
      { ...change, application: saved, confirm: false },
    ).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(CandidateTypeChangeUnconfirmedError);
    expect((refused as CandidateTypeChangeUnconfirmedError).details).toEqual({
      droppedSections: ["apprenticeship"],
    });

    const changed = await candidateTypeChooser(
      { store, clock },
      { ...change, application: saved, confirm: true },
    );
    expect(changed.candidateType).toBe("practice");
    expect(Object.keys(changed.sections)).not.toContain("apprenticeship");
  });

  it("refuses a change that would drop a locked section", async () => {
    const { store, clock } = context;
    const started = await startedApplication(context, "apprentice");
    const locked = await writeSectionDirectly(store, started.application, "apprenticeship", {
      review: { decision: "locked", comment: "", by: "reviewer-1", at: clock.now() },
    });
    await expect(
      candidateTypeChooser(
        { store, clock },
        { application: locked, actor: started.userId, candidateType: "practice", confirm: true },
      ),
    ).rejects.toBeInstanceOf(SectionLockedError);
  });
});
