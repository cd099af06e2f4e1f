/** The page of an unknown address. */
import { Link } from "react-router";

/** Tells the user the page does not exist and offers the way home. */
export function NotFound() {
  return (
    <main className="sb-page">
      <div className="sb-card">
        <h1 className="sb-page-title">页面不存在</h1>
        <p className="sb-muted">您访问的地址不存在或已变更。</p>
        <Link to="/" className="sb-btn sb-btn-primary">
          返回首页
        </Link>
      </div>
    </main>
  );
}
