/**
 * Cross-application checks of the teacher list (REV-1), as the edition declares them (`reviewChecks`):
 * a teacher chosen in one role by more candidates than the edition allows, and one person chosen as
 * different roles across applications. Shown to reviewers, and to candidates where the edition says so.
 */
import { editionBindings, getAt, teacherRoleTitle, type Edition } from "@shenbao/rules";
import type { Store } from "../ports/store.js";
import { collectionsOf, type ApplicationDoc } from "../store/collections.js";
import type { InvitationState } from "../invitations/invitationStates.js";

/** One finding about one teacher of the application. */
export interface CrossCheckFinding {
  kind: "teacherLoad" | "roleOverlap";
  teacherName: string;
  message: string;
  showToCandidate: boolean;
}

// Revoked, expired and invalidated invitations no longer count as the teacher's choice.
const COUNTED: ReadonlySet<InvitationState> = new Set(["pending", "sent", "viewed", "verified", "signed"]);

/** The findings for the teachers of `application`'s list. */
export async function crossApplicationChecks(
  store: Store,
  edition: Edition,
  application: Pick<ApplicationDoc, "sections"> & { _id: string },
): Promise<CrossCheckFinding[]> {
  const { teacherList, reviewChecks } = editionBindings(edition);
  if (teacherList === undefined || reviewChecks.length === 0) return [];
  const list = getAt(application.sections[teacherList.section]?.data, teacherList.field);
  if (!Array.isArray(list)) return [];
  const { invitations } = collectionsOf(store);
  const findings: CrossCheckFinding[] = [];
  const seen = new Set<string>();
  for (const teacher of list) {
    const registryId = getAt(teacher, "registryId");
    const role = getAt(teacher, "role");
    const name = String(getAt(teacher, "name") ?? "");
    if (typeof registryId !== "string" || typeof role !== "string" || seen.has(`${registryId}:${role}`))
      continue;
    seen.add(`${registryId}:${role}`);
    const { items } = await invitations.find({ registryId });
    // Candidates per role, counting each application once.
    const byRole = new Map<string, Set<string>>();
    for (const invitation of items) {
      if (!COUNTED.has(invitation.state)) continue;
      const set = byRole.get(invitation.role) ?? new Set<string>();
      set.add(invitation.applicationId);
      byRole.set(invitation.role, set);
    }
    for (const check of reviewChecks) {
      const showToCandidate = check.showToCandidate === true;
      if (check.kind === "teacherLoad" && check.role === role) {
        const count = byRole.get(role)?.size ?? 0;
        if (count > check.max)
          findings.push({
            kind: check.kind,
            teacherName: name,
            showToCandidate,
            message: `${teacherRoleTitle(edition, role)}「${name}」已被 ${count} 名考生选择，超过上限 ${check.max} 名`,
          });
      } else if (check.kind === "roleOverlap" && check.roles.includes(role)) {
        const other = check.roles.find((candidate) => candidate !== role)!;
        const elsewhere = [...(byRole.get(other) ?? [])].filter((id) => id !== application._id);
        if (elsewhere.length > 0)
          findings.push({
            kind: check.kind,
            teacherName: name,
            showToCandidate,
            message: `「${name}」在本申请中是${teacherRoleTitle(edition, role)}，同时在另外 ${elsewhere.length} 份申请中是${teacherRoleTitle(edition, other)}`,
          });
      }
    }
  }
  return findings;
}
