import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  Keyring,
  PersonalDataCipher,
  PersonalDataDecryptionError,
  PersonalDataKeyError,
  keyringFromBase64,
  loadOrCreateKeyFile,
} from "./personalData.js";

const ID_NUMBER = "42010219900307123X";
const B64URL = "[A-Za-z0-9_-]";

function newKey(): string {
  return randomBytes(32).toString("base64");
}

function newCipher(key = newKey()): PersonalDataCipher {
  return new PersonalDataCipher(keyringFromBase64(key));
}

/** Replaces the first character of one dot-separated part with another base64url character. */
function tamper(payload: string, partIndex: number): string {
  const parts = payload.split(".");
  const part = parts[partIndex] ?? "";
  parts[partIndex] = (part[0] === "A" ? "B" : "A") + part.slice(1);
  return parts.join(".");
}

function decryptionFailure(run: () => unknown): PersonalDataDecryptionError {
  try {
    run();
  } catch (error) {
    if (error instanceof PersonalDataDecryptionError) return error;
    throw error;
  }
  throw new Error("decryption succeeded");
}

describe("PersonalDataCipher.encrypt / decrypt", () => {
  it("round-trips ASCII, Chinese and empty values", () => {
    const cipher = newCipher();
    for (const value of [ID_NUMBER, "张三 湖北省武汉市江岸区解放大道 𠀀", ""]) {
      expect(cipher.decrypt(cipher.encrypt(value))).toBe(value);
    }
  });

  it("writes a compact v1 string naming the active key", () => {
    const keyring = keyringFromBase64(newKey());
    const payload = new PersonalDataCipher(keyring).encrypt(ID_NUMBER);
    expect(payload).toMatch(
      new RegExp(`^v1\\.${keyring.activeKeyId}\\.${B64URL}{16}\\.${B64URL}{22}\\.${B64URL}+$`),
    );
  });

  it("gives two different values for the same plaintext", () => {
    const cipher = newCipher();
    const first = cipher.encrypt(ID_NUMBER);
    const second = cipher.encrypt(ID_NUMBER);
    expect(first).not.toBe(second);
    expect(first.split(".")[2]).not.toBe(second.split(".")[2]);
  });

  it("does not contain the plaintext, nor its base64url", () => {
    const payload = newCipher().encrypt(ID_NUMBER);
    expect(payload).not.toContain(ID_NUMBER);
    expect(payload).not.toContain(Buffer.from(ID_NUMBER).toString("base64url").slice(0, 12));
  });

  it.each([
    ["IV", 2],
    ["tag", 3],
    ["ciphertext", 4],
  ])("rejects a value whose %s was altered", (_part, index) => {
    const cipher = newCipher();
    const error = decryptionFailure(() => cipher.decrypt(tamper(cipher.encrypt(ID_NUMBER), index)));
    expect(error.reason).toBe("tampered");
    expect(error.message).not.toContain(ID_NUMBER);
  });

  it("rejects a value relabelled with another key id of the same keyring", () => {
    const oldKey = newKey();
    const rotated = new PersonalDataCipher(keyringFromBase64(newKey(), [oldKey]));
    const payload = rotated.encrypt(ID_NUMBER);
    const parts = payload.split(".");
    parts[1] = keyringFromBase64(oldKey).activeKeyId;
    expect(decryptionFailure(() => rotated.decrypt(parts.join("."))).reason).toBe("tampered");
  });

  it("rejects a value decrypted under another context than it was encrypted for", () => {
    const cipher = newCipher();
    const payload = cipher.encrypt(ID_NUMBER, "identity:a:idNumber");
    expect(cipher.decrypt(payload, "identity:a:idNumber")).toBe(ID_NUMBER);
    expect(decryptionFailure(() => cipher.decrypt(payload, "identity:b:idNumber")).reason).toBe("tampered");
  });

  it.each([
    ["plain text", ID_NUMBER],
    ["another version", "v2.abc.def.ghi.jkl"],
    ["a missing part", "v1.x.y.z"],
  ])("rejects %s as malformed", (_case, payload) => {
    expect(decryptionFailure(() => newCipher().decrypt(payload)).reason).toBe("malformed");
  });

  it("rejects a truncated tag as malformed", () => {
    const cipher = newCipher();
    const parts = cipher.encrypt(ID_NUMBER).split(".");
    parts[3] = (parts[3] ?? "").slice(0, 16);
    expect(decryptionFailure(() => cipher.decrypt(parts.join("."))).reason).toBe("malformed");
  });

  it("rejects a value written under a key the keyring does not hold", () => {
    const payload = newCipher().encrypt(ID_NUMBER);
    expect(decryptionFailure(() => newCipher().decrypt(payload)).reason).toBe("unknown_key");
  });
});

