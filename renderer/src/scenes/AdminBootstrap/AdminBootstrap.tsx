/**
 * `/admin/bootstrap#<token>` (issue 4 item 6): the link from the start-up log makes the signed-in user the
 * first administrator. The token stays in the fragment (sessionStorage while signing in), never in a URL
 * the server logs.
 */
import { useEffect, useState } from "react";
import { Link, useNavigate } from "react-router";
import { messageOf } from "../../api/apiClient.js";
import { authApi } from "../../api/endpoints.js";
import { signInPath, useSession } from "../../app/session.js";
import { PageLoading } from "../../ui/PageState.js";

const STORAGE_KEY = "shenbao.adminBootstrap";

function tokenFromLocation(): string | undefined {
  const fragment = window.location.hash.slice(1);
  if (fragment !== "") return fragment;
  return sessionStorage.getItem(STORAGE_KEY) ?? undefined;
}

/** Confirms and redeems the bootstrap token. */
export function AdminBootstrap() {
  const { me, signedIn } = useSession();
  const navigate = useNavigate();
  const [token] = useState(tokenFromLocation);
  const [state, setState] = useState<"idle" | "sending" | "done">("idle");
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (me !== null || token === undefined) return;
    sessionStorage.setItem(STORAGE_KEY, token);
    navigate(signInPath("/admin/bootstrap"), { replace: true });
  }, [me, token, navigate]);

  if (token === undefined) {
    return (
      <main className="sb-page">
        <p className="sb-error sb-card" role="alert">
          管理员初始化链接无效，请使用启动日志中的完整链接
        </p>
      </main>
    );
  }
  if (!me) return <PageLoading />;

  const redeem = async () => {
    setState("sending");
    setError(undefined);
    try {
      signedIn(await authApi.bootstrapAdmin(token));
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
        <h1 className="sb-page-title">设置首位管理员</h1>
        {state === "done" ? (
          <>
            <p className="sb-notice" role="status">
              已设置为管理员
            </p>
            <Link to="/admin/identity-requests" className="sb-btn sb-btn-primary">
              实名认证审核
            </Link>
          </>
        ) : (
          <>
            <p>当前账号（{me.phone ?? "微信用户"}）将成为系统管理员，可审核实名认证申请。</p>
            {error && (
              <p className="sb-error" role="alert">
                {error}
              </p>
            )}
            <button
              type="button"
              className="sb-btn sb-btn-primary sb-btn-block"
              disabled={state === "sending"}
              onClick={() => void redeem()}
            >
              {state === "sending" ? "正在设置…" : "确认成为管理员"}
            </button>
          </>
        )}
      </div>
    </main>
  );
}
