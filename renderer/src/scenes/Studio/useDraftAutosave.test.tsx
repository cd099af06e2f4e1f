// @vitest-environment jsdom
import { act, renderHook } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../api/apiClient.js";
import { DRAFT_CONFLICT_TEXT, useDraftAutosave, type DraftSave } from "./useDraftAutosave.js";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const start = { files: { "manifest.json": "{}" }, rev: 3 };

describe("useDraftAutosave", () => {
  it("saves once after typing stops, with the revision, and follows the new revision", async () => {
    const calls: [number, Record<string, string | null>][] = [];
    const save: DraftSave = (rev, files) => {
      calls.push([rev, files]);
      return Promise.resolve({ rev: rev + 1 });
    };
    const { result } = renderHook(() => useDraftAutosave(start, save, 500));
    expect(result.current.status).toBe("saved");
    act(() => result.current.change({ "manifest.json": "{ " }));
    act(() => result.current.change({ "manifest.json": "{ }" }));
    expect(result.current.status).toBe("pending");
    await act(async () => vi.advanceTimersByTimeAsync(499));
    expect(calls).toHaveLength(0);
    await act(async () => vi.advanceTimersByTimeAsync(1));
    expect(calls).toEqual([[3, { "manifest.json": "{ }" }]]);
    expect(result.current.status).toBe("saved");
    expect(result.current.rev).toBe(4);
    act(() => result.current.change({ "manifest.json": "{}" }));
    await act(async () => vi.advanceTimersByTimeAsync(500));
    expect(calls[1]).toEqual([4, { "manifest.json": "{}" }]);
  });

  it("sends only the files that differ from the last save, and nothing when the text is back as saved", async () => {
    const calls: [number, Record<string, string | null>][] = [];
    const save: DraftSave = (rev, changes) => {
      calls.push([rev, changes]);
      return Promise.resolve({ rev: rev + 1 });
    };
    const files = { "manifest.json": "{}", "catalogs/big.json": "x".repeat(1000), "a.md": "a" };
    const { result } = renderHook(() => useDraftAutosave({ files, rev: 3 }, save, 100));
    const { "a.md": _removed, ...withoutA } = files;
    act(() => result.current.change({ ...withoutA, "manifest.json": "{ }", "b.md": "b" }));
    await act(async () => vi.advanceTimersByTimeAsync(100));
    expect(calls).toEqual([[3, { "manifest.json": "{ }", "b.md": "b", "a.md": null }]]);
    act(() => result.current.change({ ...withoutA, "manifest.json": "{ x }", "b.md": "b" }));
    act(() => result.current.change({ ...withoutA, "manifest.json": "{ }", "b.md": "b" }));
    await act(async () => vi.advanceTimersByTimeAsync(100));
    expect(calls).toHaveLength(1);
    expect(result.current.status).toBe("saved");
  });

  it("on a 409 shows the Chinese message, keeps the text and stops overwriting", async () => {
    const save = vi.fn<DraftSave>(() =>
      Promise.reject(new ApiError("该内容已在其他页面修改，请刷新后重试", 409, "revision_conflict")),
    );
    const { result } = renderHook(() => useDraftAutosave(start, save, 100));
    act(() => result.current.change({ "manifest.json": "mine" }));
    await act(async () => vi.advanceTimersByTimeAsync(100));
    expect(result.current.status).toBe("conflict");
    expect(result.current.error).toBe(DRAFT_CONFLICT_TEXT);
    expect(result.current.files).toEqual({ "manifest.json": "mine" });
    act(() => result.current.change({ "manifest.json": "mine, more" }));
    await act(async () => vi.advanceTimersByTimeAsync(1000));
    expect(save).toHaveBeenCalledTimes(1);
    expect(result.current.files).toEqual({ "manifest.json": "mine, more" });
    await expect(act(() => result.current.flush())).rejects.toMatchObject({ code: "revision_conflict" });
  });

  it("flush saves pending text at once and a failure leaves it unsaved for the next try", async () => {
    let fail = true;
    const save = vi.fn<DraftSave>((rev) =>
      fail
        ? Promise.reject(new ApiError("网络连接失败，请检查网络后重试", 0, "network_error"))
        : Promise.resolve({ rev: rev + 1 }),
    );
    const { result } = renderHook(() => useDraftAutosave(start, save, 10_000));
    act(() => result.current.change({ a: "1" }));
    let caught: unknown;
    await act(async () => {
      caught = await result.current.flush().catch((error: unknown) => error);
    });
    expect(caught).toBeInstanceOf(ApiError);
    expect(result.current.status).toBe("error");
    expect(result.current.error).toBe("网络连接失败，请检查网络后重试");
    fail = false;
    let rev = 0;
    await act(async () => {
      rev = await result.current.flush();
    });
    expect(rev).toBe(4);
    // The failed save's changes are sent again in full: they are still measured against the last success.
    expect(save).toHaveBeenLastCalledWith(3, { a: "1", "manifest.json": null });
    expect(result.current.status).toBe("saved");
  });
});
