/**
 * Encryption at rest for personal data (ID numbers, phones): AES-256-GCM values in a versioned string that
 * names its key, so keys can be rotated, and keyed blind indexes so equal values are found without decrypting.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { link, mkdir, open, rm } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

const FORMAT_VERSION = "v1";
const ALGORITHM = "aes-256-gcm";
const KEY_BYTES = 32;
// 96-bit IVs are GCM's native size; random IVs stay safe for far more values than this system will hold.
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID_BYTES = 6;
const HKDF_SALT = "shenbao/personal-data";
const PURPOSE_PATTERN = /^[A-Za-z][A-Za-z0-9_.:-]*$/;

/** Why a stored value could not be decrypted. */
export type DecryptionFailureReason = "malformed" | "unknown_key" | "tampered";

/** A stored value could not be decrypted; never carries the value or key material. */
export class PersonalDataDecryptionError extends Error {
  readonly reason: DecryptionFailureReason;

  constructor(reason: DecryptionFailureReason, message: string) {
    super(message);
    this.name = "PersonalDataDecryptionError";
    this.reason = reason;
  }
}

/** A key or key file cannot be used; the message says how to fix it and never contains key material. */
export class PersonalDataKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PersonalDataKeyError";
  }
}

// Secrets live here rather than on the Keyring so that logging or serialising a keyring cannot leak them.
const secretsOf = new WeakMap<Keyring, ReadonlyMap<string, Buffer>>();

/**
 * The 32-byte root keys in use: the active one encrypts, every one decrypts. Key ids are derived from the
 * keys, so the same key has the same id whether it came from the embedded key file or the environment.
 */
export class Keyring {
  readonly activeKeyId: string;

  constructor(active: Uint8Array, retired: readonly Uint8Array[] = []) {
    const secrets = new Map<string, Buffer>();
    for (const secret of [active, ...retired]) {
      if (secret.length !== KEY_BYTES) {
        throw new PersonalDataKeyError(
          `A personal-data key must be ${KEY_BYTES} bytes, got ${secret.length}`,
        );
      }
      const copy = Buffer.from(secret);
      secrets.set(keyIdOf(copy), copy);
    }
    this.activeKeyId = keyIdOf(active);
    secretsOf.set(this, secrets);
  }

  /** Every key id this keyring can decrypt, the active one first. */
  get keyIds(): string[] {
    return [...(secretsOf.get(this)?.keys() ?? [])];
  }
}

/**
 * The production key source: the active key and any retired ones as base64 (e.g. `openssl rand -base64 32`),
 * read from the environment by env.ts and passed in here.
 */
export function keyringFromBase64(active: string, retired: readonly string[] = []): Keyring {
  return new Keyring(
    decodeKey(active, "the active key"),
    retired.map((key, i) => decodeKey(key, `retired key ${i + 1}`)),
  );
}

const keyFileSchema = z.object({
  version: z.literal(1),
  keyId: z.string(),
  key: z.string(),
  createdAt: z.string().optional(),
});

/**
 * The embedded key source: reads the key file, or creates it (32 random bytes, mode 0600) on first start.
 * Refuses a file other users could read or write, since whoever has it can read every ID number.
 */
export async function loadOrCreateKeyFile(filePath: string): Promise<Keyring> {
  try {
    return await readKeyFile(filePath);
  } catch (error) {
    if (!isErrno(error, "ENOENT")) throw error;
  }
  await mkdir(path.dirname(filePath), { recursive: true, mode: 0o700 });
  const secret = randomBytes(KEY_BYTES);
  const content = {
    version: 1,
    keyId: keyIdOf(secret),
    key: secret.toString("base64"),
    createdAt: new Date().toISOString(),
  };
  // Written whole and synced under a private name, then hard-linked into place: link() fails if the file exists,
  // so two processes starting together never overwrite each other's key, and neither can read a half-written file.
  const temporary = `${filePath}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    const handle = await open(temporary, "wx", 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(content, null, 2)}\n`, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await link(temporary, filePath);
  } catch (error) {
    if (!isErrno(error, "EEXIST")) throw error;
  } finally {
    await rm(temporary, { force: true });
  }
  return readKeyFile(filePath);
}

/**
 * Encrypts, decrypts and blind-indexes personal data with a keyring. Stored values look like
 * `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url), so a value names the key that can open it.
 */
export class PersonalDataCipher {
  readonly #activeKeyId: string;
  readonly #encryptionKeys = new Map<string, Buffer>();
  readonly #rootKeys: ReadonlyMap<string, Buffer>;
  readonly #indexKeys = new Map<string, Buffer>();

  constructor(keyring: Keyring) {
    const secrets = secretsOf.get(keyring);
    if (!secrets)
      throw new PersonalDataKeyError("Not a keyring built by keyringFromBase64 or loadOrCreateKeyFile");
    this.#activeKeyId = keyring.activeKeyId;
    this.#rootKeys = secrets;
    for (const [keyId, secret] of secrets) this.#encryptionKeys.set(keyId, derive(secret, "encryption"));
  }

