// Portal home (ACC-3): the 快捷入口 to sign in and the business list. Plain elements, no antd: this is the
// page every visitor loads first, often on a phone inside WeChat.
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { signInPath, useSession } from "../../app/session.js";

/** What /healthz reports, shown small at the foot of the page so an operator sees the running adapters. */
interface Health {
  status: string;
  ports: Record<string, { adapter: string; ok: boolean }>;
}

const APPLY_PATH = "/apply";

/** The first page every visitor sees, on a phone or a PC. */
export function Home() {
  const { me } = useSession();
  const [health, setHealth] = useState<Health | null>(null);
  useEffect(() => {
    fetch("/healthz")
      .then((response) => response.json() as Promise<Health>)
      .then(setHealth)
      .catch(() => setHealth(null));
  }, []);

  // Signed-out visitors sign in first and land on the application afterwards.
  const applyHref = me === null ? signInPath(APPLY_PATH) : APPLY_PATH;

  return (
    <main className="sb-page">
      <section className="sb-card" aria-labelledby="sb-quick">
        <h2 id="sb-quick" className="sb-card-title">
          快捷入口
        </h2>
        <Link to={me ? "/me" : "/login"} className="sb-btn sb-btn-primary sb-btn-block">
          湖北省卫生人才业务登录入口
        </Link>
      </section>
      <section className="sb-card" aria-labelledby="sb-business">
        <h2 id="sb-business" className="sb-card-title">
          业务办理
        </h2>
        <div className="sb-tiles">
          <Link to={applyHref} className="sb-tile">
            <span className="sb-tile-icon" aria-hidden="true">
              医
            </span>
            <span>中医医术确有专长人员医师资格考核报名</span>
          </Link>
        </div>
      </section>
      <footer className="sb-muted" style={{ textAlign: "center", fontSize: 12 }}>
        {health
          ? Object.entries(health.ports)
              .map(([port, { adapter, ok }]) => `${port}: ${adapter}${ok ? "" : "（异常）"}`)
              .join(" · ")
          : "服务状态获取中"}
      </footer>
    </main>
  );
}
