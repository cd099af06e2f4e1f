/**
 * Leaving a form with unsaved changes asks first: the browser's own prompt on reload / close
 * (`beforeunload`) and an antd confirm for in-app navigation, which routers call before they move.
 */
import { useCallback, useEffect, useRef, type ReactElement } from "react";
import { Modal } from "antd";

/** What the guard gives its caller: ask before navigating, and the element that hosts the dialog. */
export interface UnsavedChangesGuard {
  /** Resolves true when there is nothing unsaved or the user chose to leave anyway. */
  confirmLeave: () => Promise<boolean>;
  /** Any other question for the page (e.g. a save that voids signatures); resolves true on OK. */
  confirm: (question: {
    title: string;
    content: string;
    okText: string;
    cancelText: string;
  }) => Promise<boolean>;
  /** Render once inside the page (antd's `Modal.useModal` needs it for theme and locale). */
  contextHolder: ReactElement;
}

/** Guards the page while `dirty`: registers `beforeunload` and offers `confirmLeave` for in-app links. */
export function useUnsavedChangesGuard(dirty: boolean): UnsavedChangesGuard {
  const [modal, contextHolder] = Modal.useModal();
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;

  useEffect(() => {
    if (!dirty) return undefined;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older Chromium and Safari still need returnValue set to show the prompt.
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [dirty]);

  const confirmLeave = useCallback(async () => {
    if (!dirtyRef.current) return true;
    const leave: boolean = await modal.confirm({
      title: "有未保存的修改",
      content: "离开后，本页未保存的内容将会丢失。确定要离开吗？",
      okText: "离开",
      cancelText: "留在本页",
      okButtonProps: { danger: true },
    });
    return leave;
  }, [modal]);

  const confirm = useCallback(
    async (question: { title: string; content: string; okText: string; cancelText: string }) => {
      const ok: boolean = await modal.confirm(question);
      return ok;
    },
    [modal],
  );

  return { confirmLeave, confirm, contextHolder };
}
