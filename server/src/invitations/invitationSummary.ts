/**
 * The read-only summary a teacher reads before evaluating (TCH-4): the candidate's declared content, every
 * applicable section except the one the invitations write, with the candidate's ID number masked. Its
 * canonical JSON is what the signature's hash covers, and what a later save is compared against.
 */
import { editionBindings, sectionApplies, type Edition, type SectionData } from "@shenbao/rules";
import { answersOf } from "../applications/applicationSections.js";
import type { PersonalDataCipher } from "../crypto/personalData.js";
import { maskIdNumber } from "../identity/idNumber.js";
import { identityNumberContext } from "../identity/identityRecords.js";
import type { Store, StoreTx } from "../ports/store.js";
import { collectionsOf, type ApplicationDoc } from "../store/collections.js";
import { canonicalHash } from "./canonicalJson.js";

/** What the teacher sees and signs over; only JSON values, so its canonical form is well defined. */
export interface InvitationSummary {
  editionKey: string;
  editionVersion: string;
  candidateType: string | null;
  /** The edition's label of the candidate type. */
  candidateTypeLabel: string | null;
  /** From the verified 实名认证; null if it was withdrawn meanwhile. */
  candidate: { name: string; maskedIdNumber: string } | null;
  sections: { key: string; title: string; data: SectionData }[];
}

/** The summary of `application` as it is stored now (read inside `tx` when given). */
export async function invitationSummary(
  store: Pick<Store | StoreTx, "collection">,
  cipher: PersonalDataCipher,
  edition: Edition,
  application: Pick<
    ApplicationDoc,
    "userId" | "editionKey" | "editionVersion" | "candidateType" | "sections"
  >,
): Promise<InvitationSummary> {
  const answers = answersOf(application);
  const { items } = await collectionsOf(store).identities.find(
    { userId: application.userId, state: "verified" },
    { limit: 1 },
  );
  const identity = items[0];
  const sections: InvitationSummary["sections"] = [];
  // The teacher list changes as teachers sign; including it would let one signature void another.
  const listSection = editionBindings(edition).teacherList?.section;
  for (const section of edition.sections) {
    if (section.key === listSection || !sectionApplies(edition, section.key, answers)) continue;
    const record = application.sections[section.key];
    if (record === undefined) continue;
    sections.push({ key: section.key, title: section.title, data: record.data });
  }
  return {
    editionKey: application.editionKey,
    editionVersion: application.editionVersion,
    candidateType: application.candidateType,
    candidateTypeLabel:
      edition.candidateTypes.find((type) => type.value === application.candidateType)?.label ?? null,
    candidate: identity
      ? {
          name: identity.name,
          maskedIdNumber: maskIdNumber(
            cipher.decrypt(identity.idNumberEnc, identityNumberContext(identity._id)),
          ),
        }
      : null,
    sections,
  };
}

/** sha256 of the summary's canonical JSON. */
export function summaryHash(summary: InvitationSummary): string {
  return canonicalHash(summary);
}
