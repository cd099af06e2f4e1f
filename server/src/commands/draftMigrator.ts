/**
 * Moving drafts to a newer version of their edition (FORM-4): every unsubmitted application of the same
 * edition key on another version moves to `key@version`, field by field (`migrateSection`): what still fits
 * is kept, what no longer exists or is no longer accepted is set aside on the section (never lost), and what
 * changed is flagged for the candidate (「表单已更新，请核对」) until they save that section again.
 * Submitted applications, drafts with a section a reviewer locked and drafts a teacher has already signed
 * stay pinned to their version: moving them would change what was reviewed or signed. A dry run reports
 * the same per application without writing anything.
 */
import { migrateSection, type FieldMigration } from "@shenbao/forms";
import type { Answers, Edition } from "@shenbao/rules";
import { answersOf, isLocked, settleSections } from "../applications/applicationSections.js";
import { auditSummary } from "../applications/applicationGuards.js";
import { publishedEdition } from "../editions/publishedEditions.js";
import { EditionNotPublishedError, NotFoundError, RevisionConflictError } from "../errors.js";
import type { Stored } from "../ports/store.js";
import {
  collectionsOf,
  type ApplicationDoc,
  type MigrationNote,
  type SectionRecord,
} from "../store/collections.js";
import { appendAudit, type AuditActor } from "./audit.js";
import type { CommandDeps } from "./commandDeps.js";

/** Why an application stays on its version. */
export type PinReason = "submitted" | "locked" | "signed" | "candidateType" | "busy";

/** What happens (or would happen) to one application; notes carry no values, so reports hold no personal data. */
export interface MigrationOutcome {
  applicationId: string;
  fromVersion: string;
  outcome: "migrated" | "pinned";
  reason?: PinReason;
  sections: { key: string; notes: Omit<FieldMigration, "value">[] }[];
}

/** The whole run. */
export interface MigrationReport {
  key: string;
  toVersion: string;
  dryRun: boolean;
  migrated: number;
  pinned: number;
  applications: MigrationOutcome[];
}

/** Chinese words for a pin reason, for the CLI and the admin page. */
export const PIN_REASONS: Record<PinReason, string> = {
  submitted: "已提交",
  locked: "有部分已被审核锁定",
  signed: "已有老师签名",
  candidateType: "新版本没有该考生类型",
  busy: "考生正在修改，请稍后重新运行",
};

const PAGE = 200;

/** Moves (or, with `dryRun`, reports moving) the drafts of `key` to `version`. */
export async function draftMigrator(
  deps: Pick<CommandDeps, "store" | "clock">,
  input: { key: string; version: string; dryRun: boolean; actor: AuditActor },
): Promise<MigrationReport> {
  const { store } = deps;
  const { editions, applications, invitations } = collectionsOf(store);
  const [target] = (await editions.find({ key: input.key, version: input.version }, { limit: 1 })).items;
  if (target === undefined) throw new NotFoundError();
  if (target.status !== "published")
    throw new EditionNotPublishedError({ key: input.key, version: input.version });
  const to = await publishedEdition(store, input.key, input.version);
  const report: MigrationReport = {
    key: input.key,
    toVersion: input.version,
    dryRun: input.dryRun,
    migrated: 0,
    pinned: 0,
    applications: [],
  };
  const versions = (await editions.find({ key: input.key })).items
    .map((doc) => doc.version)
    .filter((version) => version !== input.version);
  for (const fromVersion of versions) {
    let cursor: string | undefined;
    do {
      const page = await applications.find(
        { editionKey: input.key, editionVersion: fromVersion },
        { sort: { _id: 1 }, limit: PAGE, ...(cursor === undefined ? {} : { cursor }) },
      );
      cursor = page.next;
      if (page.items.length === 0) continue;
      const from = await publishedEdition(store, input.key, fromVersion);
      for (const application of page.items) {
        const signed = await invitations.count({ applicationId: application._id, state: "signed" });
        const outcome = await migrateOne(deps, { application, from, to, signed, ...input });
        report.applications.push(outcome);
        if (outcome.outcome === "migrated") report.migrated++;
        else report.pinned++;
      }
    } while (cursor !== undefined);
  }
  return report;
}

function pinReason(application: ApplicationDoc, to: Edition, signed: number): PinReason | undefined {
  if (application.status !== "draft") return "submitted";
  if (Object.values(application.sections).some(isLocked)) return "locked";
  if (signed > 0) return "signed";
  if (
    application.candidateType !== null &&
    !to.candidateTypes.some((t) => t.value === application.candidateType)
  )
    return "candidateType";
  return undefined;
}

async function migrateOne(
  deps: Pick<CommandDeps, "store" | "clock">,
  input: {
    application: Stored<ApplicationDoc>;
    from: Edition;
    to: Edition;
    signed: number;
    dryRun: boolean;
    actor: AuditActor;
  },
): Promise<MigrationOutcome> {
  const { application, from, to } = input;
  const base = { applicationId: application._id, fromVersion: application.editionVersion };
  const reason = pinReason(application, to, input.signed);
  if (reason !== undefined) return { ...base, outcome: "pinned", reason, sections: [] };

  const now = deps.clock.now();
  const answers: Answers = answersOf(application);
  const sections: Record<string, SectionRecord> = {};
  const notesBySection = new Map<string, FieldMigration[]>();
  for (const [key, record] of Object.entries(application.sections)) {
    const moved = migrateSection(from, to, key, record.data, answers);
    notesBySection.set(key, moved.notes);
    const { migration: _previous, ...rest } = record;
    sections[key] = {
      ...rest,
      data: moved.data,
      ...(moved.notes.length === 0
        ? {}
        : { migration: { fromVersion: from.version, at: now, notes: moved.notes as MigrationNote[] } }),
    };
  }
  const outcome: MigrationOutcome = {
    ...base,
    outcome: "migrated",
    sections: [...notesBySection]
      .filter(([, notes]) => notes.length > 0)
      .map(([key, notes]) => ({ key, notes: notes.map(({ value: _value, ...note }) => note) })),
  };
  if (input.dryRun) return outcome;

  const doc: ApplicationDoc = {
    ...application,
    editionVersion: to.version,
    sections: settleSections(to, application.candidateType, sections),
    // The log keeps the set-aside values even of a section the new version no longer has.
    migrations: [
      ...(application.migrations ?? []),
      {
        fromVersion: from.version,
        toVersion: to.version,
        at: now,
        sections: [...notesBySection]
          .filter(([, notes]) => notes.length > 0)
          .map(([key, notes]) => ({ key, notes: notes as MigrationNote[] })),
      },
    ],
  };
  try {
    await deps.store.transaction(async (tx) => {
      const stored = await collectionsOf(tx).applications.replace(application._id, application.rev, doc);
      await appendAudit(tx, {
        actor: input.actor,
        action: "application.migrate",
        entity: "applications",
        entityId: stored._id,
        before: auditSummary(application),
        after: auditSummary(stored),
        at: now,
      });
    });
  } catch (error) {
    // The candidate saved in between: this one is left for the next run, not overwritten.
    if (!(error instanceof RevisionConflictError)) throw error;
    return { ...base, outcome: "pinned", reason: "busy", sections: [] };
  }
  return outcome;
}
