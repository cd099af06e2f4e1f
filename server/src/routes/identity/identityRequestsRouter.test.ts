import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildIdNumber } from "../../../test/identityFactories.js";
import { call, signInUser, uploadPhoto, type TestUser } from "../../../test/identityClient.js";
import { startTestServer, type TestServer } from "../../../test/testApp.js";
import { maskIdNumber } from "../../identity/idNumber.js";

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

interface IdentityAnswer {
  identity: {
    id: string;
    state: string;
    stateLabel: string;
    review: { decision: string; reason: string | null } | null;
  };
}

async function requestManual(user: TestUser, body: Record<string, unknown> = {}): Promise<Response> {
  return call(server, "POST", "/api/identity/requests", user, {
    docType: "resident_id",
    name: "张三",
    idNumber: buildIdNumber(),
    photoFront: await uploadPhoto(server, user),
    photoBack: await uploadPhoto(server, user),
    ...body,
  });
}

async function pendingId(user: TestUser, body: Record<string, unknown> = {}): Promise<string> {
  const response = await requestManual(user, body);
  expect(response.status).toBe(201);
  return ((await response.json()) as IdentityAnswer).identity.id;
}

async function ownIdentity(user: TestUser): Promise<IdentityAnswer["identity"] | null> {
  return ((await (await call(server, "GET", "/api/identity", user)).json()) as IdentityAnswer).identity;
}

describe("POST /api/identity/requests", () => {
  it("puts a manual request in 待认证 until an administrator approves it, then it is 认证成功", async () => {
    const candidate = await signInUser(server, "13900000001");
    const admin = await signInUser(server, "13900000009", { admin: true });
    const id = await pendingId(candidate);
    expect(await ownIdentity(candidate)).toMatchObject({ state: "pending", stateLabel: "待认证" });

    const approved = await call(server, "POST", `/api/admin/identity-requests/${id}/approve`, admin);
    expect(approved.status).toBe(200);
    expect(await ownIdentity(candidate)).toMatchObject({
      state: "verified",
      stateLabel: "认证成功",
      review: { decision: "approved", reason: null },
    });
  });

  it("takes a passport with the sex and birth date the user gives", async () => {
    const candidate = await signInUser(server, "13900000001");
    const response = await requestManual(candidate, {
      docType: "passport",
      name: "Anna Schmidt",
      idNumber: "C01X00T47",
      sex: "female",
      birthDate: "1985-06-01",
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      identity: {
        state: "pending",
        docType: "passport",
        sex: "female",
        birthDate: "1985-06-01",
        idNumberMasked: "C0*****47",
      },
    });
  });

  it("refuses a document type that does not exist", async () => {
    const candidate = await signInUser(server, "13900000001");
    const response = await requestManual(candidate, { docType: "library_card" });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_input", message: "请选择证件类型" });
  });
});

describe("POST /api/admin/identity-requests/:id/reject", () => {
  it("shows the reason to the user, who can then send a new request", async () => {
    const candidate = await signInUser(server, "13900000001");
    const admin = await signInUser(server, "13900000009", { admin: true });
    const id = await pendingId(candidate);
    const missingReason = await call(server, "POST", `/api/admin/identity-requests/${id}/reject`, admin, {
      reason: " ",
    });
    expect(missingReason.status).toBe(400);
    const rejected = await call(server, "POST", `/api/admin/identity-requests/${id}/reject`, admin, {
      reason: "证件图片模糊，请重新拍摄",
    });
    expect(rejected.status).toBe(200);
    expect(await ownIdentity(candidate)).toMatchObject({
      state: "rejected",
      stateLabel: "认证未通过",
      review: { decision: "rejected", reason: "证件图片模糊，请重新拍摄" },
    });
    expect((await requestManual(candidate)).status).toBe(201);
    expect(await ownIdentity(candidate)).toMatchObject({ state: "pending", review: null });
  });

  it("refuses a second decision on the same request", async () => {
    const candidate = await signInUser(server, "13900000001");
    const admin = await signInUser(server, "13900000009", { admin: true });
    const id = await pendingId(candidate);
    expect((await call(server, "POST", `/api/admin/identity-requests/${id}/approve`, admin)).status).toBe(
      200,
    );
    const again = await call(server, "POST", `/api/admin/identity-requests/${id}/reject`, admin, {
      reason: "晚了",
    });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: string }).error).toBe("identity_not_pending");
  });
});

describe("GET /api/admin/identity-requests", () => {
  it("lists pending requests with masked numbers and the provider's note, and lets the administrator see the photos", async () => {
    const candidate = await signInUser(server, "13900000001");
    const admin = await signInUser(server, "13900000009", { admin: true });
    const number = buildIdNumber();
    await pendingId(candidate, { idNumber: number });
    const response = await call(server, "GET", "/api/admin/identity-requests?state=pending", admin);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      items: { userId: string; idNumberMasked: string; photoFront: string }[];
      provider: { adapter: string };
    };
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ userId: candidate.userId, idNumberMasked: maskIdNumber(number) });
    expect(JSON.stringify(body)).not.toContain(number);
    expect(body.provider.adapter).toBe("local");
    expect(
      (await call(server, "GET", `/api/identity/photos/${body.items[0]!.photoFront}`, admin)).status,
    ).toBe(200);
  });

  it("is refused to candidates, who cannot decide requests either", async () => {
    const candidate = await signInUser(server, "13900000001");
    const other = await signInUser(server, "13900000002");
    const id = await pendingId(candidate);
    expect((await call(server, "GET", "/api/admin/identity-requests", other)).status).toBe(403);
    expect((await call(server, "POST", `/api/admin/identity-requests/${id}/approve`, other)).status).toBe(
      403,
    );
    expect((await call(server, "POST", `/api/admin/identity-requests/${id}/approve`, candidate)).status).toBe(
      403,
    );
    expect(await ownIdentity(candidate)).toMatchObject({ state: "pending" });
  });

  it("does not let an administrator approve their own request", async () => {
    const admin = await signInUser(server, "13900000009", { admin: true });
    const id = await pendingId(admin);
    const response = await call(server, "POST", `/api/admin/identity-requests/${id}/approve`, admin);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ message: "不能审核本人的认证申请" });
  });
});

describe("POST /api/identity/withdraw", () => {
  it("withdraws a pending manual request and redoes it with the automatic check", async () => {
    const candidate = await signInUser(server, "13900000001");
    const number = buildIdNumber();
    await pendingId(candidate, { idNumber: number });
    const withdrawn = await call(server, "POST", "/api/identity/withdraw", candidate);
    expect(withdrawn.status).toBe(200);
    expect(((await withdrawn.json()) as IdentityAnswer).identity.state).toBe("withdrawn");
    expect(await ownIdentity(candidate)).toBeNull();

    const verified = await call(server, "POST", "/api/identity/verify", candidate, {
      name: "张三",
      idNumber: number,
      photoFront: await uploadPhoto(server, candidate),
    });
    expect(verified.status).toBe(200);
    expect(await ownIdentity(candidate)).toMatchObject({ state: "verified", stateLabel: "认证成功" });
  });

  it("answers 409 when there is nothing to withdraw", async () => {
    const candidate = await signInUser(server, "13900000001");
    const response = await call(server, "POST", "/api/identity/withdraw", candidate);
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({
      error: "identity_not_withdrawable",
      message: "当前没有可撤回的认证",
    });
  });
});
