import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildLargePng, buildPdf } from "../../../test/filesFactories.js";
import { buildIdNumber, withWrongCheck } from "../../../test/identityFactories.js";
import {
  call,
  signInUser,
  uploadPhoto,
  uploadPhotoResponse,
  type TestUser,
} from "../../../test/identityClient.js";
import { startTestServer, type TestServer } from "../../../test/testApp.js";
import { ID_NUMBER_MESSAGES, maskIdNumber } from "../../identity/idNumber.js";
import { collectionsOf } from "../../store/collections.js";

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

async function verify(user: TestUser, idNumber: string, name = "张三"): Promise<Response> {
  return call(server, "POST", "/api/identity/verify", user, {
    name,
    idNumber,
    photoFront: await uploadPhoto(server, user),
  });
}

/** Every file under `dir`, at any depth, as bytes. */
async function filesUnder(dir: string): Promise<{ file: string; bytes: Buffer }[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
  return Promise.all(files.map(async (file) => ({ file, bytes: await readFile(file) })));
}

describe("GET /api/identity", () => {
  it("answers 401 「请先登录」 without a session", async () => {
    const response = await call(server, "GET", "/api/identity");
    expect(response.status).toBe(401);
  });

  it("shows no attempt, the whole attempt budget and what the local provider really checks", async () => {
    const user = await signInUser(server, "13900000001");
    const response = await call(server, "GET", "/api/identity", user);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      identity: null,
      autoCheck: { failures: 0, maxAttempts: 3, attemptsLeft: 3 },
      provider: {
        adapter: "local",
        note: "仅做本地校验（校验位、出生年月日、地区代码），不连接公安身份核验服务",
      },
    });
  });

  it("shows the owner their full number, and another candidate only their own (empty) state", async () => {
    const owner = await signInUser(server, "13900000001");
    const other = await signInUser(server, "13900000002");
    const number = buildIdNumber();
    expect((await verify(owner, number)).status).toBe(200);

    const own = (await (await call(server, "GET", "/api/identity", owner)).json()) as {
      identity: Record<string, unknown>;
    };
    expect(own.identity).toMatchObject({
      state: "verified",
      stateLabel: "认证成功",
      idNumber: number,
      idNumberMasked: maskIdNumber(number),
    });
    const others = (await (await call(server, "GET", "/api/identity", other)).json()) as {
      identity: unknown;
    };
    expect(others.identity).toBeNull();
  });
});

