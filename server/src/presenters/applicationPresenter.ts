/**
 * An application as its owner sees it: the task list of applicable sections with their states (APP-3),
 * what still blocks submit (APP-5), the details of 「查看详情」 (APP-6) and one section for its form page.
 * Fields are listed explicitly; the identity, audit and review metadata beyond the comment stay inside.
 */
import {
  applicationBlockers,
  checkSection,
  editionBindings,
  editionText,
  onsiteBureau,
  sectionApplies,
  sectionsReadBy,
  type Answers,
  type Edition,
  type SectionData,
  type SectionDefinition,
  type SectionError,
  type SectionState,
} from "@shenbao/rules";
import { answersOf, isLocked } from "../applications/applicationSections.js";
import type { Stored } from "../ports/store.js";
import { iso } from "./isoTime.js";
import type {
  ApplicationDoc,
  FieldComment,
  MigrationNote,
  ReviewStage,
  SectionRecord,
} from "../store/collections.js";
import { REVIEW_STAGE_LABELS } from "../review/reviewStages.js";

/** The action a task-list row offers (APP-3), in the words the guide uses. */
export type TaskStatus = "去完善" | "编辑" | "已锁定" | "退回修改";

/** One row of the task list. */
export interface TaskView {
  key: string;
  title: string;
  group: string | null;
  state: SectionState;
  status: TaskStatus;
  /** The reviewer's comment of a returned section, else null. */
  comment: string | null;
  /** The reviewer's comments on single fields of a returned section (REV-2). */
  fieldComments: FieldComment[];
  requiredForSubmit: boolean;
  updatedAt: string | null;
  /** The form moved to a newer version and this section awaits the candidate's check (「表单已更新，请核对」). */
  formUpdated: boolean;
}

/** The application's summary and task list (GET /api/applications/mine, after every write). */
export interface ApplicationView {
  id: string;
  rev: number;
  editionKey: string;
  editionVersion: string;
  candidateType: string | null;
  status: ApplicationDoc["status"];
  submittedAt: string | null;
  withdrawnAt: string | null;
  onsiteCounty: string | null;
  /** Where the review stands and where to go for the on-site confirmation (REV-3); null before a submit. */
  review: {
    stage: ReviewStage;
    stageLabel: string;
    onsite: { instruction: string; bureau: string; address: string | null; phone: string | null } | null;
  } | null;
  tasks: TaskView[];
  blockers: { canSubmit: boolean; items: SectionError[] };
}

/** The summary plus every applicable section's data, for 「查看详情」 (APP-6). */
export interface ApplicationDetailsView extends ApplicationView {
  sections: Record<string, SectionData>;
}

/** One section for its form page: data, rule inputs and current errors. */
export interface SectionView {
  applicationId: string;
  rev: number;
  editionKey: string;
  editionVersion: string;
  key: string;
  title: string;
  group: string | null;
  state: SectionState;
  status: TaskStatus;
  comment: string | null;
  fieldComments: FieldComment[];
  /** False when locked or when the application is submitted. */
  editable: boolean;
  updatedAt: string | null;
  data: SectionData;
  /**
   * The last move to a newer form version, while the candidate has not saved the section since: what
   * changed, and the values set aside (their own answers, shown so they can re-enter them).
   */
  migration: { fromVersion: string; notes: MigrationNote[] } | null;
  /** What `effectiveSection` needs besides the edition: the type and the sections this one's rules read. */
  answers: { candidateType: string | null; sections: Record<string, SectionData> };
  errors: SectionError[];
}

/** locked → 已锁定, returned → 退回修改, complete → 编辑, else 去完善 (APP-3). */
export function taskStatus(record: SectionRecord | undefined): TaskStatus {
  if (isLocked(record)) return "已锁定";
  if (record?.review?.decision === "returned") return "退回修改";
  return record?.state === "complete" ? "编辑" : "去完善";
}

function returnedFieldComments(record: SectionRecord | undefined): FieldComment[] {
  const review = record?.review;
  return review?.decision === "returned"
    ? (review.fieldComments ?? []).map(({ path, comment }) => ({ path, comment }))
    : [];
}