  /**
   * Encrypts with the active key and a fresh random IV. `context` (e.g. `identity:<id>:idNumber`) is
   * authenticated, not stored: a value copied into another record then fails to decrypt there.
   */
  encrypt(plaintext: string, context = ""): string {
    const key = this.#encryptionKeys.get(this.#activeKeyId);
    if (!key) throw new PersonalDataKeyError("The active key is missing from the keyring");
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(associatedData(this.#activeKeyId, context));
    const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [FORMAT_VERSION, this.#activeKeyId, iv, tag, ciphertext]
      .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
      .join(".");
  }

  /** Decrypts a value from `encrypt` (under any key in the keyring); throws `PersonalDataDecryptionError`. */
  decrypt(payload: string, context = ""): string {
    const parts = payload.split(".");
    const [version, keyId, ivText, tagText, ciphertextText] = parts;
    if (parts.length !== 5 || version !== FORMAT_VERSION || keyId === undefined) {
      throw new PersonalDataDecryptionError("malformed", "Not a v1 personal-data value");
    }
    const key = this.#encryptionKeys.get(keyId);
    if (!key) {
      throw new PersonalDataDecryptionError(
        "unknown_key",
        `Value was encrypted with key ${keyId}, not in the keyring`,
      );
    }
    const iv = fromBase64Url(ivText);
    const tag = fromBase64Url(tagText);
    const ciphertext = fromBase64Url(ciphertextText);
    if (iv?.length !== IV_BYTES || tag?.length !== TAG_BYTES || !ciphertext) {
      throw new PersonalDataDecryptionError(
        "malformed",
        "Personal-data value has a malformed IV, tag or ciphertext",
      );
    }
    const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(keyId, context));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
    } catch {
      throw new PersonalDataDecryptionError("tampered", "Personal-data value failed authentication");
    }
  }

  /**
   * A keyed hash of an identifier for equality look-ups, as `<keyId>.<hmac>`. Input is normalised (NFKC,
   * whitespace removed, upper-case) so `4201…123x ` and `4201…123X` match; each purpose has its own key.
   */
  blindIndex(value: string, purpose: string): string {
    return this.#blindIndexWith(this.#activeKeyId, value, purpose);
  }

  /** The blind index under every key in the keyring, active first: look up with all of them while rotating. */
  blindIndexCandidates(value: string, purpose: string): string[] {
    return [...this.#rootKeys.keys()].map((keyId) => this.#blindIndexWith(keyId, value, purpose));
  }

  #blindIndexWith(keyId: string, value: string, purpose: string): string {
    if (!PURPOSE_PATTERN.test(purpose)) throw new TypeError(`Invalid blind-index purpose "${purpose}"`);
    const cacheKey = `${keyId}\u0000${purpose}`;
    let indexKey = this.#indexKeys.get(cacheKey);
    if (!indexKey) {
      const root = this.#rootKeys.get(keyId);
      if (!root) throw new PersonalDataKeyError(`Key ${keyId} is missing from the keyring`);
      indexKey = derive(root, `blind-index/${purpose}`);
      this.#indexKeys.set(cacheKey, indexKey);
    }
    const normalized = value.normalize("NFKC").replace(/\s+/gu, "").toUpperCase();
    return `${keyId}.${createHmac("sha256", indexKey).update(normalized, "utf8").digest("base64url")}`;
  }
}

async function readKeyFile(filePath: string): Promise<Keyring> {
  const handle = await open(filePath, "r");
  try {
    const stats = await handle.stat();
    if (!stats.isFile())
      throw new PersonalDataKeyError(`Personal-data key file ${filePath} is not a regular file`);
    // POSIX permission bits mean nothing on Windows, where the data folder's ACL has to protect the file.
    if (process.platform !== "win32" && (stats.mode & 0o077) !== 0) {
      const mode = (stats.mode & 0o777).toString(8).padStart(4, "0");
      throw new PersonalDataKeyError(
        `Personal-data key file ${filePath} is accessible to other users (mode ${mode}); run \`chmod 600 ${filePath}\``,
      );
    }
    let parsed: z.infer<typeof keyFileSchema>;
    try {
      parsed = keyFileSchema.parse(JSON.parse(await handle.readFile("utf8")));
    } catch {
      throw new PersonalDataKeyError(`Personal-data key file ${filePath} is not a valid key file`);
    }
    const secret = decodeKey(parsed.key, `the key in ${filePath}`);
    if (keyIdOf(secret) !== parsed.keyId) {
      throw new PersonalDataKeyError(
        `Personal-data key file ${filePath} is corrupted: its key does not match its keyId`,
      );
    }
    return new Keyring(secret);
  } finally {
    await handle.close();
  }
}

function decodeKey(text: string, what: string): Buffer {
  const trimmed = text.trim();
  const bytes = /^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed) ? Buffer.from(trimmed, "base64") : Buffer.alloc(0);
  if (bytes.length !== KEY_BYTES) {
    throw new PersonalDataKeyError(
      `${what} must be ${KEY_BYTES} random bytes in base64 (e.g. \`openssl rand -base64 32\`)`,
    );
  }
  return bytes;
}

/** Each use of a root key gets its own HKDF-derived key, so the index key reveals nothing about the AES key. */
function derive(root: Buffer, label: string, length = KEY_BYTES): Buffer {
  return Buffer.from(hkdfSync("sha256", root, HKDF_SALT, `shenbao/personal-data/v1/${label}`, length));
}

function keyIdOf(secret: Uint8Array): string {
  return derive(Buffer.from(secret), "key-id", KEY_ID_BYTES).toString("base64url");
}

// The version and key id are authenticated too, so relabelling a value with another key id fails.
function associatedData(keyId: string, context: string): Buffer {
  return Buffer.from(`${FORMAT_VERSION}\u0000${keyId}\u0000${context}`, "utf8");
}

// Buffer.from(…, "base64url") skips invalid characters and ignores trailing bits; only canonical text is accepted.
function fromBase64Url(text: string | undefined): Buffer | undefined {
  if (text === undefined || !/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  const bytes = Buffer.from(text, "base64url");
  return bytes.toString("base64url") === text ? bytes : undefined;
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
