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
import { installFakeFetch, type FakeAnswer } from "../../test/fakeFetch.js";

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
    editable: true,
    updatedAt: null,
    data: {},
    answers: { candidateType: "apprentice", sections: {} },
    errors: [],
  };
}

function script(extra: Record<string, FakeAnswer> = {}) {
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
      { timeout: 10_000 },
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

  it("sends a signed-out user to sign in with the way back", async () => {
    script({
      "GET /api/applications/mine": { status: 401, body: { error: "not_signed_in", message: "请先登录" } },
    });
    const router = renderAt("/apply/sections/basicInfo");
    await waitFor(() => expect(router.state.location.pathname).toBe("/login"), { timeout: 10_000 });
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
      { timeout: 10_000 },
    );
    await waitFor(() => expect(document.activeElement).toBe(input));
  });
});
