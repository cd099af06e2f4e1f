/**
 * Review data as it leaves the server (REV-1…REV-3, REV-6): queue lines, the reviewer's read-only view of
 * an application with decisions, changes since a return, the on-site record, teachers' signatures and the
 * cross-application findings, and audit events. Fields are listed explicitly; ID numbers stay masked here
 * (the full number has its own audited route), search keys and ciphertexts never leave.
 */
import {
  sectionApplies,
  teacherRoleTitle,
  type Edition,
  type Json,
  type SectionData,
  type SectionState,
} from "@shenbao/rules";
import { INVITATION_STATE_LABELS, type InvitationState } from "../invitations/invitationStates.js";
import type { Actor } from "../policies/actor.js";
import { mayReview } from "../policies/reviewPolicy.js";
import type { Stored } from "../ports/store.js";
import { iso } from "./isoTime.js";
import type { CrossCheckFinding } from "../review/crossChecks.js";
import { divisionOf } from "../review/reviewRouting.js";
import { REVIEW_STAGE_LABELS } from "../review/reviewStages.js";
import { diffSectionData, type FieldChange } from "../review/sectionDiff.js";
import type {
  ApplicationDoc,
  AuditDoc,
  FieldComment,
  InvitationDoc,
  ReviewEntryDoc,
  ReviewLevel,
  ReviewStage,
} from "../store/collections.js";
import { countyPassBlockers } from "../commands/reviewPasser.js";
import { taskStatus, type TaskStatus } from "./applicationPresenter.js";

/** One line of the queue. */
export interface ReviewQueueItem {
  id: string;
  name: string;
  sex: "male" | "female" | null;
  idNumberMasked: string;
  candidateType: string;
  county: string;
  countyName: string;
  stage: ReviewStage;
  stageLabel: string;
  submittedAt: string;
  signaturesComplete: boolean;
}

/** A queue line; `edition` names the county. */
export function presentQueueItem(edition: Edition, entry: Stored<ReviewEntryDoc>): ReviewQueueItem {
  return {
    id: entry._id,
    name: entry.name,
    sex: entry.sex,
    idNumberMasked: entry.idNumberMasked,
    candidateType: entry.candidateType,
    county: entry.county,
    countyName: divisionOf(edition, entry.county)?.path.slice(1).join("") ?? entry.county,
    stage: entry.stage,
    stageLabel: REVIEW_STAGE_LABELS[entry.stage],
    submittedAt: new Date(entry.submittedAt).toISOString(),
    signaturesComplete: entry.signaturesComplete,
  };
}

/** One section as the reviewer sees it. */
export interface ReviewSectionView {
  key: string;
  title: string;
  group: string | null;
  state: SectionState;
  status: TaskStatus;
  data: SectionData;
  review: {
    decision: "locked" | "returned";
    comment: string;
    fieldComments: FieldComment[];
    at: string;
  } | null;
  /** While returned: what the candidate changed since the return (empty when nothing yet). */
  changes: FieldChange[] | null;
}

/** A teacher's invitation as the reviewer sees it: state and, once signed, the evaluation answers. */
export interface ReviewTeacherView {
  id: string;
  role: string;
  roleTitle: string;
  teacherName: string;
  teacherMaskedIdNumber: string;
  state: InvitationState;
  stateLabel: string;
  signedAt: string | null;
  evaluation: SectionData | null;
  contentHash: string | null;
}

/** The reviewer's page of one application. */
export interface ReviewApplicationView {
  id: string;
  rev: number;
  editionKey: string;
  editionVersion: string;
  candidateType: string | null;
  status: ApplicationDoc["status"];
  submittedAt: string | null;
  applicant: { name: string; sex: "male" | "female" | null; idNumberMasked: string } | null;
  stage: ReviewStage;
  stageLabel: string;
  route: { province: string; city: string; county: string; names: string[] };
  sections: ReviewSectionView[];
  onsite: { answers: SectionData; at: string } | null;
  passes: { level: ReviewLevel; at: string }[];
  teachers: ReviewTeacherView[];
  checks: CrossCheckFinding[];
  /** What the signed-in reviewer may do now. */
  can: { decide: boolean; confirmOnsite: boolean; pass: boolean; viewIdentity: boolean };
  /** Why the county may not pass it on yet (empty once it may). */
  passBlockers: string[];
}

