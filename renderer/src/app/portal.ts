/**
 * The portal's names in the open edition's wording (ACC-3): the portal name in the header, the sign-in
 * entry, the business tile and the apply button. Fetched once per page load from GET /api/editions/portal;
 * no page spells an edition's product name itself.
 */
import { useEffect, useState } from "react";
import { portalApi, type PortalView } from "../api/endpoints.js";

let loading: Promise<PortalView> | undefined;

/** The portal, loaded once and shared by every component asking. */
export function loadPortal(): Promise<PortalView> {
  if (loading === undefined) {
    loading = portalApi.portal();
    // A failed load is not kept, so the next page asks again.
    loading.catch(() => {
      loading = undefined;
    });
  }
  return loading;
}

/** The portal, or undefined while loading (and when it could not be loaded). */
export function usePortal(): PortalView | undefined {
  const [portal, setPortal] = useState<PortalView>();
  useEffect(() => {
    let live = true;
    loadPortal().then(
      (value) => live && setPortal(value),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return portal;
}
