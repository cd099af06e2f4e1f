/**
 * How invitations are stored and tied to the application: the token's encryption context, the link, the
 * look-up by token, and the teacher list of the recommenders section that only invitation commands write.
 */
import { editionBindings, findForm, type Edition, type Json, type SectionData } from "@shenbao/rules";
import { hashSecretToken, isSecretToken } from "../auth/secretTokens.js";
import type { PersonalDataCipher } from "../crypto/personalData.js";
import type { RegistryRole } from "../ports/registryProvider.js";
import type { Stored } from "../ports/store.js";
import type { Collections, InvitationDoc } from "../store/collections.js";
import { TeachersNotOfferedError } from "../errors.js";

/**
 * Where the selected teachers live (the edition's `bindings.teacherList`: a section and its list field with
 * `"ui:field": "teacherList"`), and how invitation commands read and write that list.
 */
export interface TeacherList {
  section: string;
  field: string;
  /** The teacher list of the section's data (empty when never written). */
  teachersOf(data: SectionData | undefined): TeacherEntry[];
  /** Section data with the teacher list replaced. */
  withTeachers(data: SectionData | undefined, teachers: TeacherEntry[]): SectionData;
}

/** The teacher list of `edition`; `TeachersNotOfferedError` for an edition without teachers. */
export function teacherList(edition: Edition): TeacherList {
  const binding = editionBindings(edition).teacherList;
  if (binding === undefined) throw new TeachersNotOfferedError();
  const { section, field } = binding;
  return {
    section,
    field,
    teachersOf(data) {
      const list = data?.[field];
      return Array.isArray(list) ? (structuredClone(list) as unknown as TeacherEntry[]) : [];
    },
    withTeachers(data, teachers) {
      return { ...data, [field]: teachers as unknown as Json };
    },
  };
}

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

/** The key of the form a teacher fills and signs (`bindings.evaluation.form`). */
export function evaluationFormKey(edition: Edition): string {
  const binding = editionBindings(edition).evaluation;
  if (binding === undefined) throw new TeachersNotOfferedError();
  return binding.form;
}

/** The evaluation form's signature field (`"ui:widget": "signature"`) and its limits from `ui:options`. */
export interface SignatureField {
  field: string;
  maxBytes: number | undefined;
}

/** Finds the signature field of `edition`'s evaluation form, or undefined when the form has none. */
export function signatureFieldOf(edition: Edition): SignatureField | undefined {
  const binding = editionBindings(edition).evaluation;
  const field = binding?.signature;
  if (binding === undefined || field === undefined) return undefined;
  const ui = findForm(edition, binding.form).uiSchema[field];
  const options = ui !== null && typeof ui === "object" && !Array.isArray(ui) ? ui["ui:options"] : undefined;
  const maxBytes =
    options !== null &&
    typeof options === "object" &&
    !Array.isArray(options) &&
    typeof options.maxBytes === "number"
      ? options.maxBytes
      : undefined;
  return { field, maxBytes };
}
