/**
 * Signs a phone in with its one-time code (ACC-1, issue 4): counts wrong attempts (the code dies after
 * `SIGN_IN_CODE.maxWrongAttempts`), and on the right code marks it used, finds or creates the user, ends the
 * browser's previous session and starts a new one (the session id rotates at sign-in), all in one transaction.
 */
import { SIGN_IN_CODE } from "../auth/authSettings.js";
import { normalizePhone, PHONE_INDEX_PURPOSE, userPhoneContext } from "../auth/phoneNumber.js";
import { rotateSession } from "../auth/sessions.js";
import { signInCodeMatches } from "../auth/signInCodes.js";
import type { PersonalDataCipher } from "../crypto/personalData.js";
import {
  InvalidPhoneError,
  RevisionConflictError,
  SignInCodeExpiredError,
  SignInCodeInvalidError,
  SignInCodeLockedError,
} from "../errors.js";
import type { Stored } from "../ports/store.js";
import { collectionsOf, type Collections, type SignInCodeDoc, type UserDoc } from "../store/collections.js";
import { newId } from "../store/newId.js";
import type { CommandDeps } from "./commandDeps.js";

/** The phone and code as typed, and the token of the session cookie the browser already had, if any. */
export interface SignInCodeRedemption {
  phone: string;
  code: string;
  previousToken?: string;
}

/** The signed-in user and the new session's token for the cookie. */
export interface SignedIn {
  user: Stored<UserDoc>;
  token: string;
}

// Each lost race means a concurrent request on the same code changed it; re-read and decide again.
const MAX_RACES = 8;

/** Verifies the code and starts a session, or throws a sign-in error (invalid / expired / locked code). */
export async function signInCodeRedeemer(deps: CommandDeps, input: SignInCodeRedemption): Promise<SignedIn> {
  const phone = normalizePhone(input.phone);
  if (!phone) throw new InvalidPhoneError();
  // A mistyped length is not a guess at the code, so it does not cost an attempt.
  const code = input.code.normalize("NFKC").trim();
  if (!new RegExp(`^\\d{${SIGN_IN_CODE.digits}}$`).test(code)) throw new SignInCodeInvalidError();
  const { cipher, clock, store } = deps;
  const phoneIndex = cipher.blindIndex(phone, PHONE_INDEX_PURPOSE);
  const { signInCodes } = collectionsOf(store);

  for (let race = 0; race < MAX_RACES; race++) {
    const now = clock.now();
    const [current] = (await signInCodes.find({ phoneIndex }, { limit: 1 })).items;
    if (!current || current.state === "used" || now >= current.expiresAt) throw new SignInCodeExpiredError();
    if (current.state === "locked") throw new SignInCodeLockedError();

    if (!signInCodeMatches(cipher, current, code)) {
      const attempts = current.attempts + 1;
      try {
        await signInCodes.replace(current._id, current.rev, {
          ...fieldsOf(current),
          attempts,
          state: attempts >= SIGN_IN_CODE.maxWrongAttempts ? "locked" : "active",
        });
      } catch (error) {
        if (error instanceof RevisionConflictError) continue;
        throw error;
      }
      throw new SignInCodeInvalidError(SIGN_IN_CODE.maxWrongAttempts - attempts);
    }

    try {
      return await store.transaction(async (tx) => {
        const collections = collectionsOf(tx);
        // The expected revision makes the code single-use even when two requests present it at once.
        await collections.signInCodes.replace(current._id, current.rev, {
          ...fieldsOf(current),
          state: "used",
        });
        const user = await userForPhone(collections, cipher, phone, now);
        const { token } = await rotateSession(collections.sessions, user._id, now, input.previousToken);
        return { user, token };
      });
    } catch (error) {
      if (error instanceof RevisionConflictError) continue;
      throw error;
    }
  }
  // Only a flood of concurrent requests on one code gets here; none of them signs in.
  throw new SignInCodeExpiredError();
}

/** The user with this phone, created as a candidate on first sign-in. Looks up under every key (rotation). */
async function userForPhone(
  collections: Collections,
  cipher: PersonalDataCipher,
  phone: string,
  now: number,
): Promise<Stored<UserDoc>> {
  const candidates = cipher.blindIndexCandidates(phone, PHONE_INDEX_PURPOSE);
  const [existing] = (await collections.users.find({ phoneIndex: { $in: candidates } }, { limit: 1 })).items;
  if (existing) return existing;
  const _id = newId(now);
  return collections.users.insert({
    _id,
    phoneIndex: cipher.blindIndex(phone, PHONE_INDEX_PURPOSE),
    phoneEncrypted: cipher.encrypt(phone, userPhoneContext(_id)),
    roles: ["candidate"],
  });
}

function fieldsOf(doc: SignInCodeDoc): SignInCodeDoc {
  const { phoneIndex, codeHash, issuedAt, expiresAt, attempts, state } = doc;
  return { phoneIndex, codeHash, issuedAt, expiresAt, attempts, state };
}
