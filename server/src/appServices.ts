/**
 * What the app and the commands need beside the ports: the personal-data cipher, the notification sender
 * and the clock. Opened once per process after the ports, with the collections declared.
 */
import type { Env } from "./env.js";
import type { PersonalDataCipher } from "./crypto/personalData.js";
import { openPersonalDataCipher } from "./crypto/personalDataKeys.js";
import { systemClock, type Clock } from "./ports/clock.js";
import type { Ports } from "./ports/index.js";
import type { Sender } from "./ports/sender.js";
import { createSender } from "./providers/sender/index.js";
import { openIdentityServices, type IdentityServices } from "./identity/identityServices.js";
import { declareCollections } from "./store/collections.js";
import type { RegistryProvider } from "./ports/registryProvider.js";
import { createRegistryProvider } from "./providers/registry/index.js";
import { openSignInServices, type SignInServices } from "./auth/signInServices.js";
import { openInvitationServices, type InvitationServices } from "./invitations/invitationServices.js";

/** Services shared by routes, commands and tasks. */
export interface AppServices {
  cipher: PersonalDataCipher;
  sender: Sender;
  clock: Clock;
  /** 实名认证: the identity-check provider, region codes and attempt limit. */
  identity: IdentityServices;
  /** The physician registry the teacher lookup asks (TCH-1), chosen by `SHENBAO_REGISTRY_PROVIDER`. */
  registry: RegistryProvider;
  /** WeChat sign-in (when configured) and the public origin of links (ACC-1, ACC-2). */
  signIn: SignInServices;
  /** Teacher invitations (TCH-3, TCH-4): link lifetime, face-verification provider, link origin for jobs. */
  invitations: InvitationServices;
}

/** Declares the collections, opens the keys and builds the configured sender. */
export async function openAppServices(
  env: Env,
  ports: Pick<Ports, "store">,
  clock: Clock = systemClock,
): Promise<AppServices> {
  await declareCollections(ports.store);
  const cipher = await openPersonalDataCipher(env);
  const sender = createSender(env.SHENBAO_SENDER, { env, store: ports.store, clock });
  const identity = openIdentityServices(env, clock);
  const registry = createRegistryProvider(env.SHENBAO_REGISTRY_PROVIDER, { env, store: ports.store, cipher });
  return {
    cipher,
    sender,
    clock,
    identity,
    registry,
    signIn: openSignInServices(env),
    invitations: openInvitationServices(env),
  };
}
