// @vitest-environment jsdom
import "../../formEngine/test/domPolyfills.js";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Edition } from "@shenbao/rules";
import type { SectionView } from "../../api/endpoints.js";
import type { CandidateInvitationView, InvitationState } from "../../api/invitationEndpoints.js";
import { routes } from "../../app/routes.js";
import { fieldTitle } from "../../formEngine/test/editionLabels.js";
import { hubeiEdition } from "../../formEngine/test/hubeiEdition.js";
import { installFakeFetch, type FakeAnswer } from "../../test/fakeFetch.js";
import { editionText, teacherRoles } from "@shenbao/rules";

let edition: Edition;
beforeAll(async () => {
  edition = await hubeiEdition();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const LABELS: Record<InvitationState, string> = {
  pending: "待发送",
  sent: "已发送",
  viewed: "已查看",
  verified: "已核验",
  signed: "已签署",
  expired: "已过期",
  revoked: "已撤回",
  invalidated: "已失效",
};

function roleTitle(role: string): string {
  return teacherRoles(edition).find((r) => r.value === role)?.title ?? role;
}

function invitation(id: string, name: string, role: string, state: InvitationState): CandidateInvitationView {
  const live = ["pending", "sent", "viewed", "verified"].includes(state);
  return {
    id,
    role,
    roleTitle: roleTitle(role),
    teacherName: name,
    teacherMaskedIdNumber: "4201**********0012",
    state,
    stateLabel: LABELS[state],
    canRevoke: live || state === "expired",
    link: live ? `https://example.test/t/token-${id}` : null,
    qrUrl: live ? `/api/invitations/${id}/qr.png` : null,
    issuedAt: "2026-11-20T00:00:00.000Z",
    expiresAt: "2026-12-20T00:00:00.000Z",
    sentAt: null,
    viewedAt: null,
    verifiedAt: null,
    signedAt: state === "signed" ? "2026-11-21T00:00:00.000Z" : null,
    expiredAt: null,
    revokedAt: null,
    invalidatedAt: null,
    invalidatedReason: null,
    problem: null,
    canReissue: false,
    locked: false,
    replaces: null,
    replacedBy: null,
  };
}

function sectionView(teachers: unknown[]): SectionView {
  return {
    applicationId: "app1",
    rev: 3,
    editionKey: edition.key,
    editionVersion: edition.version,
    key: "recommenders",
    title: edition.sections.find((s) => s.key === "recommenders")!.title,
    group: null,
    state: "incomplete",
    status: "去完善",
    comment: null,
    fieldComments: [],
    editable: true,
    updatedAt: null,
    migration: null,
    data: { teachers: teachers as never },
    answers: { candidateType: "apprentice", sections: {} },
    errors: [],
  };
}

function script(items: CandidateInvitationView[], extra: Record<string, FakeAnswer> = {}) {
  return installFakeFetch({
    "GET /api/me": {
      body: { id: "u1", phone: "139****5678", roles: ["candidate"], identityStatus: "verified" },
    },
    "GET /api/applications/mine": {
      body: { items: [{ id: "app1", editionKey: edition.key, editionVersion: edition.version, rev: 3 }] },
    },
    "GET /api/applications/app1/sections/recommenders": { body: sectionView(items) },
    "GET /api/applications/app1/invitations": {
      body: { instruction: editionText(edition, "recommenders.qrInstruction"), items },
    },
    [`GET /api/editions/${edition.key}/${edition.version}`]: { body: edition },
    ...extra,
  });
}

function renderAt(path: string) {
  render(<RouterProvider router={createMemoryRouter(routes, { initialEntries: [path] })} />);
}

async function lookUp(role: string) {
  const options = await screen.findAllByText(roleTitle(role), {}, { timeout: 10_000 });
  fireEvent.click(options.find((option) => option.closest(".sb-lookup") !== null)!);
  fireEvent.change(screen.getByLabelText(fieldTitle(edition, "recommenders", "teachers.0.name")), {
    target: { value: "张三" },
  });
  fireEvent.change(screen.getByLabelText("身份证号码"), {
    target: { value: "420101196501010012" },
  });
  fireEvent.click(screen.getByText("获取"));
}

describe("/apply/teachers", () => {
  it("shows 获取成功 with name, masked number, institution and title, then 选择", async () => {
    const calls = script([], {
      "POST /api/applications/app1/teachers/lookup": {
        body: {
          found: true,
          person: {
            ref: "reg1",
            name: "张三",
            maskedIdNumber: "4201**********0012",
            institution: "武汉市中医医院",
            title: "主任医师",
            role: "supervisor",
            demo: false,
          },
        },
      },
    });
    renderAt("/apply/teachers");
    await lookUp("supervisor");
    expect(await screen.findByText("获取成功")).toBeTruthy();
    expect(screen.getByText("4201**********0012")).toBeTruthy();
    expect(screen.getByText("武汉市中医医院")).toBeTruthy();
    expect(screen.getByText("主任医师")).toBeTruthy();
    expect(screen.getByText("选择")).toBeTruthy();
    expect(calls.find((c) => c.path.endsWith("/teachers/lookup"))?.body).toEqual({
      role: "supervisor",
      name: "张三",
      idNumber: "420101196501010012",
    });
  });

  it("shows 获取失败 with the server's explanation", async () => {
    const explanation = "需所在医疗机构前往系统进行人员信息完善，并为人员分配对应标签分组";
    script([], {
      "POST /api/applications/app1/teachers/lookup": { body: { found: false, message: explanation } },
    });
    renderAt("/apply/teachers");
    await lookUp("recommender");
    expect(await screen.findByText("获取失败")).toBeTruthy();
    expect(screen.getByText(explanation)).toBeTruthy();
    expect(screen.queryByText("选择")).toBeNull();
  });

  it("derives the required counts from the edition's rules", async () => {
    script([invitation("i1", "李四", "recommender", "sent")]);
    renderAt("/apply/teachers");
    const recommender = await screen.findByText(
      roleTitle("recommender"),
      { selector: "li strong" },
      { timeout: 10_000 },
    );
    expect(recommender.parentElement?.textContent).toContain("需要添加 2 名，已添加 1 名");
    const supervisor = screen.getByText(roleTitle("supervisor"), { selector: "li strong" });
    expect(supervisor.parentElement?.textContent).toContain("需要添加 1 名，已添加 0 名");
  });

  it("shows each teacher's state and offers 撤回 only for unsigned invitations", async () => {
    script([
      invitation("i1", "李四", "recommender", "viewed"),
      invitation("i2", "王五", "recommender", "signed"),
      invitation("i3", "赵六", "supervisor", "expired"),
    ]);
    renderAt("/apply/teachers");
    await screen.findByText("李四", {}, { timeout: 10_000 });
    expect(screen.getByText(LABELS.viewed)).toBeTruthy();
    expect(screen.getByText(LABELS.signed)).toBeTruthy();
    const cards = ["李四", "王五"].map((name) => screen.getByText(name).closest(".sb-invitation")!);
    const revokeIn = (card: Element) =>
      Array.from(card.querySelectorAll("button")).some((b) => b.textContent === "撤回");
    expect(cards.map(revokeIn)).toEqual([true, false]);
    // Issue 11: an expired invitation holds no place on the team; it is history, replaceable without 撤回.
    expect(screen.queryByText("赵六")?.closest(".sb-invitation") ?? null).toBeNull();
    const supervisor = screen.getByText(roleTitle("supervisor"), { selector: "li strong" });
    expect(supervisor.parentElement?.textContent).toContain("已添加 0 名");
    // The live one shows its QR code with download and copy; the signed one does not.
    expect(cards[0]!.querySelector("img")?.getAttribute("src")).toBe("/api/invitations/i1/qr.png");
    expect(cards[0]!.textContent).toContain("下载二维码");
    expect(cards[0]!.textContent).toContain("复制链接");
    expect(cards[0]!.textContent).toContain(editionText(edition, "recommenders.qrInstruction"));
    expect(cards[1]!.querySelector("img")).toBeNull();
  });

  it("shows why a signature was voided, a failed signature check and a locked link (issue 11)", async () => {
    const voided = {
      ...invitation("i1", "李四", "recommender", "invalidated"),
      invalidatedReason: "申请内容已修改",
      replacedBy: "i4",
    };
    const tampered = {
      ...invitation("i2", "王五", "recommender", "signed"),
      stateLabel: "签名校验失败",
      problem: "签名校验失败，请点「请老师重新签名」，老师会收到新的签名链接",
      canReissue: true,
    };
    const locked = { ...invitation("i3", "赵六", "supervisor", "sent"), stateLabel: "已锁定", locked: true };
    script([voided, tampered, locked, invitation("i4", "李四", "recommender", "pending")]);
    renderAt("/apply/teachers");
    await screen.findByText("王五", {}, { timeout: 10_000 });
    expect(screen.getByText("签名校验失败，请点「请老师重新签名」，老师会收到新的签名链接")).toBeTruthy();
    // Only the failed signature offers 请老师重新签名; the others do not.
    const offered = screen.getAllByRole("button", { name: "请老师重新签名" });
    expect(offered.map((button) => button.closest(".sb-invitation")?.textContent?.includes("王五"))).toEqual([
      true,
    ]);
    const lockedCard = screen.getByText("赵六").closest(".sb-invitation")!;
    expect(lockedCard.textContent).toContain("已锁定");
    expect(lockedCard.textContent).toContain("链接已锁定");
    expect(lockedCard.querySelector("img")).toBeNull();
    fireEvent.click(screen.getByText("已撤回、已失效、已过期的记录"));
    expect(await screen.findByText("原因：申请内容已修改")).toBeTruthy();
  });

  it("revokes after confirmation and reloads the list", async () => {
    const calls = script([invitation("i1", "李四", "recommender", "sent")], {
      "POST /api/invitations/i1/revoke": { body: {} },
    });
    renderAt("/apply/teachers");
    await screen.findByText("李四", {}, { timeout: 10_000 });
    fireEvent.click(screen.getByText("撤回", { selector: "button span, button" }));
    const confirm = await screen.findAllByText("撤回");
    fireEvent.click(confirm.at(-1)!);
    await waitFor(() => expect(calls.some((c) => c.path === "/api/invitations/i1/revoke")).toBe(true));
  });

  it("asks the teacher of a failed signature to sign again after confirmation (issue 11)", async () => {
    const tampered = {
      ...invitation("i2", "王五", "recommender", "signed"),
      stateLabel: "签名校验失败",
      problem: "签名校验失败",
      canReissue: true,
    };
    const calls = script([tampered], { "POST /api/invitations/i2/reissue": { status: 201, body: {} } });
    renderAt("/apply/teachers");
    await screen.findByText("王五", {}, { timeout: 10_000 });
    fireEvent.click(screen.getByText("请老师重新签名", { selector: "button span, button" }));
    const dialog = await screen.findByRole("dialog");
    expect(dialog.textContent).toContain("原签名作废");
    expect(calls.some((c) => c.path === "/api/invitations/i2/reissue")).toBe(false);
    fireEvent.click(within(dialog).getByText("请老师重新签名", { selector: "button span, button" }));
    await waitFor(() => expect(calls.some((c) => c.path === "/api/invitations/i2/reissue")).toBe(true));
  });
});
