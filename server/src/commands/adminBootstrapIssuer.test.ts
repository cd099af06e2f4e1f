import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ADMIN_BOOTSTRAP } from "../auth/authSettings.js";
import { hashSecretToken } from "../auth/secretTokens.js";
import type { Store } from "../ports/store.js";
import { collectionsOf, declareCollections, type UserRole } from "../store/collections.js";
import { ManualClock } from "../../test/manualClock.js";
import { openSqliteTestStore } from "../../test/storeFactories.js";
import { ADMIN_BOOTSTRAP_ID, adminBootstrapIssuer, adminBootstrapNotice } from "./adminBootstrapIssuer.js";

describe("adminBootstrapIssuer", () => {
  let store: Store;
  let cleanup: () => Promise<void>;
  const clock = new ManualClock();

  beforeEach(async () => {
    ({ store, cleanup } = await openSqliteTestStore());
    await declareCollections(store);
  });
  afterEach(() => cleanup());

  async function addUser(roles: UserRole[]): Promise<void> {
    await collectionsOf(store).users.insert({
      wechatOpenId: `o${Math.random().toString(36).slice(2)}`,
      roles,
    });
  }

  it("issues a 24-hour token, stored only hashed, while nobody is administrator", async () => {
    await addUser(["candidate"]);
    const issued = await adminBootstrapIssuer({ store, clock });
    expect(issued?.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(issued?.expiresAt).toBe(clock.now() + ADMIN_BOOTSTRAP.ttlMs);
    const stored = await collectionsOf(store).adminBootstrap.get(ADMIN_BOOTSTRAP_ID);
    expect(stored?.tokenHash).toBe(hashSecretToken(issued?.token ?? ""));
    expect(JSON.stringify(stored)).not.toContain(issued?.token);
  });

  it("replaces the previous token on every start until an administrator exists", async () => {
    const first = await adminBootstrapIssuer({ store, clock });
    const second = await adminBootstrapIssuer({ store, clock });
    expect(second?.token).not.toBe(first?.token);
    const stored = await collectionsOf(store).adminBootstrap.get(ADMIN_BOOTSTRAP_ID);
    expect(stored?.tokenHash).toBe(hashSecretToken(second?.token ?? ""));
  });

  it("creates no token once an administrator exists, and stops looking for one", async () => {
    await adminBootstrapIssuer({ store, clock });
    await addUser(["candidate", "admin"]);
    expect(await adminBootstrapIssuer({ store, clock })).toBeUndefined();
    const stored = await collectionsOf(store).adminBootstrap.get(ADMIN_BOOTSTRAP_ID);
    expect(stored).toMatchObject({ completedBy: "existing", completedAt: clock.now() });
    expect(stored?.tokenHash).toBeUndefined();
    expect(await adminBootstrapIssuer({ store, clock })).toBeUndefined();
  });

  it("prints one line with the link and where the sign-in codes are", () => {
    const notice = adminBootstrapNotice(
      "http://localhost:3000",
      { token: "T".repeat(43), expiresAt: clock.now() },
      "/srv/data/outbox.jsonl",
    );
    expect(notice).not.toContain("\n");
    expect(notice).toContain(`http://localhost:3000/admin/bootstrap#${"T".repeat(43)}`);
    expect(notice).toContain("/srv/data/outbox.jsonl");
  });
});
