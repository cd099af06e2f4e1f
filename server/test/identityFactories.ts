/**
 * Test harness for 实名认证: valid and broken ID numbers built from their definition, the identity command
 * dependencies on a fresh SQLite store and folder, and identity-check fakes.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { identityPhotoUploader } from "../src/commands/identityPhotoUploader.js";
import { Keyring, PersonalDataCipher } from "../src/crypto/personalData.js";
import { FolderFiles } from "../src/files/folderFiles.js";
import { hubeiRegionLookup } from "./regionFactories.js";
import type { IdentityCommandDeps } from "../src/identity/identityServices.js";
import type { IdentityCheck, IdentityCheckRequest, IdentityCheckResult } from "../src/ports/identityCheck.js";
import { LocalIdentityCheck } from "../src/providers/identityCheck/localIdentityCheck.js";
import { declareCollections } from "../src/store/collections.js";
import { buildPng } from "./filesFactories.js";
import { ManualClock } from "./manualClock.js";
import { openSqliteTestStore } from "./storeFactories.js";

/**
 * A valid resident ID number from its parts, with ISO 7064 MOD 11-2 written from its definition (weights
 * 2^(17-i) mod 11, check = (12 - sum mod 11) mod 11, 10 → X) rather than the module's table.
 */
export function buildIdNumber(region = "420102", birth = "19900307", sequence = "123"): string {
  const body = `${region}${birth}${sequence}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * (2 ** (17 - i) % 11);
  const check = (12 - (sum % 11)) % 11;
  return body + (check === 10 ? "X" : String(check));
}

/** The same number with a wrong check character. */
export function withWrongCheck(id: string): string {
  return id.slice(0, 17) + (id[17] === "0" ? "1" : "0");
}

/** A provider fake answering from a queue of outcomes (then "match"), recording what it was asked. */
export class ScriptedIdentityCheck implements IdentityCheck {
  readonly kind = "scripted";
  readonly usesPhoto = true;
  readonly requests: IdentityCheckRequest[] = [];

  constructor(private readonly outcomes: IdentityCheckResult["outcome"][] = []) {}

  async check(request: IdentityCheckRequest): Promise<IdentityCheckResult> {
    this.requests.push(request);
    return { outcome: this.outcomes.shift() ?? "match" };
  }

  describe() {
    return { adapter: this.kind, note: "测试用" };
  }

  async health() {
    return { ok: true };
  }
}

/** Identity command deps on a fresh store, folder and cipher, with a manual clock; `cleanup` removes them. */
export async function openIdentityDeps(
  options: { check?: IdentityCheck; maxAttempts?: number } = {},
): Promise<IdentityCommandDeps & { clock: ManualClock; cleanup(): Promise<void> }> {
  const testStore = await openSqliteTestStore();
  await declareCollections(testStore.store);
  const dir = await mkdtemp(path.join(os.tmpdir(), "shenbao-identity-"));
  const files = await FolderFiles.open(dir);
  const clock = new ManualClock();
  const regionLookup = hubeiRegionLookup();
  return {
    store: testStore.store,
    files,
    cipher: new PersonalDataCipher(new Keyring(randomBytes(32))),
    clock,
    identity: {
      check: options.check ?? new LocalIdentityCheck(regionLookup, clock),
      regionLookup,
      regions: { lookup: regionLookup, load: async () => undefined },
      maxAttempts: options.maxAttempts ?? 3,
    },
    async cleanup() {
      await testStore.cleanup();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Uploads a small PNG as `ownerId`'s photo and returns its id. */
export async function uploadTestPhoto(
  deps: Pick<IdentityCommandDeps, "store" | "files" | "clock">,
  ownerId: string,
): Promise<string> {
  const photo = await identityPhotoUploader(deps, {
    ownerId,
    incoming: { stream: Readable.from([buildPng(4, 4)]) },
  });
  return photo._id;
}