describe("key rotation", () => {
  it("decrypts values of a retired key and encrypts new ones with the active key", () => {
    const oldKey = newKey();
    const oldKeyring = keyringFromBase64(oldKey);
    const before = new PersonalDataCipher(oldKeyring).encrypt(ID_NUMBER);

    const rotatedKeyring = keyringFromBase64(newKey(), [oldKey]);
    const rotated = new PersonalDataCipher(rotatedKeyring);
    expect(rotated.decrypt(before)).toBe(ID_NUMBER);

    const after = rotated.encrypt(ID_NUMBER);
    expect(after.split(".")[1]).toBe(rotatedKeyring.activeKeyId);
    expect(rotatedKeyring.activeKeyId).not.toBe(oldKeyring.activeKeyId);
    expect(rotatedKeyring.keyIds).toEqual([rotatedKeyring.activeKeyId, oldKeyring.activeKeyId]);
    expect(decryptionFailure(() => new PersonalDataCipher(oldKeyring).decrypt(after)).reason).toBe(
      "unknown_key",
    );
  });

  it("derives the same key id from the same key, wherever it came from", () => {
    const key = newKey();
    expect(keyringFromBase64(key).activeKeyId).toBe(new Keyring(Buffer.from(key, "base64")).activeKeyId);
    expect(keyringFromBase64(key).activeKeyId).toBe(
      keyringFromBase64(Buffer.from(key, "base64").toString("base64url")).activeKeyId,
    );
  });
});

describe("PersonalDataCipher.blindIndex", () => {
  it("is equal for equal values after trimming, upper-casing and full-width folding", () => {
    const cipher = newCipher();
    const index = cipher.blindIndex(ID_NUMBER, "idNumber");
    expect(cipher.blindIndex(` ${ID_NUMBER.toLowerCase()} `, "idNumber")).toBe(index);
    expect(cipher.blindIndex("４２０１０２１９９００３０７１２３Ｘ", "idNumber")).toBe(index);
    expect(cipher.blindIndex("42010219900307123Y", "idNumber")).not.toBe(index);
  });

  it("is stable for the same key across cipher instances", () => {
    const key = newKey();
    expect(newCipher(key).blindIndex(ID_NUMBER, "idNumber")).toBe(
      newCipher(key).blindIndex(ID_NUMBER, "idNumber"),
    );
  });

  it("differs across purposes and across keys", () => {
    const cipher = newCipher();
    expect(cipher.blindIndex("13912345678", "phone")).not.toBe(cipher.blindIndex("13912345678", "idNumber"));
    expect(cipher.blindIndex(ID_NUMBER, "idNumber")).not.toBe(newCipher().blindIndex(ID_NUMBER, "idNumber"));
  });

  it("names its key and does not contain the value", () => {
    const keyring = keyringFromBase64(newKey());
    const index = new PersonalDataCipher(keyring).blindIndex(ID_NUMBER, "idNumber");
    expect(index).toMatch(new RegExp(`^${keyring.activeKeyId}\\.${B64URL}{43}$`));
    expect(index).not.toContain(ID_NUMBER);
  });

  it("offers the index under every key while rotating, so old rows are still found", () => {
    const oldKey = newKey();
    const oldIndex = newCipher(oldKey).blindIndex(ID_NUMBER, "idNumber");
    const rotated = new PersonalDataCipher(keyringFromBase64(newKey(), [oldKey]));
    const candidates = rotated.blindIndexCandidates(ID_NUMBER, "idNumber");
    expect(candidates).toEqual([rotated.blindIndex(ID_NUMBER, "idNumber"), oldIndex]);
  });

  it("refuses an empty purpose", () => {
    expect(() => newCipher().blindIndex(ID_NUMBER, "")).toThrow(TypeError);
  });
});

