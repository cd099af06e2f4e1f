import { mkdtemp, rm } from "node:fs/promises";
import { openRateLimiter, type RateLimiter } from "../auth/rateLimiter.js";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SIGN_IN_CODE } from "../auth/authSettings.js";
import { resolveSession } from "../auth/sessions.js";
import { loadOrCreateKeyFile, PersonalDataCipher } from "../crypto/personalData.js";
import { createSender } from "../providers/sender/index.js";
import { collectionsOf, declareCollections } from "../store/collections.js";
import { ManualClock } from "../../test/manualClock.js";
import { lastSignInCode } from "../../test/outbox.js";
import { openTestStore, storeAdapterNames, type TestStore } from "../../test/storeFactories.js";
import type { CommandDeps } from "./commandDeps.js";
import { signInCodeRedeemer } from "./signInCodeRedeemer.js";
import { signInCodeSender } from "./signInCodeSender.js";

const PHONE = "13912345678";

describe.each(storeAdapterNames())("signInCodeRedeemer on %s", (adapter) => {
  let dataDir: string;
  let testStore: TestStore;
  let deps: CommandDeps & { rateLimiter: RateLimiter };
  let clock: ManualClock;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "shenbao-signin-"));
    testStore = await openTestStore(adapter);
    await declareCollections(testStore.store);
    clock = new ManualClock();
    const cipher = new PersonalDataCipher(await loadOrCreateKeyFile(path.join(dataDir, "keys", "k.key")));
    const sender = createSender("outbox", { env: { dataDir }, store: testStore.store, clock });
    const rateLimiter = await openRateLimiter({ kind: "store", store: testStore.store });
    deps = { store: testStore.store, cipher, sender, clock, rateLimiter };
  });
  afterEach(async () => {
    await deps.rateLimiter.close();
    await testStore.cleanup();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function codeFor(phone: string): Promise<string> {
    await signInCodeSender(deps, { phone, address: "192.0.2.1" });
    return lastSignInCode(dataDir, phone);
  }

  it("creates the user once, with the phone encrypted, and starts a live session", async () => {
    const first = await signInCodeRedeemer(deps, { phone: PHONE, code: await codeFor(PHONE) });
    clock.advance(SIGN_IN_CODE.resendCooldownMs);
    const second = await signInCodeRedeemer(deps, { phone: PHONE, code: await codeFor(PHONE) });
    expect(second.user._id).toBe(first.user._id);
    expect(first.user.phoneEncrypted).not.toContain(PHONE);
    const collections = collectionsOf(testStore.store);
    expect(await collections.users.count({})).toBe(1);
    expect(await collections.sessions.count({ userId: first.user._id })).toBe(2);
    const resolved = await resolveSession(collections, second.token, clock.now());
    expect(resolved?.user._id).toBe(first.user._id);
  });

  it("ends the previous session named by the browser's old token", async () => {
    const first = await signInCodeRedeemer(deps, { phone: PHONE, code: await codeFor(PHONE) });
    clock.advance(SIGN_IN_CODE.resendCooldownMs);
    await signInCodeRedeemer(deps, { phone: PHONE, code: await codeFor(PHONE), previousToken: first.token });
    expect(await resolveSession(collectionsOf(testStore.store), first.token, clock.now())).toBeUndefined();
  });
});
