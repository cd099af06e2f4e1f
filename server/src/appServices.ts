/**
 * What the app and the commands need beside the ports: the personal-data cipher, the notification sender
 * and the clock. Opened once per process after the ports, with the collections declared.
 */
import { openRateLimiter, type RateLimiter } from "./auth/rateLimiter.js";
import { createPdfPool, type PdfPool } from "./pdf/applicationPdfPool.js";
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
  /** 申请表 drawing in worker threads with a time bound (APP-7, issue 11); closed with `closeAppServices`. */
  pdf: PdfPool;
  /** Rate limits on the store's backend, or Redis with the BullMQ queue (issue 11). */
  rateLimiter: RateLimiter;
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
  const identity = await openIdentityServices(env, clock, ports.store);
  const registry = createRegistryProvider(env.SHENBAO_REGISTRY_PROVIDER, { env, store: ports.store, cipher });
  return {
    cipher,
    sender,
    clock,
    identity,
    registry,
    signIn: openSignInServices(env),
    invitations: openInvitationServices(env),
    rateLimiter: await openRateLimiter(
      env.SHENBAO_QUEUE === "bullmq" && env.REDIS_URL
        ? { kind: "redis", url: env.REDIS_URL, prefix: env.SHENBAO_QUEUE_PREFIX }
        : { kind: "store", store: ports.store },
    ),
    pdf: createPdfPool({
      timeoutMs: env.SHENBAO_PDF_TIMEOUT_MS,
      threads: env.SHENBAO_PDF_THREADS,
      maxQueue: PDF_QUEUE_PER_THREAD * env.SHENBAO_PDF_THREADS,
    }),
  };
}

// A PDF takes about a second; more waiting than this would outlast the time bound anyway.
const PDF_QUEUE_PER_THREAD = 8;

/** Ends what the services hold open (the PDF threads, the rate limiter's connection and sweep). */
export async function closeAppServices(services: Pick<AppServices, "pdf" | "rateLimiter">): Promise<void> {
  await services.pdf.close();
  await services.rateLimiter.close();
}
