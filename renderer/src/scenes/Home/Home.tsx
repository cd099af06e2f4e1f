// Portal home (ACC-3): the 快捷入口 to sign in and the business list. Plain elements, no antd: this is the
// page every visitor loads first, often on a phone inside WeChat. It names no adapter or queue: /healthz
// shows those to administrators only (issue 11).
import { Link } from "react-router";
import { usePortal } from "../../app/portal.js";
import { signInPath, useSession } from "../../app/session.js";

const APPLY_PATH = "/apply";

/** The first page every visitor sees, on a phone or a PC. */
export function Home() {
  const { me } = useSession();
  const portal = usePortal();
  // Signed-out visitors sign in first and land on the application afterwards.
  const applyHref = me === null ? signInPath(APPLY_PATH) : APPLY_PATH;

  return (
    <main className="sb-page">
      <section className="sb-card" aria-labelledby="sb-quick">
        <h2 id="sb-quick" className="sb-card-title">
          快捷入口
        </h2>
        <Link to={me ? "/me" : "/login"} className="sb-btn sb-btn-primary sb-btn-block">
          {portal?.signIn ?? "登录"}
        </Link>
      </section>
      <section className="sb-card" aria-labelledby="sb-business">
        <h2 id="sb-business" className="sb-card-title">
          业务办理
        </h2>
        <div className="sb-tiles">
          {portal?.product ? (
            <Link to={applyHref} className="sb-tile">
              <span className="sb-tile-icon" aria-hidden="true">
                报
              </span>
              <span>{portal.product.tile}</span>
            </Link>
          ) : (
            <p className="sb-muted">{portal ? "暂无开放的报名事项" : "正在加载…"}</p>
          )}
        </div>
      </section>
    </main>
  );
}
