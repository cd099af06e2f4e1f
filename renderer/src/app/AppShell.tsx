/**
 * The frame of every page: header with 「个人中心」 / 登录, the 实名认证 prompt (ID-1), the lazily loaded
 * scene, and the app-wide reaction to a 401 (sign in, then come back to where the user was).
 */
import { Suspense, useEffect, useRef, useState } from "react";
import { Link, Outlet, useLocation, useNavigate, useRouteError } from "react-router";
import { setUnauthorizedHandler } from "../api/apiClient.js";
import { PageError, PageLoading } from "../ui/PageState.js";
import { usePortal } from "./portal.js";
import { SessionProvider, signInPath, useSession } from "./session.js";
import { SessionKeepAlive } from "./SessionKeepAlive.js";

// Pages where the prompt would be in the way: the verification itself, signing in, admin work.
const NO_PROMPT = /^\/(identity|login|qr-login|scan|admin)(\/|$)/;

/** Navigation state a sign-in leaves behind, so the first page after it can prompt verification (ID-1). */
export interface SignedInState {
  justSignedIn?: boolean;
}

function Header() {
  const { me } = useSession();
  const location = useLocation();
  const portal = usePortal();
  return (
    <header className="sb-header">
      <div className="sb-header-inner">
        <Link to="/" className="sb-brand">
          {portal?.portalName ?? " "}
        </Link>
        {me ? (
          <Link to="/me" className="sb-header-link">
            个人中心
          </Link>
        ) : me === null && location.pathname !== "/login" ? (
          <Link to={signInPath(location.pathname + location.search)} className="sb-header-link">
            登录
          </Link>
        ) : null}
      </div>
    </header>
  );
}

/** ID-1: right after sign-in a dialog, afterwards a banner, until the identity is verified or pending. */
function IdentityPrompt() {
  const { me, identityStatus } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const justSignedIn = (location.state as SignedInState | null)?.justSignedIn === true;
  const [dismissed, setDismissed] = useState(false);
  useEffect(() => setDismissed(false), [justSignedIn]);

  const needed =
    me?.roles.includes("candidate") === true &&
    (identityStatus === "none" || identityStatus === "rejected") &&
    !NO_PROMPT.test(location.pathname);
  if (!needed) return null;
  const go = () => navigate("/identity");
  if (justSignedIn && !dismissed) {
    return (
      <div className="sb-dialog-backdrop">
        <div className="sb-dialog" role="dialog" aria-modal="true" aria-labelledby="sb-verify-title">
          <h2 id="sb-verify-title" className="sb-card-title">
            实名认证
          </h2>
          <p>首次登录请先完成实名认证，认证成功后方可报名。</p>
          <div className="sb-dialog-actions">
            <button type="button" className="sb-btn" onClick={() => setDismissed(true)}>
              稍后
            </button>
            <button type="button" className="sb-btn sb-btn-primary" onClick={go}>
              前往认证
            </button>
          </div>
        </div>
      </div>
    );
  }
  // The application page explains the block itself; a banner there would say it twice.
  if (location.pathname === "/apply") return null;
  return (
    <div className="sb-banner" role="note">
      <span>
        {identityStatus === "rejected"
          ? "实名认证未通过，请重新认证"
          : "您尚未完成实名认证，认证成功后方可报名"}
      </span>
      <button type="button" className="sb-btn sb-btn-primary" onClick={go}>
        前往认证
      </button>
    </div>
  );
}

function UnauthorizedRedirect() {
  const navigate = useNavigate();
  const location = useLocation();
  const { me, signedOut } = useSession();
  // A 401 while signed in is a session that ended (idle or absolute timeout): the sign-in page says so.
  const wasSignedIn = useRef(false);
  wasSignedIn.current = Boolean(me);
  useEffect(() => {
    const previous = setUnauthorizedHandler(() => {
      const expired = wasSignedIn.current;
      signedOut(expired);
      if (location.pathname === "/login") return;
      navigate(signInPath(location.pathname + location.search, expired), { replace: true });
    });
    return () => {
      setUnauthorizedHandler(previous);
    };
  }, [navigate, location, signedOut]);
  return null;
}

/** The root route element: session, header, prompt and the current scene. */
export function AppShell() {
  return (
    <SessionProvider>
      <UnauthorizedRedirect />
      <SessionKeepAlive />
      <Header />
      <IdentityPrompt />
      <Suspense fallback={<PageLoading />}>
        <Outlet />
      </Suspense>
    </SessionProvider>
  );
}

/** The root error element: mostly a scene chunk that failed to load (weak network, a new deployment). */
export function ShellError() {
  const error = useRouteError();
  console.error(error);
  return (
    <main className="sb-page">
      <PageError message="页面加载失败，请检查网络后刷新" onRetry={() => window.location.reload()} />
    </main>
  );
}
