/**
 * Who is signed in and where their 实名认证 stands, shared by the shell and every scene. Loaded once per
 * page load from GET /api/me (401 = signed out) and GET /api/identity; scenes refresh it after changes.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { authApi, identityApi, type IdentityView, type MeView } from "../api/endpoints.js";

/** The 实名认证 state of the user: a current attempt's state, or "none" before any (or after withdrawal). */
export type IdentityStatus = IdentityView["state"] | "none";

/** What `useSession` gives: `me` is undefined while loading and null when signed out. */
export interface Session {
  me: MeView | null | undefined;
  identityStatus: IdentityStatus | undefined;
  /** After sign-in (code, QR, bootstrap): the user answered by the server, identity reloaded. */
  signedIn: (me: MeView) => void;
  /** `ended`: the session ended under a signed-in page (a 401), not a sign-out by choice. */
  signedOut: (ended?: boolean) => void;
  /** True after a session ended under the user (until the next sign-in): sign-in pages say so. */
  ended: boolean;
  refreshIdentity: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

/** Provides the session to the app; mounted once by the shell. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<MeView | null | undefined>(undefined);
  const [identityStatus, setIdentityStatus] = useState<IdentityStatus | undefined>(undefined);
  const [ended, setEnded] = useState(false);

  const refreshIdentity = useCallback(async () => {
    try {
      const page = await identityApi.get();
      const state = page.identity?.state;
      setIdentityStatus(state === undefined || state === "withdrawn" ? "none" : state);
    } catch {
      // Unknown, not "none": nobody is pushed to verify again because a request failed.
      setIdentityStatus(undefined);
    }
  }, []);

  useEffect(() => {
    let live = true;
    authApi
      .me()
      .then((user) => {
        if (!live) return;
        setMe(user);
        void refreshIdentity();
      })
      .catch(() => live && setMe(null));
    return () => {
      live = false;
    };
  }, [refreshIdentity]);

  const signedIn = useCallback(
    (user: MeView) => {
      setMe(user);
      setEnded(false);
      setIdentityStatus(undefined);
      void refreshIdentity();
    },
    [refreshIdentity],
  );
  const signedOut = useCallback((sessionEnded = false) => {
    setEnded(sessionEnded);
    setMe(null);
    setIdentityStatus(undefined);
  }, []);

  const value = useMemo<Session>(
    () => ({ me, identityStatus, signedIn, signedOut, ended, refreshIdentity }),
    [me, identityStatus, signedIn, signedOut, ended, refreshIdentity],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The current session; only inside `SessionProvider`. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error("useSession outside SessionProvider");
  return session;
}

/** The sign-in page's URL that comes back to `returnTo` afterwards. */
export function signInPath(returnTo: string, expired = false): string {
  return `/login?returnTo=${encodeURIComponent(returnTo)}${expired ? "&expired=1" : ""}`;
}

/** What a page says when the session ended under it (issue 11). */
export const SESSION_EXPIRED_MESSAGE = "登录已过期，请重新登录";

/** A same-site path to go to after sign-in; anything else (another origin, `//host`) goes home. */
export function safeReturnPath(value: string | null): string {
  if (value === null || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\"))
    return "/";
  return value;
}
