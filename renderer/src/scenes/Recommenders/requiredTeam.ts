/**
 * What the edition asks of the candidate's teacher list (SEC-8), read from the recommenders section itself:
 * the roles and their titles from the list item's `role` options, and how many of each role by asking the
 * section's own rules which smallest team they accept for this candidate. Nothing here knows the numbers.
 */
import {
  checkSection,
  editionBindings,
  findForm,
  schemaAt,
  teacherRoles,
  type Answers,
  type Edition,
  type Json,
} from "@shenbao/rules";

/** The section and list field the edition binds as its teacher list (`bindings.teacherList`). */
export function teacherListOf(edition: Edition): { section: string; field: string } {
  const binding = editionBindings(edition).teacherList;
  if (binding === undefined) throw new Error("本次报名不需要邀请老师");
  return binding;
}

/** The title of a field of the list item (e.g. `name`, `workProof`), or undefined. */
export function teacherFieldTitle(edition: Edition, field: string): string | undefined {
  const list = teacherListOf(edition);
  const schema = schemaAt(findForm(edition, list.section).schema, `${list.field}.0.${field}`);
  return typeof schema?.title === "string" ? schema.title : undefined;
}

/** Whether a role's entries need a work proof (TCH-2), asked of the section's `require` rules. */
export function needsWorkProof(edition: Edition, role: string, answers: Answers): boolean {
  const list = teacherListOf(edition);
  const entry = { role, registryId: "probe-1", name: "probe" };
  const errors = checkSection(edition, list.section, withTeachers(edition, answers, [entry]));
  return errors.some((error) => error.path === `${list.field}.0.workProof`);
}

function withTeachers(edition: Edition, answers: Answers, teachers: Record<string, Json>[]): Answers {
  const list = teacherListOf(edition);
  return { ...answers, sections: { ...answers.sections, [list.section]: { [list.field]: teachers } } };
}

/** Every way to split at most `max` teachers over `roles`, smallest teams first. */
function teams(roles: number, max: number): number[][] {
  const all: number[][] = [];
  const walk = (prefix: number[], left: number) => {
    if (prefix.length === roles) return void all.push(prefix);
    for (let n = 0; n <= left; n++) walk([...prefix, n], left - n);
  };
  walk([], max);
  return all.sort((a, b) => a.reduce((s, n) => s + n, 0) - b.reduce((s, n) => s + n, 0));
}

/**
 * How many teachers of each role this candidate needs: the smallest team (distinct, signed, complete
 * entries) the list-level rules accept, for the candidate type and other sections in `answers`.
 * Undefined when no team up to the list's `maxItems` passes (the page then shows the rules' messages only).
 */
export function requiredTeam(edition: Edition, answers: Answers): Map<string, number> | undefined {
  const roles = teacherRoles(edition);
  const binding = teacherListOf(edition);
  const list = schemaAt(findForm(edition, binding.section).schema, binding.field);
  const max = typeof list?.maxItems === "number" ? list.maxItems : 6;
  for (const counts of teams(roles.length, max)) {
    const teachers: Record<string, Json>[] = [];
    counts.forEach((count, r) => {
      for (let i = 0; i < count; i++) {
        const n = teachers.length;
        teachers.push({
          role: roles[r]?.value ?? "",
          registryId: `probe-${n}`,
          name: "probe",
          workProof: `probe_attachment_${n}`,
          invitationId: `probe-invitation-${n}`,
          signed: true,
        });
      }
    });
    const errors = checkSection(edition, binding.section, withTeachers(edition, answers, teachers));
    if (errors.every((error) => error.path !== binding.field))
      return new Map(roles.map((role, r) => [role.value, counts[r] ?? 0]));
  }
  return undefined;
}
