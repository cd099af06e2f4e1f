/**
 * The phone side of 「扫码登录」 (ACC-2): `/qr-login#<ticket>.<secret>` (or `/scan/:ticketId#<secret>`).
 * The secret stays in the fragment; a signed-out phone signs in first and the fragment waits in
 * sessionStorage, so it never travels in a query string.
 */
import { useEffect, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { messageOf } from "../../api/apiClient.js";
import { authApi } from "../../api/endpoints.js";
import { signInPath, useSession } from "../../app/session.js";
import { PageLoading } from "../../ui/PageState.js";
import { usePortal } from "../../app/portal.js";

const STORAGE_KEY = "shenbao.qrTicket";

interface Ticket {
  id: string;
  secret: string;
}

function ticketFromLocation(pathTicketId: string | undefined): Ticket | undefined {
  const fragment = window.location.hash.slice(1);
  if (pathTicketId && fragment) return { id: pathTicketId, secret: fragment };
  const [id, secret] = fragment.split(".");
  if (id && secret) return { id, secret };
  const stored = sessionStorage.getItem(STORAGE_KEY);
  return stored ? (JSON.parse(stored) as Ticket) : undefined;
}

/** Asks the signed-in phone user to confirm signing in on the PC. */
export function QrConfirm() {
  const { ticketId } = useParams();
  const { me } = useSession();
  const navigate = useNavigate();
  const portal = usePortal();
  const [ticket] = useState(() => ticketFromLocation(ticketId));
  const [state, setState] = useState<"idle" | "sending" | "done">("idle");
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (me !== null || ticket === undefined) return;
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(ticket));
    navigate(signInPath("/qr-login"), { replace: true });
  }, [me, ticket, navigate]);

  if (ticket === undefined) {
    return (
      <main className="sb-page">
        <div className="sb-card" role="alert">
          <p className="sb-error">二维码已失效，请在电脑上刷新二维码后重新扫码</p>
          <Link to="/" className="sb-btn">
            返回首页
          </Link>
        </div>
      </main>
    );
  }
  if (!me) return <PageLoading />;

  const confirm = async () => {
    setState("sending");
    setError(undefined);
    try {
      await authApi.confirmQrTicket(ticket.id, ticket.secret);
      sessionStorage.removeItem(STORAGE_KEY);
      setState("done");
    } catch (failure) {
      setError(messageOf(failure));
      setState("idle");
    }
  };

  return (
    <main className="sb-page">
      <div className="sb-card">
        <h1 className="sb-page-title">扫码登录</h1>
        {state === "done" ? (
          <p className="sb-notice" role="status">
            已确认登录，请在电脑上继续操作
          </p>
        ) : (
          <>
            <p>
              您正在电脑上登录{portal?.portalName ?? ""}（账号 {me.phone ?? "微信用户"}
              ）。如非本人操作，请勿确认。
            </p>
            {error && (
              <p className="sb-error" role="alert">
                {error}
              </p>
            )}
            <button
              type="button"
              className="sb-btn sb-btn-primary sb-btn-block"
              disabled={state === "sending"}
              onClick={() => void confirm()}
            >
              {state === "sending" ? "正在确认…" : "确认登录"}
            </button>
          </>
        )}
      </div>
    </main>
  );
}
