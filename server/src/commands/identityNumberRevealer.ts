/**
 * Shows an authorised reviewer the applicant's full ID number (REV-1): decrypted for this one answer and
 * recorded in the audit log as a read, so every look at the full number can be traced (REV-6).
 */
import { identityNumberContext } from "../identity/identityRecords.js";
import { NotFoundError } from "../errors.js";
import { collectionsOf, type ApplicationDoc } from "../store/collections.js";
import type { Stored } from "../ports/store.js";
import { appendAudit } from "./audit.js";
import type { CommandDeps } from "./commandDeps.js";

/** The applicant's document type, name and full number. */
export async function identityNumberRevealer(
  deps: Pick<CommandDeps, "store" | "clock" | "cipher">,
  input: { application: Stored<ApplicationDoc>; actor: string },
): Promise<{ docType: string; name: string; idNumber: string }> {
  const { identities } = collectionsOf(deps.store);
  const [identity] = (await identities.find({ currentUserId: input.application.userId }, { limit: 1 })).items;
  if (identity === undefined) throw new NotFoundError("该考生没有有效的实名认证");
  const idNumber = deps.cipher.decrypt(identity.idNumberEnc, identityNumberContext(identity._id));
  await deps.store.transaction((tx) =>
    appendAudit(tx, {
      actor: input.actor,
      action: "identity.viewFullNumber",
      entity: "applications",
      entityId: input.application._id,
      before: null,
      after: { identity: identity._id },
      at: deps.clock.now(),
    }),
  );
  return { docType: identity.docType, name: identity.name, idNumber };
}
