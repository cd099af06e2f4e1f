// @vitest-environment jsdom
import "../../formEngine/test/domPolyfills.js";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { findForm, type Edition } from "@shenbao/rules";
import type { TeacherInvitationView } from "../../api/invitationEndpoints.js";
import { routes } from "../../app/routes.js";
import { fieldSchema, fieldTitle } from "../../formEngine/test/editionLabels.js";
import { hubeiEdition } from "../../formEngine/test/hubeiEdition.js";
import { installFakeFetch, type FakeAnswer } from "../../test/fakeFetch.js";
import { teacherFlow } from "./teacherForm.js";

let edition: Edition;
beforeAll(async () => {
  edition = await hubeiEdition();
});
beforeEach(() => {
  // signature_pad draws on a 2D context; jsdom has none. A minimal stand-in is enough to record strokes.
  const context = new Proxy({}, { get: () => () => undefined });
  vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockReturnValue(context as never);
  vi.spyOn(HTMLCanvasElement.prototype, "toDataURL").mockReturnValue("data:image/png;base64,iVBORw0KGgo=");
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const TOKEN = "tok_abc";
const PNG = "data:image/png;base64,iVBORw0KGgo=";

function view(): TeacherInvitationView {
  const form = findForm(edition, teacherFlow(edition).formKey);
  return {
    state: "sent",
    stateLabel: "已发送",
    role: "recommender",
    roleTitle: "R",
    teacherName: "张医生",
    expiresAt: "2026-12-20T00:00:00.000Z",
    sessionActive: false,
    verification: { provider: "builtin", requiresPhoneCode: true },
    form: {
      editionKey: edition.key,
      editionVersion: edition.version,
      key: form.key,
      title: form.title,
      schema: form.schema,
      uiSchema: form.uiSchema,
      rules: form.rules,
    },
  };
}

function script(extra: Record<string, FakeAnswer> = {}) {
  return installFakeFetch({
    [`GET /api/t/${TOKEN}`]: { body: view() },
    [`GET /api/editions/${edition.key}/${edition.version}`]: { body: edition },
    ...extra,
  });
}

function renderAt(path: string) {
  render(<RouterProvider router={createMemoryRouter(routes, { initialEntries: [path] })} />);
}

function phone(width: number, height: number) {
  Object.defineProperty(window, "innerWidth", { configurable: true, value: width });
  Object.defineProperty(window, "innerHeight", { configurable: true, value: height });
}
afterEach(() => phone(1024, 768));

const evaluationTitle = (path: string) => fieldTitle(edition, "evaluation", path);

describe("/t/:token", () => {
  it("walks 阅读须知 → 身份核验 → summary → 推荐承诺书 → evaluation → signature → 已完成", async () => {
    const calls = script({
      [`POST /api/t/${TOKEN}/verify/code`]: {
        body: {
          maskedPhone: "139****0000",
          expiresAt: "2099-01-01T00:00:00Z",
          resendAt: "2000-01-01T00:00:00Z",
        },
      },
      [`POST /api/t/${TOKEN}/verify`]: {
        body: { state: "verified", sessionExpiresAt: "2099-01-01T00:00:00Z" },
      },
      [`GET /api/t/${TOKEN}/summary`]: {
        body: {
          editionKey: edition.key,
          editionVersion: edition.version,
          candidateType: "apprentice",
          candidateTypeLabel: edition.candidateTypes[0]!.label,
          candidate: { name: "王考生", maskedIdNumber: "4201**********1234" },
          sections: [],
        },
      },
      [`POST /api/t/${TOKEN}/sign`]: {
        status: 201,
        body: {
          state: "signed",
          stateLabel: "已签署",
          signedAt: "2026-11-27T02:00:00Z",
          contentHash: "abcdef0123456789ff",
        },
      },
    });
    renderAt(`/t/${TOKEN}`);

    // 1. notice: 下一步 only after the tick.
    await screen.findByText(evaluationTitle("noticeRead"), {}, { timeout: 10_000 });
    expect(screen.getByText(/第 1 步/).textContent).toContain(teacherFlow(edition).titles.notice);
    const next = () => screen.getByText("下一步").closest("button")!;
    expect(next().disabled).toBe(true);
    fireEvent.click(screen.getByText(evaluationTitle("noticeRead")));
    fireEvent.click(next());

    // 2. identity check.
    await screen.findByText(/第 2 步/);
    fireEvent.change(screen.getByLabelText("身份证号码后六位"), { target: { value: "01001x" } });
    fireEvent.click(screen.getByText("获取验证码"));
    await screen.findByText(/139\*\*\*\*0000/);
    fireEvent.change(screen.getByLabelText("短信验证码"), { target: { value: "123456" } });
    fireEvent.click(screen.getByText("核验"));

    // 3. summary.
    await screen.findByText("王考生");
    expect(screen.getByText(/第 3 步/)).toBeTruthy();
    fireEvent.click(screen.getByText("已阅读，下一步"));

    // 4. commitment.
    await screen.findByText(evaluationTitle("commitment"));
    expect(screen.getByText(/第 4 步/)).toBeTruthy();
    fireEvent.click(screen.getByText(evaluationTitle("commitment")));
    fireEvent.click(next());

    // 5. evaluation by the FormEngine, without the ticks and the signature.
    const text = await screen.findByLabelText(evaluationTitle("evaluation"));
    expect(screen.queryByText(evaluationTitle("signature"))).toBeNull();
    fireEvent.change(text, { target: { value: "被推荐人医德良好，医术扎实，临床疗效确切。" } });
    const agree = (fieldSchema(edition, "evaluation", "opinion").oneOf as { title: string }[])[0]!.title;
    fireEvent.click(screen.getByText(agree));
    fireEvent.click(screen.getByText("保存"));

    // 6. signature: a phone held upright is asked to turn; then draw, 确认, 提交.
    await screen.findByText(/第 6 步/);
    phone(375, 667);
    fireEvent.click(screen.getByText("开始签名"));
    expect(screen.getByText("请将手机横过来签名")).toBeTruthy();
    fireEvent.click(screen.getByText("无法横屏，继续签名"));
    const canvas = screen.getByLabelText("签名区域");
    fireEvent.pointerDown(canvas, { clientX: 10, clientY: 10, buttons: 1, pointerId: 1, isPrimary: true });
    fireEvent.pointerMove(canvas, { clientX: 40, clientY: 30, buttons: 1, pointerId: 1, isPrimary: true });
    fireEvent.pointerUp(canvas, { clientX: 40, clientY: 30, pointerId: 1, isPrimary: true });
    fireEvent.mouseDown(canvas, { clientX: 10, clientY: 10, buttons: 1, which: 1 });
    fireEvent.mouseMove(document, { clientX: 40, clientY: 30, buttons: 1, which: 1 });
    fireEvent.mouseUp(document, { clientX: 40, clientY: 30, which: 1 });
    fireEvent.click(screen.getByText("确认"));
    await screen.findByAltText("签名");
    fireEvent.click(screen.getByText("提交"));

    await screen.findByText("已完成");
    const sign = calls.find((c) => c.path === `/api/t/${TOKEN}/sign`);
    expect(sign?.body).toMatchObject({
      commitmentAccepted: true,
      signaturePng: PNG,
      evaluation: { noticeRead: true, commitment: true, opinion: "agree" },
    });
    expect(calls.find((c) => c.path === `/api/t/${TOKEN}/verify`)?.body).toEqual({
      last6: "01001X",
      code: "123456",
    });
  }, 30_000);

  it("shows attempts left when the identity check fails", async () => {
    script({
      [`POST /api/t/${TOKEN}/verify`]: {
        status: 400,
        body: {
          error: "invitation_verify_failed",
          message: "身份核验未通过，请核对身份证号码后六位和验证码后重试",
          details: { attemptsLeft: 2 },
        },
      },
    });
    renderAt(`/t/${TOKEN}`);
    fireEvent.click(await screen.findByText(evaluationTitle("noticeRead"), {}, { timeout: 10_000 }));
    fireEvent.click(screen.getByText("下一步"));
    fireEvent.change(await screen.findByLabelText("身份证号码后六位"), { target: { value: "010012" } });
    fireEvent.change(screen.getByLabelText("短信验证码"), { target: { value: "000000" } });
    fireEvent.click(screen.getByText("核验"));
    expect(await screen.findByText("身份核验未通过，请核对身份证号码后六位和验证码后重试")).toBeTruthy();
    expect(screen.getByText("还可尝试 2 次")).toBeTruthy();
  });

  it("shows only an explanation for an expired link", async () => {
    script({
      [`GET /api/t/${TOKEN}`]: {
        status: 410,
        body: { error: "invitation_expired", message: "链接已过期，请联系考生重新发送" },
      },
    });
    renderAt(`/t/${TOKEN}`);
    expect(await screen.findByText("链接已过期", {}, { timeout: 10_000 })).toBeTruthy();
    expect(screen.getByText("链接已过期，请联系考生重新发送")).toBeTruthy();
    expect(screen.getByText(/请联系考生：撤回这次邀请后重新选择您/)).toBeTruthy();
    expect(screen.queryByText("下一步")).toBeNull();
    expect(screen.queryByText(/第 1 步/)).toBeNull();
  });
});
