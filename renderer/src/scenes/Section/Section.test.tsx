// @vitest-environment jsdom
import "../../formEngine/test/domPolyfills.js";
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Edition } from "@shenbao/rules";
import type { SectionView } from "../../api/endpoints.js";
import { routes } from "../../app/routes.js";
import { fieldTitle } from "../../formEngine/test/editionLabels.js";
import { hubeiEdition } from "../../formEngine/test/hubeiEdition.js";
import { installFakeFetch, type FakeAnswer, type FakeCall } from "../../test/fakeFetch.js";

let edition: Edition;
beforeAll(async () => {
  edition = await hubeiEdition();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const ME = { id: "u1", phone: "139****5678", roles: ["candidate"], identityStatus: "none" };
const APP = { id: "app1", editionKey: "", editionVersion: "", rev: 3 };

function sectionView(): SectionView {
  return {
    applicationId: APP.id,
    rev: APP.rev,
    editionKey: edition.key,
    editionVersion: edition.version,
    key: "basicInfo",
    title: edition.sections.find((s) => s.key === "basicInfo")!.title,
    group: null,
    state: "incomplete",
    status: "去完善",
    comment: null,
    fieldComments: [],
    editable: true,
    updatedAt: null,
    migration: null,
    data: {},
    answers: { candidateType: "apprentice", sections: {} },
    errors: [],
  };
}

function script(extra: Record<string, FakeAnswer | ((call: FakeCall) => FakeAnswer)> = {}) {
  return installFakeFetch({
    "GET /api/me": { body: ME },
    "GET /api/identity": {
      body: { identity: null, autoCheck: { failures: 0, maxAttempts: 3, attemptsLeft: 3 } },
    },
    "GET /api/applications/mine": {
      body: { items: [{ ...APP, editionKey: edition.key, editionVersion: edition.version }] },
    },
    "GET /api/applications/app1/sections/basicInfo": { body: sectionView() },
    [`GET /api/editions/${edition.key}/${edition.version}`]: { body: edition },
    ...extra,
  });
}

function renderAt(path: string) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(<RouterProvider router={router} />);
  return router;
}

describe("Section page", () => {
  it("keeps what the user typed when the save meets a revision conflict, and says so", async () => {
    const calls = script({
      "PUT /api/applications/app1/sections/basicInfo": {
        status: 409,
        body: { error: "revision_conflict", message: "该内容已在其他页面修改，请刷新后重试" },
      },
    });
    renderAt("/apply/sections/basicInfo");
    const input = await screen.findByLabelText(
      fieldTitle(edition, "basicInfo", "postcode"),
      {},
      { timeout: 30_000 },
    );
    fireEvent.change(input, { target: { value: "430010" } });
    fireEvent.click(screen.getByRole("button", { name: "保存" }));

    expect(await screen.findByRole("alert")).toHaveProperty(
      "textContent",
      expect.stringContaining("该内容已在其他页面修改，请刷新后重试"),
    );
    const put = calls.find((call) => call.method === "PUT");
    expect(put?.body).toMatchObject({ rev: APP.rev, data: { postcode: "430010" } });
    expect(
      (screen.getByLabelText(fieldTitle(edition, "basicInfo", "postcode")) as HTMLInputElement).value,
    ).toBe("430010");
    expect(screen.getByRole("status").textContent).toMatch(/^保存失败/);
  });

  it("asks before a save that voids signatures, and saves with confirmVoid only after 确认修改 (issue 11)", async () => {
    const calls = script({
      "PUT /api/applications/app1/sections/basicInfo": (call) =>
        (call.body as { confirmVoid?: boolean }).confirmVoid === true
          ? { body: { ...sectionView(), rev: APP.rev + 1, data: { postcode: "430010" } } }
          : {
              status: 409,
              body: {
                error: "signatures_would_void",
                message: "修改后，已签署的 2 位老师需重新签名",
                details: { count: 2 },
              },
            },
    });
    renderAt("/apply/sections/basicInfo");
    const input = await screen.findByLabelText(
      fieldTitle(edition, "basicInfo", "postcode"),
      {},
      { timeout: 30_000 },
    );
    fireEvent.change(input, { target: { value: "430010" } });
    fireEvent.click(screen.getByRole("button", { name: "保存" }));
    expect((await screen.findAllByText("修改后，已签署的 2 位老师需重新签名")).length).toBeGreaterThan(0);
    const puts = () => calls.filter((call) => call.method === "PUT");
    expect(puts()).toHaveLength(1);
    fireEvent.click(screen.getByRole("button", { name: "确认修改" }));
    await waitFor(() => expect(puts()).toHaveLength(2));
    expect(puts()[1]?.body).toMatchObject({ rev: APP.rev, confirmVoid: true, data: { postcode: "430010" } });
  });

  it("keeps the signatures and says so when the candidate declines the voiding save", async () => {
    const calls = script({
      "PUT /api/applications/app1/sections/basicInfo": {
        status: 409,
        body: { error: "signatures_would_void", message: "修改后，已签署的 1 位老师需重新签名" },
      },
    });
    renderAt("/apply/sections/basicInfo");
    const input = await screen.findByLabelText(
      fieldTitle(edition, "basicInfo", "postcode"),
      {},
      { timeout: 30_000 },
    );
    fireEvent.change(input, { target: { value: "430010" } });
    fireEvent.click(screen.getByRole("button", { name: "保存" }));
    fireEvent.click(await screen.findByRole("button", { name: "暂不修改" }));
    await waitFor(() =>
      expect(screen.getByRole("status").textContent).toContain("未保存：已签署的老师签名保持有效"),
    );
    expect(calls.filter((call) => call.method === "PUT")).toHaveLength(1);
  });

  it("keeps the typing when a save meets an ended session: sign-in says so, and the text is back afterwards (issue 11)", async () => {
    localStorage.clear();
    const calls = script({
      "PUT /api/applications/app1/sections/basicInfo": {
        status: 401,
        body: { error: "not_signed_in", message: "请先登录" },
      },
    });
    const router = renderAt("/apply/sections/basicInfo");
    const input = await screen.findByLabelText(
      fieldTitle(edition, "basicInfo", "postcode"),
      {},
      { timeout: 30_000 },
    );
    fireEvent.change(input, { target: { value: "430010" } });
    fireEvent.click(screen.getByRole("button", { name: "保存" }));
    await waitFor(() => expect(calls.some((call) => call.method === "PUT")).toBe(true));
    await waitFor(() => expect(router.state.location.pathname).toBe("/login"), { timeout: 10_000 });
    expect((await screen.findByRole("alert", {}, { timeout: 10_000 })).textContent).toContain(
      "登录已过期，请重新登录",
    );
    const params = new URLSearchParams(router.state.location.search);
    expect(params.get("returnTo")).toBe("/apply/sections/basicInfo");
    expect(params.get("expired")).toBe("1");
    cleanup();

    // Signed in again, back on the section: the kept text is restored, with a notice and a way to discard.
    script();
    renderAt("/apply/sections/basicInfo");
    await screen.findByText("已恢复您上次未保存的内容", {}, { timeout: 30_000 });
    const restored = screen.getByLabelText(fieldTitle(edition, "basicInfo", "postcode")) as HTMLInputElement;
    expect(restored.value).toBe("430010");
    fireEvent.click(screen.getByRole("button", { name: "放弃这些内容" }));
    await waitFor(() =>
      expect(
        (screen.getByLabelText(fieldTitle(edition, "basicInfo", "postcode")) as HTMLInputElement).value,
      ).toBe(""),
    );
    expect(screen.queryByText("已恢复您上次未保存的内容")).toBeNull();
    expect(localStorage.length).toBe(0);
  });

  it("sends a signed-out user to sign in with the way back", async () => {
    script({
      "GET /api/applications/mine": { status: 401, body: { error: "not_signed_in", message: "请先登录" } },
    });
    const router = renderAt("/apply/sections/basicInfo");
    await waitFor(() => expect(router.state.location.pathname).toBe("/login"), { timeout: 30_000 });
    expect(new URLSearchParams(router.state.location.search).get("returnTo")).toBe(
      "/apply/sections/basicInfo",
    );
  });

  it("focuses the field a submit blocker links to", async () => {
    script();
    await act(async () => {
      renderAt("/apply/sections/basicInfo#postcode");
    });
    const input = await screen.findByLabelText(
      fieldTitle(edition, "basicInfo", "postcode"),
      {},
      { timeout: 30_000 },
    );
    await waitFor(() => expect(document.activeElement).toBe(input));
  });

  it("shows 「表单已更新，请核对」 with what changed and the candidate's set-aside answers (FORM-4)", async () => {
    const view = sectionView();
    view.migration = {
      fromVersion: "2024.1.0",
      notes: [
        { path: "occupation", change: "changed", label: "职业甲" },
        { path: "oldField", change: "removed", label: "旧项目乙", value: "考生原来填写的内容" },
      ],
    };
    script({ "GET /api/applications/app1/sections/basicInfo": { body: view } });
    renderAt("/apply/sections/basicInfo");
    const notice = await screen.findByText("表单已更新，请核对", {}, { timeout: 30_000 });
    const box = notice.closest(".ant-alert")!;
    expect(box.textContent).toContain("职业甲：已修改，请核对");
    expect(box.textContent).toContain("旧项目乙：已取消，原填写内容如下");
    expect(box.textContent).toContain("考生原来填写的内容");
  });
});
