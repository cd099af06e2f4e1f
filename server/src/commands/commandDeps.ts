/** What commands are given: ports and services, never the HTTP context, so jobs can call them too. */
import type { PersonalDataCipher } from "../crypto/personalData.js";
import type { Clock } from "../ports/clock.js";
import type { Sender } from "../ports/sender.js";
import type { Store } from "../ports/store.js";

/** The dependencies of a command. */
export interface CommandDeps {
  store: Store;
  cipher: PersonalDataCipher;
  sender: Sender;
  clock: Clock;
}
