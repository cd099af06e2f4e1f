/**
 * The edition's 「product.apply」 action (APP-1): starts the user's application on the current published edition and
 * pins it to that version. Needs a verified identity (ID-1), whose name, sex and birth date prefill the
 * basic information (SEC-1). Starting twice returns the application already started.
 */
import { formatChinaTime } from "../chinaTime.js";
import { ApplicationsClosedError, DuplicateKeyError, IdentityNotVerifiedError } from "../errors.js";
import type { Stored } from "../ports/store.js";
import { currentOpening, type OpenWindow } from "../editions/publishedEditions.js";
import { auditSummary } from "../applications/applicationGuards.js";
import { settleSections } from "../applications/applicationSections.js";
import {
  applyPrefill,
  prefillSection,
  prefillValues,
  verifiedIdentity,
} from "../applications/identityPrefill.js";
import { collectionsOf, type ApplicationDoc } from "../store/collections.js";
import { appendAudit } from "./audit.js";
import type { CommandDeps } from "./commandDeps.js";

/** The application and whether this call created it. */
export interface StartResult {
  application: Stored<ApplicationDoc>;
  created: boolean;
}

/** Starts (or finds) the application of `userId` on the current edition. */
export async function applicationStarter(
  deps: Pick<CommandDeps, "store" | "clock">,
  input: { userId: string },
): Promise<StartResult> {
  const { applications } = collectionsOf(deps.store);
  const identity = await verifiedIdentity(deps.store, input.userId);
  if (identity === undefined) throw new IdentityNotVerifiedError();
  const now = deps.clock.now();
  const { edition, window } = await currentOpening(deps.store, now);
  const find = async () =>
    (await applications.find({ userId: input.userId, editionKey: edition.key }, { limit: 1 })).items[0];
  const existing = await find();
  if (existing !== undefined) return { application: existing, created: false };
  assertOpen(window, now);

  const key = prefillSection(edition);
  const prefilled =
    key === undefined
      ? {}
      : {
          [key]: {
            data: applyPrefill(edition, key, {}, prefillValues(edition, identity, undefined)),
            state: "incomplete" as const,
            updatedAt: now,
          },
        };
  const doc: ApplicationDoc = {
    userId: input.userId,
    editionKey: edition.key,
    editionVersion: edition.version,
    candidateType: null,
    status: "draft",
    sections: settleSections(edition, null, prefilled),
  };
  try {
    const application = await deps.store.transaction(async (tx) => {
      const stored = await collectionsOf(tx).applications.insert(doc);
      await appendAudit(tx, {
        actor: input.userId,
        action: "application.start",
        entity: "applications",
        entityId: stored._id,
        before: null,
        after: auditSummary(stored),
        at: now,
      });
      return stored;
    });
    return { application, created: true };
  } catch (error) {
    // A double click in two tabs: the unique index let one insert win; answer with that one.
    const winner = error instanceof DuplicateKeyError ? await find() : undefined;
    if (winner === undefined) throw error;
    return { application: winner, created: false };
  }
}

/** Throws `ApplicationsClosedError` outside the open edition's window (APP-1). */
export function assertOpen(window: OpenWindow, now: number): void {
  if (window.opensAt !== null && now < window.opensAt) {
    throw new ApplicationsClosedError(`报名尚未开始，开始时间：${formatChinaTime(window.opensAt)}`, {
      opensAt: new Date(window.opensAt).toISOString(),
    });
  }
  if (window.closesAt !== null && now >= window.closesAt) {
    throw new ApplicationsClosedError(`报名已截止，截止时间：${formatChinaTime(window.closesAt)}`, {
      closesAt: new Date(window.closesAt).toISOString(),
    });
  }
}
