/**
 * First-administrator bootstrap, the start-up half (issue 4 item 6): while no user is an administrator,
 * each start issues a fresh one-time token (stored hashed, 24 hours) for the link printed in the log, and
 * the previous link stops working. Never a fixed password.
 */
import { ADMIN_BOOTSTRAP } from "../auth/authSettings.js";
import { hashSecretToken, newSecretToken } from "../auth/secretTokens.js";
import { DuplicateKeyError, RevisionConflictError } from "../errors.js";
import { collectionsOf, type AdminBootstrapDoc, type Collections } from "../store/collections.js";
import type { CommandDeps } from "./commandDeps.js";

/** `_id` of the one bootstrap document. */
export const ADMIN_BOOTSTRAP_ID = "firstAdministrator";

/** The page that redeems the token; the token follows in the fragment, out of server and proxy logs. */
export const ADMIN_BOOTSTRAP_PAGE = "/admin/bootstrap";

/** A token to print, and when it stops working. */
export interface AdminBootstrapIssued {
  token: string;
  expiresAt: number;
}

const PAGE_SIZE = 500;

/**
 * Issues a token when no administrator exists, or returns undefined (and remembers, so later starts skip
 * the user scan). The scan only runs on installations that never had an administrator, i.e. small ones.
 */
export async function adminBootstrapIssuer(
  deps: Pick<CommandDeps, "store" | "clock">,
): Promise<AdminBootstrapIssued | undefined> {
  const { adminBootstrap, users } = collectionsOf(deps.store);
  const now = deps.clock.now();
  // Two processes starting together both write; the later one's token is the valid one.
  for (let race = 0; race < 4; race++) {
    const current = await adminBootstrap.get(ADMIN_BOOTSTRAP_ID);
    if (current?.completedAt !== undefined) return undefined;
    try {
      if (await anyAdministrator(users)) {
        await save(adminBootstrap, current, { completedAt: now, completedBy: "existing" });
        return undefined;
      }
      const token = newSecretToken();
      const expiresAt = now + ADMIN_BOOTSTRAP.ttlMs;
      await save(adminBootstrap, current, { tokenHash: hashSecretToken(token), issuedAt: now, expiresAt });
      return { token, expiresAt };
    } catch (error) {
      if (error instanceof DuplicateKeyError || error instanceof RevisionConflictError) continue;
      throw error;
    }
  }
  return undefined;
}

/** The one log line of a start without an administrator: where to sign in, and the link to open then. */
export function adminBootstrapNotice(
  origin: string,
  issued: AdminBootstrapIssued,
  outboxFile?: string,
): string {
  const signIn = outboxFile
    ? `sign in at ${origin}/ with a phone number (the code is written to ${outboxFile})`
    : `sign in at ${origin}/`;
  return (
    `No administrator yet: ${signIn}, then open ${origin}${ADMIN_BOOTSTRAP_PAGE}#${issued.token} ` +
    `to become the administrator (one use, valid until ${new Date(issued.expiresAt).toISOString()})`
  );
}

async function anyAdministrator(users: Collections["users"]): Promise<boolean> {
  // Roles are an array, which the store cannot index on every adapter; so read pages of users.
  let cursor: string | undefined;
  do {
    const page = await users.find({}, { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) });
    if (page.items.some((user) => user.roles.includes("admin"))) return true;
    cursor = page.next;
  } while (cursor);
  return false;
}

async function save(
  collection: Collections["adminBootstrap"],
  current: { rev: number } | null,
  doc: AdminBootstrapDoc,
): Promise<void> {
  if (current) await collection.replace(ADMIN_BOOTSTRAP_ID, current.rev, doc);
  else await collection.insert({ _id: ADMIN_BOOTSTRAP_ID, ...doc });
}
