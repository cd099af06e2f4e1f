/**
 * The reviewers' queue line of an application (REV-1): written in the same transaction as the submit or
 * review command that changed the application, so the queue never disagrees with it. Search keys are blind
 * indexes; the ID number and the phone are read (decrypted) only here, to mask and index them.
 */
import { editionBindings, getAt, type Edition } from "@shenbao/rules";
import type { PersonalDataCipher } from "../crypto/personalData.js";
import { userPhoneContext } from "../auth/phoneNumber.js";
import { identityNumberContext } from "../identity/identityRecords.js";
import { maskIdNumber } from "../identity/idNumber.js";
import type { Stored, StoreTx } from "../ports/store.js";
import {
  collectionsOf,
  type ApplicationDoc,
  type ReviewEntryDoc,
  type ReviewStage,
} from "../store/collections.js";

/** Blind-index purposes of the queue's search keys, one per kind of search (REV-1). */
export const REVIEW_SEARCH = {
  name: "review.name",
  idNumber: "review.idNumber",
  idTail: "review.idTail",
  phoneTail: "review.phoneTail",
} as const;

/** What a reviewer may search by. */
export type ReviewSearchKind = keyof typeof REVIEW_SEARCH;

/** The number of trailing characters of an ID number or phone that the tail searches match. */
export const SEARCH_TAIL_LENGTH = 4;

/** The queue field holding each kind of search key. */
export const SEARCH_FIELD: Readonly<Record<ReviewSearchKind, keyof ReviewEntryDoc>> = {
  name: "searchName",
  idNumber: "searchIdNumber",
  idTail: "searchIdTail",
  phoneTail: "searchPhoneTail",
};

/** True when every teacher of the edition's teacher list has signed (TCH-4); false without teachers. */
export function signaturesComplete(edition: Edition, application: Pick<ApplicationDoc, "sections">): boolean {
  const binding = editionBindings(edition).teacherList;
  const list = binding && getAt(application.sections[binding.section]?.data, binding.field);
  if (!Array.isArray(list) || list.length === 0) return false;
  return list.every((teacher) => getAt(teacher, "signed") === true);
}

/**
 * Writes (inserts or replaces) the queue line of `application` at `stage`. The application must have a
 * review route and a verified identity (submit checked both).
 */
export async function writeReviewEntry(
  tx: StoreTx,
  cipher: PersonalDataCipher,
  edition: Edition,
  application: Stored<ApplicationDoc>,
  stage: ReviewStage,
): Promise<void> {
  const { identities, users, reviewQueue } = collectionsOf(tx);
  const route = application.review?.route;
  if (route === undefined || application.submittedAt === undefined)
    throw new Error(`application ${application._id} has no review route`);
  const existing = await reviewQueue.get(application._id);
  let personal: Pick<
    ReviewEntryDoc,
    "name" | "sex" | "idNumberMasked" | "searchName" | "searchIdNumber" | "searchIdTail" | "searchPhoneTail"
  >;
  if (existing !== null && existing.userId === application.userId) {
    // The identity cannot change while an application is in review (ID-5), so the keys are kept.
    const { name, sex, idNumberMasked, searchName, searchIdNumber, searchIdTail, searchPhoneTail } = existing;
    personal = { name, sex, idNumberMasked, searchName, searchIdNumber, searchIdTail };
    if (searchPhoneTail !== undefined) personal.searchPhoneTail = searchPhoneTail;
  } else {
    const [identity] = (await identities.find({ currentUserId: application.userId }, { limit: 1 })).items;
    if (identity === undefined) throw new Error(`application ${application._id} has no current identity`);
    const number = cipher.decrypt(identity.idNumberEnc, identityNumberContext(identity._id));
    personal = {
      name: identity.name,
      sex: identity.sex,
      idNumberMasked: maskIdNumber(number),
      searchName: cipher.blindIndex(identity.name, REVIEW_SEARCH.name),
      searchIdNumber: cipher.blindIndex(number, REVIEW_SEARCH.idNumber),
      searchIdTail: cipher.blindIndex(number.slice(-SEARCH_TAIL_LENGTH), REVIEW_SEARCH.idTail),
    };
    const user = await users.get(application.userId);
    if (user?.phoneEncrypted) {
      const phone = cipher.decrypt(user.phoneEncrypted, userPhoneContext(user._id));
      personal.searchPhoneTail = cipher.blindIndex(phone.slice(-SEARCH_TAIL_LENGTH), REVIEW_SEARCH.phoneTail);
    }
  }
  const entry: ReviewEntryDoc = {
    applicationId: application._id,
    userId: application.userId,
    editionKey: application.editionKey,
    editionVersion: application.editionVersion,
    ...route,
    stage,
    candidateType: application.candidateType ?? "",
    submittedAt: application.submittedAt,
    signaturesComplete: signaturesComplete(edition, application),
    ...personal,
  };
  if (existing === null) await reviewQueue.insert({ _id: application._id, ...entry });
  else await reviewQueue.replace(existing._id, existing.rev, entry);
}
