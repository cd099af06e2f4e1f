/** How the signed-in user sees themselves (GET /api/me, the answer to sign-in): the phone only masked. */
import { userPhoneContext } from "../auth/phoneNumber.js";
import type { PersonalDataCipher } from "../crypto/personalData.js";
import { maskPhone } from "../identity/idNumber.js";
import type { Stored } from "../ports/store.js";
import type { IdentityDoc, UserDoc, UserRole } from "../store/collections.js";

/** 实名认证 state shown in 个人中心 (ACC-4): the user's current (not withdrawn) attempt, or "none". */
export type IdentityStatus = "none" | IdentityDoc["state"];

/** The JSON of the current user. */
export interface MeView {
  id: string;
  /** e.g. `139****5678`; null for a user who signed in with WeChat only. */
  phone: string | null;
  roles: UserRole[];
  identityStatus: IdentityStatus;
}

/** Presents a user to themselves; the phone is decrypted only to be masked. */
export function presentMe(
  user: Stored<UserDoc>,
  cipher: PersonalDataCipher,
  identity?: Pick<IdentityDoc, "state">,
): MeView {
  return {
    id: user._id,
    phone:
      user.phoneEncrypted === undefined
        ? null
        : maskPhone(cipher.decrypt(user.phoneEncrypted, userPhoneContext(user._id))),
    roles: [...user.roles],
    identityStatus: identity?.state ?? "none",
  };
}
