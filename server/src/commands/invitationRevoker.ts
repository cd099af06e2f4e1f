/**
 * 撤回 of an unsigned invitation (TCH-5): the invitation becomes 已撤回 (its link answers 410 from now on)
 * and the teacher leaves the candidate's list, so someone else can be chosen. A signed evaluation stays.
 */
import { assertDraft, auditSummary } from "../applications/applicationGuards.js";
import { isLocked, settleSections } from "../applications/applicationSections.js";
import { publishedEdition } from "../editions/publishedEditions.js";
import { InvitationNotRevocableError, NotFoundError, SectionLockedError } from "../errors.js";
import { teacherList } from "../invitations/invitationRecords.js";
import { nextState } from "../invitations/invitationStates.js";
import { invitationFields } from "../invitations/invitationUpdates.js";
import type { Stored } from "../ports/store.js";
import { collectionsOf, type ApplicationDoc, type InvitationDoc } from "../store/collections.js";
import { appendAudit } from "./audit.js";
import type { CommandDeps } from "./commandDeps.js";

/** Revokes `invitation` (authorized for `actor`) and removes its teacher from the application's list. */
export async function invitationRevoker(
  deps: Pick<CommandDeps, "store" | "clock">,
  input: { invitation: Stored<InvitationDoc>; actor: string },
): Promise<{ invitation: Stored<InvitationDoc>; application: Stored<ApplicationDoc> }> {
  const { invitation } = input;
  const state = nextState(invitation.state, "revoked");
  if (state === undefined) throw new InvitationNotRevocableError();
  const { applications } = collectionsOf(deps.store);
  const application = await applications.get(invitation.applicationId);
  if (application === null) throw new NotFoundError();
  assertDraft(application);
  const edition = await publishedEdition(deps.store, application.editionKey, application.editionVersion);
  const list = teacherList(edition);
  if (isLocked(application.sections[list.section])) throw new SectionLockedError([list.section]);
  const now = deps.clock.now();
  const record = application.sections[list.section];
  const teachers = list.teachersOf(record?.data).filter((entry) => entry.invitationId !== invitation._id);
  const {
    teacherSessionHash: _session,
    teacherSessionExpiresAt: _until,
    code: _code,
    ...fields
  } = invitationFields(invitation);
  const doc: ApplicationDoc = {
    ...application,
    sections: settleSections(edition, application.candidateType, {
      ...application.sections,
      [list.section]: {
        ...record,
        data: list.withTeachers(record?.data, teachers),
        state: "incomplete",
        updatedAt: now,
      },
    }),
  };
  return deps.store.transaction(async (tx) => {
    const revoked = await collectionsOf(tx).invitations.replace(invitation._id, invitation.rev, {
      ...fields,
      state,
      revokedAt: now,
    });
    const stored = await collectionsOf(tx).applications.replace(application._id, application.rev, doc);
    await appendAudit(tx, {
      actor: input.actor,
      action: "invitation.revoked",
      entity: "invitations",
      entityId: invitation._id,
      before: { state: invitation.state },
      after: { state },
      at: now,
    });
    await appendAudit(tx, {
      actor: input.actor,
      action: "application.teacher.remove",
      entity: "applications",
      entityId: stored._id,
      before: auditSummary(application),
      after: auditSummary(stored),
      at: now,
    });
    return { invitation: revoked, application: stored };
  });
}