/** The reviewer's page of `application`. */
export function presentReviewApplication(
  edition: Edition,
  application: Stored<ApplicationDoc>,
  context: {
    actor: Actor;
    entry: Stored<ReviewEntryDoc> | null;
    invitations: Stored<InvitationDoc>[];
    checks: CrossCheckFinding[];
  },
): ReviewApplicationView {
  const review = application.review!;
  const type = { candidateType: application.candidateType ?? undefined };
  const sections = edition.sections
    .filter((section) => sectionApplies(edition, section.key, type))
    .map((section): ReviewSectionView => {
      const record = application.sections[section.key];
      const decision = record?.review;
      return {
        key: section.key,
        title: section.title,
        group: section.group ?? null,
        state: record?.state ?? "incomplete",
        status: taskStatus(record),
        data: record?.data ?? {},
        review:
          decision === undefined
            ? null
            : {
                decision: decision.decision,
                comment: decision.comment,
                fieldComments: decision.fieldComments ?? [],
                at: new Date(decision.at).toISOString(),
              },
        changes:
          decision?.decision === "returned"
            ? diffSectionData(
                section.schema,
                decision.returnedData ?? {},
                record?.data ?? {},
                edition.catalogs,
              )
            : null,
      };
    });
  const { entry, actor } = context;
  return {
    id: application._id,
    rev: application.rev,
    editionKey: application.editionKey,
    editionVersion: application.editionVersion,
    candidateType: application.candidateType,
    status: application.status,
    submittedAt: iso(application.submittedAt),
    applicant: entry && { name: entry.name, sex: entry.sex, idNumberMasked: entry.idNumberMasked },
    stage: review.stage,
    stageLabel: REVIEW_STAGE_LABELS[review.stage],
    route: { ...review.route, names: divisionOf(edition, review.route.county)?.path ?? [] },
    sections,
    onsite: review.onsite
      ? { answers: review.onsite.answers, at: new Date(review.onsite.at).toISOString() }
      : null,
    passes: review.passes.map((pass) => ({ level: pass.level, at: new Date(pass.at).toISOString() })),
    teachers: context.invitations.map((invitation) => ({
      id: invitation._id,
      role: invitation.role,
      roleTitle: teacherRoleTitle(edition, invitation.role),
      teacherName: invitation.teacherName,
      teacherMaskedIdNumber: invitation.teacherMaskedIdNumber,
      state: invitation.state,
      stateLabel: INVITATION_STATE_LABELS[invitation.state],
      signedAt: iso(invitation.evaluation?.signedAt),
      evaluation: invitation.evaluation?.answers ?? null,
      contentHash: invitation.evaluation?.contentHash ?? null,
    })),
    checks: context.checks,
    can: {
      decide: mayReview(actor, "decide", application),
      confirmOnsite: mayReview(actor, "confirmOnsite", application),
      pass: mayReview(actor, "pass", application),
      viewIdentity: mayReview(actor, "viewIdentity", application),
    },
    passBlockers: review.stage === "county" ? countyPassBlockers(edition, application) : [],
  };
}

/** One audit event as administrators and reviewers read it (REV-6). */
export interface AuditEventView {
  id: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  before: Json;
  after: Json;
  at: string;
}

/** An audit event. */
export function presentAuditEvent(event: Stored<AuditDoc>): AuditEventView {
  return {
    id: event._id,
    actor: event.actor,
    action: event.action,
    entity: event.entity,
    entityId: event.entityId,
    before: event.before,
    after: event.after,
    at: new Date(event.at).toISOString(),
  };
}
