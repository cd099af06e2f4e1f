/** Pages that need a signed-in user send a signed-out visitor to sign in and back (with the same path). */
import { useEffect } from "react";
import { useLocation, useNavigate } from "react-router";
import type { MeView } from "../api/endpoints.js";
import { signInPath, useSession } from "./session.js";

/** The signed-in user, or undefined while loading / redirecting to sign-in. */
export function useRequireSignIn(): MeView | undefined {
  const { me, ended } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  useEffect(() => {
    if (me === null)
      navigate(signInPath(location.pathname + location.search + location.hash, ended), { replace: true });
  }, [me, ended, navigate, location]);
  return me ?? undefined;
}