describe("POST /api/identity/verify", () => {
  it("verifies a valid number at once with 认证成功, the number masked in the answer", async () => {
    const user = await signInUser(server, "13900000001");
    const number = buildIdNumber("420102", "19900307", "123");
    const response = await verify(user, number);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { identity: Record<string, unknown> };
    expect(body.identity).toMatchObject({
      state: "verified",
      stateLabel: "认证成功",
      method: "auto",
      name: "张三",
      sex: "male",
      birthDate: "1990-03-07",
      idNumberMasked: maskIdNumber(number),
    });
    expect(JSON.stringify(body)).not.toContain(number);
  });

  it.each([
    ["a wrong check character", withWrongCheck(buildIdNumber()), "checksum"],
    ["an impossible birth date", buildIdNumber("420102", "19900230", "123"), "birth_date"],
    ["an unknown region code", buildIdNumber("990102", "19900307", "123"), "region"],
  ] as const)(
    "answers 400 with the Chinese message for %s and stores nothing as verified",
    async (_case, number, reason) => {
      const user = await signInUser(server, "13900000001");
      const response = await verify(user, number);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        error: "id_number_invalid",
        message: ID_NUMBER_MESSAGES[reason],
        details: { reason, attemptsLeft: 2 },
      });
      const { identities } = collectionsOf(server.ports.store);
      expect(await identities.count({ userId: user.userId })).toBe(0);
    },
  );

  it("tells the user to choose 「身份证（人工审核）」 after 3 failed checks", async () => {
    const user = await signInUser(server, "13900000001");
    const wrong = withWrongCheck(buildIdNumber());
    expect((await verify(user, wrong)).status).toBe(400);
    expect((await verify(user, wrong)).status).toBe(400);
    const third = await verify(user, wrong);
    expect(third.status).toBe(409);
    const body = (await third.json()) as { error: string; message: string };
    expect(body.error).toBe("identity_attempts_exhausted");
    expect(body.message).toContain("「身份证（人工审核）」");
    // A correct number no longer helps: the count is in the store, not in this request.
    expect((await verify(user, buildIdNumber())).status).toBe(409);
    const page = (await (await call(server, "GET", "/api/identity", user)).json()) as { autoCheck: unknown };
    expect(page.autoCheck).toEqual({ failures: 3, maxAttempts: 3, attemptsLeft: 0 });
  });

  it("refuses a number another account has verified with 409 「该证件号码已被其他账号认证」", async () => {
    const first = await signInUser(server, "13900000001");
    const second = await signInUser(server, "13900000002");
    const number = buildIdNumber();
    expect((await verify(first, number)).status).toBe(200);
    const response = await verify(second, number);
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({
      error: "id_number_taken",
      message: "该证件号码已被其他账号认证",
    });
  });

  it("refuses a second verification while verified", async () => {
    const user = await signInUser(server, "13900000001");
    expect((await verify(user, buildIdNumber())).status).toBe(200);
    const again = await verify(user, buildIdNumber("420102", "19850101", "456"));
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: string }).error).toBe("identity_already_verified");
  });

  it("keeps the number out of every file of the data directory (SQLite file and -wal included) and out of the log", async () => {
    const user = await signInUser(server, "13900000001");
    const number = buildIdNumber("420102", "19900307", "123");
    expect((await verify(user, number)).status).toBe(200);
    // A failed attempt too: its number reaches the server as well.
    const wrong = withWrongCheck(buildIdNumber("420102", "19850101", "456"));
    expect((await verify(user, wrong)).status).toBe(409);

    const files = await filesUnder(server.dataDir);
    const names = files.map(({ file }) => path.basename(file));
    // Guard against a check that reads nothing: the database and its write-ahead log are there.
    expect(names).toContain("shenbao.sqlite");
    expect(names).toContain("shenbao.sqlite-wal");
    // The name is stored in clear, so the scan does see what was written: a clear number would be found too.
    expect(files.some(({ bytes }) => bytes.includes(Buffer.from("张三", "utf8")))).toBe(true);
    for (const candidate of [number, wrong]) {
      for (const { file, bytes } of files) {
        expect(bytes.includes(Buffer.from(candidate, "utf8")), `${file} contains the number`).toBe(false);
        expect(bytes.includes(Buffer.from(candidate, "utf16le")), `${file} contains the number`).toBe(false);
      }
      expect(server.logLines.filter((line) => line.includes(candidate))).toEqual([]);
    }
    expect(server.logLines.length).toBeGreaterThan(0);
  });
});

describe("POST /api/identity/photos", () => {
  it("stores a PNG and serves it to its owner, while another candidate gets 404", async () => {
    const owner = await signInUser(server, "13900000001");
    const other = await signInUser(server, "13900000002");
    const id = await uploadPhoto(server, owner);
    const own = await call(server, "GET", `/api/identity/photos/${id}`, owner);
    expect(own.status).toBe(200);
    expect(own.headers.get("content-type")).toBe("image/png");
    expect(own.headers.get("cache-control")).toBe("private, no-store");
    expect((await call(server, "GET", `/api/identity/photos/${id}`, other)).status).toBe(404);
    expect((await call(server, "GET", `/api/identity/photos/${id}`)).status).toBe(401);
  });

  it("refuses a file that is not a JPEG or PNG by its bytes, whatever it claims to be", async () => {
    const user = await signInUser(server, "13900000001");
    const response = await uploadPhotoResponse(server, user, buildPdf(), "image/png");
    expect(response.status).toBe(415);
    expect(((await response.json()) as { error: string }).error).toBe("file_type_not_allowed");
  });

  it("refuses a photo over 5 MB", async () => {
    const user = await signInUser(server, "13900000001");
    const response = await uploadPhotoResponse(server, user, buildLargePng(5 * 1024 * 1024 + 1));
    expect(response.status).toBe(413);
  });

  it("does not accept another user's photo in a verification", async () => {
    const owner = await signInUser(server, "13900000001");
    const other = await signInUser(server, "13900000002");
    const photoFront = await uploadPhoto(server, owner);
    const response = await call(server, "POST", "/api/identity/verify", other, {
      name: "张三",
      idNumber: buildIdNumber(),
      photoFront,
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe("identity_photo_missing");
  });
});

describe("GET /api/me after 实名认证", () => {
  it("reports the current verification state, so 个人中心 and the first-sign-in prompt agree with /api/identity", async () => {
    const user = await signInUser(server, "13800000042");
    const before = (await (await call(server, "GET", "/api/me", user)).json()) as { identityStatus: string };
    expect(before.identityStatus).toBe("none");
    expect((await verify(user, buildIdNumber())).status).toBe(200);
    const after = (await (await call(server, "GET", "/api/me", user)).json()) as { identityStatus: string };
    expect(after.identityStatus).toBe("verified");
  });
});
