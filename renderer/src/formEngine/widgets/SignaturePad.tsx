/**
 * The handwritten-signature surface (TCH-4, the e-signature) shared by the teacher pages and `SignatureWidget`: a
 * full-screen signature_pad canvas. The guide asks to sign "严格按照方向", so on a phone held upright it
 * first asks to turn the phone sideways; 清除 empties the pad and 确认 hands back a PNG data URL.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import SignaturePadEngine from "signature_pad";
import "./signaturePad.css";

/** Whether the screen is wider than high, kept up to date as the phone turns. */
export function useLandscape(): boolean {
  const query = "(orientation: landscape)";
  // Some WeChat builds report orientation late; the window's own proportions settle the question.
  const read = () =>
    (typeof window.matchMedia === "function" && window.matchMedia(query).matches) ||
    window.innerWidth > window.innerHeight;
  const [landscape, setLandscape] = useState(read);
  useEffect(() => {
    if (typeof window.matchMedia !== "function") return undefined;
    const list = window.matchMedia(query);
    const update = () => setLandscape(read());
    update();
    list.addEventListener("change", update);
    window.addEventListener("resize", update);
    return () => {
      list.removeEventListener("change", update);
      window.removeEventListener("resize", update);
    };
  }, []);
  return landscape;
}

/** Props of the pad: what 确认 and 取消 do, and whether landscape is asked for (the edition's `orientation`). */
export interface SignaturePadProps {
  onConfirm: (pngDataUrl: string) => void;
  onCancel: () => void;
  requireLandscape?: boolean;
  /** Shown above the pad, e.g. the field's `ui:help` from the edition. */
  hint?: string;
}

/** The full-screen pad; mount it when the user starts signing, unmount to close. */
export function SignaturePad({ onConfirm, onCancel, requireLandscape = true, hint }: SignaturePadProps) {
  const landscape = useLandscape();
  const [portraitAnyway, setPortraitAnyway] = useState(false);
  const showPad = !requireLandscape || landscape || portraitAnyway;
  return (
    <div className="sb-sign" role="dialog" aria-modal="true" aria-label="手写签名">
      {showPad ? (
        <PadSurface onConfirm={onConfirm} onCancel={onCancel} hint={hint} />
      ) : (
        <div className="sb-sign-rotate" role="status">
          <div className="sb-sign-rotate-icon" aria-hidden="true">
            ⟳
          </div>
          <p className="sb-sign-rotate-title">请将手机横过来签名</p>
          <p>横屏后签名区域会铺满屏幕，请在框内按正常书写方向签写本人名字。</p>
          <div className="sb-sign-rotate-actions">
            <button type="button" className="sb-sign-btn" onClick={onCancel}>
              返回
            </button>
            <button type="button" className="sb-sign-btn" onClick={() => setPortraitAnyway(true)}>
              无法横屏，继续签名
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

function PadSurface({ onConfirm, onCancel, hint }: Omit<SignaturePadProps, "requireLandscape">) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<SignaturePadEngine | null>(null);
  const [empty, setEmpty] = useState(true);
  const [error, setError] = useState<string>();

  const fit = useCallback(() => {
    const canvas = canvasRef.current;
    const pad = padRef.current;
    if (!canvas || !pad) return;
    // Sized in device pixels so strokes stay sharp; resizing clears the canvas, so keep the strokes.
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    const strokes = pad.toData();
    canvas.width = Math.max(canvas.offsetWidth, 1) * ratio;
    canvas.height = Math.max(canvas.offsetHeight, 1) * ratio;
    canvas.getContext("2d")?.scale(ratio, ratio);
    pad.clear();
    pad.fromData(strokes);
  }, []);

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return undefined;
    const pad = new SignaturePadEngine(canvas, {
      penColor: "#000",
      // A white background: the PNG must read on white paper and on dark previews alike.
      backgroundColor: "rgb(255,255,255)",
      minWidth: 1,
      maxWidth: 3.5,
    });
    padRef.current = pad;
    const stroke = () => {
      setEmpty(pad.isEmpty());
      setError(undefined);
    };
    pad.addEventListener("endStroke", stroke);
    fit();
    window.addEventListener("resize", fit);
    return () => {
      window.removeEventListener("resize", fit);
      pad.removeEventListener("endStroke", stroke);
      pad.off();
      padRef.current = null;
    };
  }, [fit]);

  const clear = () => {
    padRef.current?.clear();
    setEmpty(true);
  };
  const confirm = () => {
    const pad = padRef.current;
    if (!pad || pad.isEmpty()) {
      setError("请先在签名区域内签名");
      return;
    }
    onConfirm(pad.toDataURL("image/png"));
  };

  return (
    <div className="sb-sign-surface">
      <div className="sb-sign-top">
        <span>{hint ?? "请在下方空白处签写本人名字"}</span>
        {error && (
          <span className="sb-sign-error" role="alert">
            {error}
          </span>
        )}
      </div>
      <canvas ref={canvasRef} className="sb-sign-canvas" aria-label="签名区域" />
      <div className="sb-sign-actions">
        <button type="button" className="sb-sign-btn" onClick={onCancel}>
          取消
        </button>
        <button type="button" className="sb-sign-btn" onClick={clear} disabled={empty}>
          清除
        </button>
        <button type="button" className="sb-sign-btn sb-sign-btn-primary" onClick={confirm}>
          确认
        </button>
      </div>
    </div>
  );
}