/** The candidate's view of the review: stage, and the bureau of the on-site confirmation (REV-3). */
function presentCandidateReview(edition: Edition, application: ApplicationDoc): ApplicationView["review"] {
  const review = application.review;
  if (review === undefined) return null;
  const bureau = onsiteBureau(edition, review.route.county);
  return {
    stage: review.stage,
    stageLabel: REVIEW_STAGE_LABELS[review.stage],
    onsite:
      bureau === undefined || editionBindings(edition).onsite.bureaus === undefined
        ? null
        : {
            instruction: editionText(edition, "onsite.instruction", { bureau: bureau.name }),
            bureau: bureau.name,
            address: bureau.address,
            phone: bureau.phone,
          },
  };
}

function applicableSections(edition: Edition, answers: Answers): SectionDefinition[] {
  return edition.sections.filter((section) => sectionApplies(edition, section.key, answers));
}

function presentTask(section: SectionDefinition, record: SectionRecord | undefined): TaskView {
  return {
    key: section.key,
    title: section.title,
    group: section.group ?? null,
    state: record?.state ?? "incomplete",
    status: taskStatus(record),
    comment: record?.review?.decision === "returned" ? record.review.comment : null,
    fieldComments: returnedFieldComments(record),
    requiredForSubmit: section.requiredForSubmit,
    updatedAt: iso(record?.updatedAt),
    formUpdated: record?.migration !== undefined,
  };
}

/** The task list and summary of `application` on its pinned `edition`. */
export function presentApplication(edition: Edition, application: Stored<ApplicationDoc>): ApplicationView {
  const answers = answersOf(application);
  const blockers = applicationBlockers(edition, answers);
  return {
    id: application._id,
    rev: application.rev,
    editionKey: application.editionKey,
    editionVersion: application.editionVersion,
    candidateType: application.candidateType,
    status: application.status,
    submittedAt: iso(application.submittedAt),
    withdrawnAt: iso(application.withdrawnAt),
    onsiteCounty: application.onsiteCounty ?? null,
    review: presentCandidateReview(edition, application),
    tasks: applicableSections(edition, answers).map((section) =>
      presentTask(section, application.sections[section.key]),
    ),
    blockers: {
      canSubmit: blockers.length === 0,
      items: blockers.map(({ section, path, message }) => ({ section, path, message })),
    },
  };
}

/** The summary plus the data of every applicable section. */
export function presentApplicationDetails(
  edition: Edition,
  application: Stored<ApplicationDoc>,
): ApplicationDetailsView {
  const sections: Record<string, SectionData> = {};
  for (const section of applicableSections(edition, answersOf(application))) {
    const record = application.sections[section.key];
    if (record !== undefined) sections[section.key] = record.data;
  }
  return { ...presentApplication(edition, application), sections };
}

/** One section of `application` (which must apply to its candidate type) for its form page. */
export function presentSectionOf(
  edition: Edition,
  application: Stored<ApplicationDoc>,
  section: SectionDefinition,
): SectionView {
  const answers = answersOf(application);
  const record = application.sections[section.key];
  const inputs: Record<string, SectionData> = {};
  for (const key of sectionsReadBy(edition, section.key)) {
    const data = application.sections[key]?.data;
    if (data !== undefined) inputs[key] = data;
  }
  return {
    applicationId: application._id,
    rev: application.rev,
    editionKey: application.editionKey,
    editionVersion: application.editionVersion,
    key: section.key,
    title: section.title,
    group: section.group ?? null,
    state: record?.state ?? "incomplete",
    status: taskStatus(record),
    comment: record?.review?.decision === "returned" ? record.review.comment : null,
    fieldComments: returnedFieldComments(record),
    editable: application.status === "draft" && !isLocked(record),
    updatedAt: iso(record?.updatedAt),
    data: record?.data ?? {},
    migration:
      record?.migration === undefined
        ? null
        : { fromVersion: record.migration.fromVersion, notes: record.migration.notes },
    answers: { candidateType: application.candidateType, sections: inputs },
    errors: checkSection(edition, section.key, answers),
  };
}
