/**
 * The messages a teacher receives on the registry phone (TCH-3, TCH-4): the invitation with its link, the
 * reminders, and the one-time code of the built-in identity check. Texts come from invitationVocabulary.json.
 */
import type { PersonalDataCipher } from "../crypto/personalData.js";
import { publishedEdition } from "../editions/publishedEditions.js";
import { PermanentJobError } from "../errors.js";
import type { OutgoingMessage } from "../ports/sender.js";
import type { Store, Stored } from "../ports/store.js";
import { registryPhoneContext } from "../registry/registryRecords.js";
import { collectionsOf, type InvitationDoc } from "../store/collections.js";
import { INVITATION_CODE } from "./invitationSettings.js";
import { invitationLink, invitationToken, roleTitle } from "./invitationRecords.js";
import { fillTemplate, INVITATION_VOCABULARY } from "./invitationVocabulary.js";

/** China Standard Time, as the physicians read dates. */
const DATE_FORMAT = new Intl.DateTimeFormat("zh-CN", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "long",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});

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
    candidate: items[0]?.name ?? INVITATION_VOCABULARY.candidateFallback,
    role: roleTitle(edition, invitation.role),
    link: invitationLink(deps.jobOrigin, invitationToken(invitation, cipher)),
    expiry: DATE_FORMAT.format(new Date(invitation.expiresAt)),
  };
  const remind = kind !== "notify";
  return {
    to: await registryPhoneOf(store, cipher, invitation),
    channel: "sms",
    template: remind ? "invitationRemind" : "invitationNotify",
    text: fillTemplate(remind ? INVITATION_VOCABULARY.remindText : INVITATION_VOCABULARY.notifyText, values),
    idempotencyKey: remind
      ? `invitation:${invitation._id}:remind:${kind.remindDay}`
      : `invitation:${invitation._id}:notify`,
  };
}

/** The SMS text carrying a one-time code of the built-in identity check. */
export function invitationCodeText(code: string): string {
  return fillTemplate(INVITATION_VOCABULARY.codeText, {
    code,
    minutes: String(INVITATION_CODE.ttlMs / 60_000),
  });
}
