/** Payload checks shared by the invitation tasks: a malformed payload can never succeed, so it is permanent. */
import { PermanentJobError } from "../errors.js";

/** The invitation id of a payload, or a permanent failure. */
export function invitationIdOf(payload: unknown): string {
  const id = (payload as { invitationId?: unknown } | null)?.invitationId;
  if (typeof id !== "string" || id.length === 0) throw new PermanentJobError("payload has no invitationId");
  return id;
}
