/**
 * How invitations are stored and tied to the application: the token's encryption context, the link, the
 * look-up by token, and the teacher list of the recommenders section that only invitation commands write.
 */
import type { Edition, Json, SectionData } from "@shenbao/rules";
import { schemaAt } from "@shenbao/rules";
import { hashSecretToken, isSecretToken } from "../auth/secretTokens.js";
import type { PersonalDataCipher } from "../crypto/personalData.js";
import type { RegistryRole } from "../ports/registryProvider.js";
import type { Stored } from "../ports/store.js";
import type { Collections, InvitationDoc } from "../store/collections.js";

/**
 * Where the selected teachers live: the section and its list field (`"ui:field": "teacherList"`). Field
 * names, not labels; the edition owns the labels.
 */
export const TEACHER_LIST = { section: "recommenders", field: "teachers" } as const;

/** The teacherList widget's item as invitation commands write it (the section schema's item properties). */
export interface TeacherEntry {
  role: RegistryRole;
  registryId: string;
  name: string;
  workProof?: string;
  invitationId?: string;
  signed?: boolean;
}

/** The authenticated context of an invitation's encrypted token: a value copied elsewhere fails to open. */
export function invitationTokenContext(invitationId: string): string {
  return `invitation:${invitationId}:token`;
}

/** The token of `doc`, decrypted, for the owner's QR code and the notify message. */
export function invitationToken(doc: Stored<InvitationDoc>, cipher: PersonalDataCipher): string {
  return cipher.decrypt(doc.tokenEnc, invitationTokenContext(doc._id));
}

/** The teacher's page: `<origin>/t/<token>` (TCH-3). */
export function invitationLink(origin: string, token: string): string {
  return `${origin}/t/${token}`;
}

/** The invitation holding `token`, or undefined (malformed tokens cost no store read). */
export async function findInvitationByToken(
  collections: Pick<Collections, "invitations">,
  token: string,
): Promise<Stored<InvitationDoc> | undefined> {
  if (!isSecretToken(token)) return undefined;
  const { items } = await collections.invitations.find({ tokenHash: hashSecretToken(token) }, { limit: 1 });
  return items[0];
}

/** The teacher list of the recommenders section data (empty when never written). */
export function teachersOf(data: SectionData | undefined): TeacherEntry[] {
  const list = data?.[TEACHER_LIST.field];
  return Array.isArray(list) ? (structuredClone(list) as unknown as TeacherEntry[]) : [];
}

/** Section data with the teacher list replaced. */
export function withTeachers(data: SectionData | undefined, teachers: TeacherEntry[]): SectionData {
  return { ...data, [TEACHER_LIST.field]: teachers as unknown as Json };
}

/** The edition's title of `role` (the oneOf option of the list item's role field), e.g. for messages. */
export function roleTitle(edition: Edition, role: RegistryRole): string {
  const section = edition.sections.find((candidate) => candidate.key === TEACHER_LIST.section);
  const roleSchema = section && schemaAt(section.schema, `${TEACHER_LIST.field}.0.role`);
  const options = Array.isArray(roleSchema?.oneOf) ? roleSchema.oneOf : [];
  for (const option of options) {
    if (option !== null && typeof option === "object" && !Array.isArray(option) && option.const === role)
      return typeof option.title === "string" ? option.title : role;
  }
  return role;
}

/** The edition's extra form a teacher fills (manifest `forms`), by key. */
export const EVALUATION_FORM = "evaluation";

/** The evaluation form's signature field (`"ui:widget": "signature"`) and its limits from `ui:options`. */
export interface SignatureField {
  field: string;
  maxBytes: number | undefined;
}

/** Finds the signature field of `edition`'s evaluation form, or undefined when the form has none. */
export function signatureFieldOf(edition: Edition): SignatureField | undefined {
  const form = edition.forms.find((candidate) => candidate.key === EVALUATION_FORM);
  for (const [field, ui] of Object.entries(form?.uiSchema ?? {})) {
    if (ui === null || typeof ui !== "object" || Array.isArray(ui) || ui["ui:widget"] !== "signature")
      continue;
    const options = ui["ui:options"];
    const maxBytes =
      options !== null &&
      typeof options === "object" &&
      !Array.isArray(options) &&
      typeof options.maxBytes === "number"
        ? options.maxBytes
        : undefined;
    return { field, maxBytes };
  }
  return undefined;
}