describe("keyringFromBase64", () => {
  it("refuses a key that is not 32 bytes, without echoing it", () => {
    const short = randomBytes(16).toString("base64");
    let error: unknown;
    try {
      keyringFromBase64(short);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PersonalDataKeyError);
    expect((error as Error).message).not.toContain(short);
    expect(() => keyringFromBase64("not base64 at all!")).toThrow(/32 random bytes/);
    expect(() => keyringFromBase64(newKey(), ["short"])).toThrow(/retired key 1/);
  });

  it("keeps its keys out of logs and JSON", () => {
    const key = newKey();
    const keyring = keyringFromBase64(key);
    expect(JSON.stringify(keyring)).not.toContain(key);
    expect(inspect(keyring, { depth: 5, showHidden: true })).not.toContain(key);
    expect(inspect(new PersonalDataCipher(keyring), { depth: 5, showHidden: true })).not.toContain(key);
  });
});

describe("loadOrCreateKeyFile", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "shenbao-keys-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.skipIf(process.platform === "win32")(
    "creates a 0600 key file on first start and reuses it after",
    async () => {
      const file = path.join(dir, "secrets", "personal-data.key.json");
      const first = await loadOrCreateKeyFile(file);
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      const content = JSON.parse(await readFile(file, "utf8")) as { keyId: string; key: string };
      expect(content.keyId).toBe(first.activeKeyId);
      expect(Buffer.from(content.key, "base64")).toHaveLength(32);

      const payload = new PersonalDataCipher(first).encrypt(ID_NUMBER);
      const second = await loadOrCreateKeyFile(file);
      expect(second.activeKeyId).toBe(first.activeKeyId);
      expect(new PersonalDataCipher(second).decrypt(payload)).toBe(ID_NUMBER);
      expect(JSON.parse(await readFile(file, "utf8"))).toEqual(content);
    },
  );

  it("gives every process starting together the same key", async () => {
    const file = path.join(dir, "personal-data.key.json");
    const keyrings = await Promise.all(Array.from({ length: 8 }, () => loadOrCreateKeyFile(file)));
    expect(new Set(keyrings.map((keyring) => keyring.activeKeyId)).size).toBe(1);
  });

  it("opens embedded-mode values with the same key given as base64 in production", async () => {
    const file = path.join(dir, "personal-data.key.json");
    const payload = new PersonalDataCipher(await loadOrCreateKeyFile(file)).encrypt(ID_NUMBER);
    const { key } = JSON.parse(await readFile(file, "utf8")) as { key: string };
    expect(new PersonalDataCipher(keyringFromBase64(key)).decrypt(payload)).toBe(ID_NUMBER);
  });

  it.skipIf(process.platform === "win32").each([
    ["0644", 0o644],
    ["0640", 0o640],
    ["0604", 0o604],
    ["0620", 0o620],
  ])("refuses a key file with mode %s", async (_label, mode) => {
    const file = path.join(dir, "personal-data.key.json");
    await loadOrCreateKeyFile(file);
    await chmod(file, mode);
    await expect(loadOrCreateKeyFile(file)).rejects.toThrow(/accessible to other users[\s\S]*chmod 600/);
  });

  it("refuses a file that is not a key file", async () => {
    const file = path.join(dir, "personal-data.key.json");
    await writeFile(file, "not json", { mode: 0o600 });
    await expect(loadOrCreateKeyFile(file)).rejects.toThrow(PersonalDataKeyError);
  });

  it("refuses a key file whose key id does not match its key", async () => {
    const file = path.join(dir, "personal-data.key.json");
    await writeFile(file, JSON.stringify({ version: 1, keyId: "AAAAAAAA", key: newKey() }), { mode: 0o600 });
    await expect(loadOrCreateKeyFile(file)).rejects.toThrow(/does not match/);
  });
});
