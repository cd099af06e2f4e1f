/**
 * Gathers what one 申请表 is drawn from: the pinned edition, the candidate's verified identity (name and the
 * masked document number) and the application's attachments. Read-only; the drawing itself does no I/O.
 */
import type { PersonalDataCipher } from "../crypto/personalData.js";
import { IDENTITY_PREFILL } from "../applications/identityPrefill.js";
import { publishedEdition } from "../editions/publishedEditions.js";
import { maskIdNumber } from "../identity/idNumber.js";
import { currentIdentityOf, identityNumberContext } from "../identity/identityRecords.js";
import type { Store, Stored } from "../ports/store.js";
import { collectionsOf, type ApplicationDoc } from "../store/collections.js";
import type { ApplicationPdfInput, IdentitySummary } from "./applicationPdf.js";

const NOT_VERIFIED = "—";

/** The input of `renderApplicationPdf` for `application` (already authorized for the caller). */
export async function applicationPdfInput(
  deps: { store: Store; cipher: PersonalDataCipher },
  application: Stored<ApplicationDoc>,
): Promise<ApplicationPdfInput> {
  const collections = collectionsOf(deps.store);
  const [edition, identity, attachments] = await Promise.all([
    publishedEdition(deps.store, application.editionKey, application.editionVersion),
    currentIdentityOf(collections, application.userId),
    collections.attachments.find({ applicationId: application._id }),
  ]);
  let identitySummary: IdentitySummary;
  if (identity?.state === "verified") {
    const number = deps.cipher.decrypt(identity.idNumberEnc, identityNumberContext(identity._id));
    identitySummary = { name: identity.name, idNumberMasked: maskIdNumber(number) };
  } else {
    // Identity withdrawn since (ID-5): the name the application kept, and no number to show.
    const nameField = Object.entries(IDENTITY_PREFILL.fields).find(([, fact]) => fact === "name")?.[0];
    const stored = nameField && application.sections[IDENTITY_PREFILL.section]?.data[nameField];
    identitySummary = {
      name: typeof stored === "string" ? stored : NOT_VERIFIED,
      idNumberMasked: NOT_VERIFIED,
    };
  }
  return {
    edition,
    application,
    identitySummary,
    attachments: attachments.items.map(({ _id, name, size }) => ({ _id, name, size })),
  };
}
