/**
 * An application as its owner sees it: the task list of applicable sections with their states (APP-3),
 * what still blocks submit (APP-5), the details of 「查看详情」 (APP-6) and one section for its form page.
 * Fields are listed explicitly; the identity, audit and review metadata beyond the comment stay inside.
 */
import {
  applicationBlockers,
  checkSection,
  sectionApplies,
  type Answers,
  type Edition,
  type Json,
  type SectionData,
  type SectionDefinition,
  type SectionError,
  type SectionState,
} from "@shenbao/rules";
import { answersOf, isLocked } from "../applications/applicationSections.js";
import type { Stored } from "../ports/store.js";
import type { ApplicationDoc, SectionRecord } from "../store/collections.js";

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
  requiredForSubmit: boolean;
  updatedAt: string | null;
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
  /** False when locked or when the application is submitted. */
  editable: boolean;
  updatedAt: string | null;
  data: SectionData;
  /** What `effectiveSection` needs besides the edition: the type and the sections this one's rules read. */
  answers: { candidateType: string | null; sections: Record<string, SectionData> };
  errors: SectionError[];
}

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

/** locked → 已锁定, returned → 退回修改, complete → 编辑, else 去完善 (APP-3). */
export function taskStatus(record: SectionRecord | undefined): TaskStatus {
  if (isLocked(record)) return "已锁定";
  if (record?.review?.decision === "returned") return "退回修改";
  return record?.state === "complete" ? "编辑" : "去完善";
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
    requiredForSubmit: section.requiredForSubmit,
    updatedAt: iso(record?.updatedAt),
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

/** Keys of other sections a section's rules read through `sections.<key>` (e.g. recommenders read practice). */
export function sectionsReadBy(section: SectionDefinition): string[] {
  const keys = new Set<string>();
  const walk = (node: Json | undefined): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node !== null && typeof node === "object") {
      const name = Array.isArray(node.var) ? node.var[0] : node.var;
      const match = typeof name === "string" ? /^sections\.([^.]+)/.exec(name) : null;
      if (match?.[1] !== undefined) keys.add(match[1]);
      Object.values(node).forEach(walk);
    }
  };
  for (const rule of section.rules) walk([rule.when ?? null, rule.assert ?? null]);
  keys.delete(section.key);
  return [...keys];
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
  for (const key of sectionsReadBy(section)) {
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
    editable: application.status === "draft" && !isLocked(record),
    updatedAt: iso(record?.updatedAt),
    data: record?.data ?? {},
    answers: { candidateType: application.candidateType, sections: inputs },
    errors: checkSection(edition, section.key, answers),
  };
}
