/**
 * What the edition asks of the candidate's teacher list (SEC-8), read from the recommenders section itself:
 * the roles and their titles from the list item's `role` options, and how many of each role by asking the
 * section's own rules which smallest team they accept for this candidate. Nothing here knows the numbers.
 */
import { checkSection, findForm, schemaAt, type Answers, type Edition, type Json } from "@shenbao/rules";

/** The section and its list field (field names, not labels; the edition owns the labels). */
export const TEACHER_LIST = { section: "recommenders", field: "teachers" } as const;

/** A role a teacher can be chosen in, with the edition's title. */
export interface RoleOption {
  value: string;
  title: string;
}

/** The role options of the list item (`teachers.[].role`'s `oneOf`), in edition order. */
export function teacherRoles(edition: Edition): RoleOption[] {
  const form = findForm(edition, TEACHER_LIST.section);
  const role = schemaAt(form.schema, `${TEACHER_LIST.field}.0.role`);
  const options = Array.isArray(role?.oneOf) ? role.oneOf : [];
  const roles: RoleOption[] = [];
  for (const option of options) {
    if (option === null || typeof option !== "object" || Array.isArray(option)) continue;
    if (typeof option.const !== "string") continue;
    roles.push({
      value: option.const,
      title: typeof option.title === "string" ? option.title : option.const,
    });
  }
  return roles;
}

/** The title of a field of the list item (e.g. `name`, `workProof`), or undefined. */
export function teacherFieldTitle(edition: Edition, field: string): string | undefined {
  const schema = schemaAt(findForm(edition, TEACHER_LIST.section).schema, `${TEACHER_LIST.field}.0.${field}`);
  return typeof schema?.title === "string" ? schema.title : undefined;
}

/** Whether a role's entries need a work proof (TCH-2), asked of the section's `require` rules. */
export function needsWorkProof(edition: Edition, role: string, answers: Answers): boolean {
  const entry = { role, registryId: "probe-1", name: "probe" };
  const errors = checkSection(edition, TEACHER_LIST.section, withTeachers(answers, [entry]));
  return errors.some((error) => error.path === `${TEACHER_LIST.field}.0.workProof`);
}

function withTeachers(answers: Answers, teachers: Record<string, Json>[]): Answers {
  return {
    ...answers,
    sections: { ...answers.sections, [TEACHER_LIST.section]: { [TEACHER_LIST.field]: teachers } },
  };
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
  const list = schemaAt(findForm(edition, TEACHER_LIST.section).schema, TEACHER_LIST.field);
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
    const errors = checkSection(edition, TEACHER_LIST.section, withTeachers(answers, teachers));
    if (errors.every((error) => error.path !== TEACHER_LIST.field))
      return new Map(roles.map((role, r) => [role.value, counts[r] ?? 0]));
  }
  return undefined;
}
