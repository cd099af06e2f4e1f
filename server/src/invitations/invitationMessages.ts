/**
 * The messages a teacher receives on the registry phone (TCH-3, TCH-4): the invitation with its link, the
 * reminders, and the one-time code of the built-in identity check, in the wording of the application's
 * edition (`texts` "sms.*").
 */
import { editionText, teacherRoleTitle, type Edition } from "@shenbao/rules";
import { formatChinaTime } from "../chinaTime.js";
import type { PersonalDataCipher } from "../crypto/personalData.js";
import { publishedEdition } from "../editions/publishedEditions.js";
import { NotFoundError, PermanentJobError } from "../errors.js";
import type { OutgoingMessage } from "../ports/sender.js";
import type { Store, Stored } from "../ports/store.js";
import { registryPhoneContext } from "../registry/registryRecords.js";
import { collectionsOf, type InvitationDoc } from "../store/collections.js";
import { INVITATION_CODE } from "./invitationSettings.js";
import { invitationLink, invitationToken } from "./invitationRecords.js";

/** How an SMS names a candidate whose verified name is gone (identity withdrawn since, ID-5). */
const CANDIDATE_FALLBACK = "考生";

/** The registry phone of the invited person, decrypted; a vanished registry record is permanent. */
export async function registryPhoneOf(
  store: Store,
  cipher: PersonalDataCipher,
  invitation: Stored<InvitationDoc>,
): Promise<string> {
  const person = await collectionsOf(store).registry.get(invitation.registryId);
  if (person === null) throw new PermanentJobError("the invited registry person no longer exists");
  return cipher.decrypt(person.phoneEnc, registryPhoneContext(person._id));
}

/**
 * The invitation (`notify`) or a reminder (`remind`) as one SMS to the registry phone, keyed
 * `invitation:<id>:<kind>` so a job that runs again never sends it twice.
 */
export async function invitationMessage(
  deps: { store: Store; cipher: PersonalDataCipher; jobOrigin: string },
  invitation: Stored<InvitationDoc>,
  kind: "notify" | { remindDay: number },
): Promise<OutgoingMessage> {
  const { store, cipher } = deps;
  const application = await collectionsOf(store).applications.get(invitation.applicationId);
  if (application === null) throw new PermanentJobError("the invitation's application no longer exists");
  const edition = await publishedEdition(store, application.editionKey, application.editionVersion);
  const { items } = await collectionsOf(store).identities.find(
    { userId: application.userId, state: "verified" },
    { limit: 1 },
  );
  const values = {
    candidate: items[0]?.name ?? CANDIDATE_FALLBACK,
    role: teacherRoleTitle(edition, invitation.role),
    link: invitationLink(deps.jobOrigin, invitationToken(invitation, cipher)),
    expiry: formatChinaTime(invitation.expiresAt),
  };
  const remind = kind !== "notify";
  return {
    to: await registryPhoneOf(store, cipher, invitation),
    channel: "sms",
    template: remind ? "invitationRemind" : "invitationNotify",
    text: editionText(edition, remind ? "sms.invitationRemind" : "sms.invitationNotify", values),
    idempotencyKey: remind
      ? `invitation:${invitation._id}:remind:${kind.remindDay}`
      : `invitation:${invitation._id}:notify`,
  };
}

/** The edition of the invitation's application, whose wording its messages use. */
export async function invitationEdition(store: Store, invitation: Stored<InvitationDoc>): Promise<Edition> {
  const application = await collectionsOf(store).applications.get(invitation.applicationId);
  if (application === null) throw new NotFoundError();
  return publishedEdition(store, application.editionKey, application.editionVersion);
}

/** The SMS text carrying a one-time code of the built-in identity check. */
export function invitationCodeText(edition: Edition, code: string): string {
  return editionText(edition, "sms.invitationCode", {
    code,
    minutes: String(INVITATION_CODE.ttlMs / 60_000),
  });
}
