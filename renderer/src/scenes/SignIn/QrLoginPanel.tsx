/**
 * 「扫码登录」 on a PC (ACC-2): shows the ticket's QR code and polls it until a signed-in phone confirms;
 * the confirming poll sets the session cookie, so the page signs in without a reload.
 */
import { useCallback, useEffect, useState } from "react";
import { messageOf } from "../../api/apiClient.js";
import { authApi, type MeView, type QrTicket } from "../../api/endpoints.js";

type PanelState =
  | { kind: "loading" }
  | { kind: "showing"; ticket: QrTicket }
  | { kind: "expired" }
  | { kind: "error"; message: string };

/** The QR panel; calls `onSignedIn` once the phone has confirmed. */
export function QrLoginPanel({ onSignedIn }: { onSignedIn: (me: MeView) => void }) {
  const [state, setState] = useState<PanelState>({ kind: "loading" });
  const [round, setRound] = useState(0);
  const refresh = useCallback(() => setRound((n) => n + 1), []);

  useEffect(() => {
    let live = true;
    let timer: number | undefined;
    const poll = (ticket: QrTicket, after: number) => {
      timer = window.setTimeout(async () => {
        try {
          const answer = await authApi.pollQrTicket(ticket.ticketId);
          if (!live) return;
          if (answer.status === "confirmed") onSignedIn(answer.user);
          else if (answer.status === "expired") setState({ kind: "expired" });
          else poll(ticket, answer.pollAfterMs);
        } catch {
          // A dropped poll on a flaky network is retried; the ticket's expiry ends the loop.
          if (live) poll(ticket, ticket.pollAfterMs * 2);
        }
      }, after);
    };
    setState({ kind: "loading" });
    authApi
      .createQrTicket()
      .then((ticket) => {
        if (!live) return;
        setState({ kind: "showing", ticket });
        poll(ticket, ticket.pollAfterMs);
      })
      .catch((error: unknown) => live && setState({ kind: "error", message: messageOf(error) }));
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [round, onSignedIn]);

  return (
    <section className="sb-card sb-qr" aria-labelledby="sb-qr-title">
      <h2 id="sb-qr-title" className="sb-card-title">
        扫码登录
      </h2>
      {state.kind === "loading" && <p className="sb-muted">正在生成二维码…</p>}
      {state.kind === "showing" && (
        <>
          <img src={state.ticket.qrPng} alt="扫码登录二维码" />
          <p className="sb-muted">请使用已登录的手机扫描二维码，并在手机上确认登录</p>
        </>
      )}
      {(state.kind === "expired" || state.kind === "error") && (
        <>
          <p className="sb-error" role="alert">
            {state.kind === "expired" ? "二维码已失效" : state.message}
          </p>
          <button type="button" className="sb-btn" onClick={refresh}>
            刷新二维码
          </button>
        </>
      )}
    </section>
  );
}
