/**
 * Loads what the application pages share: the candidate's application (one per edition, the newest first),
 * the edition it is pinned to (APP-1) or the current one before it exists, and the identity state (ID-1).
 */
import { useCallback, useEffect, useState } from "react";
import type { Edition } from "@shenbao/rules";
import { messageOf } from "../../api/apiClient.js";
import { editionApi } from "../../api/editionEndpoints.js";
import { applicationApi, identityApi, type ApplicationView, type IdentityView } from "../../api/endpoints.js";

/** The loaded data; `application` is null before the candidate starts applying. */
export interface MyApplication {
  application: ApplicationView | null;
  edition: Edition;
  identity: IdentityView | null;
}

/** Loading state of the application pages and a setter for answers of later writes. */
export interface MyApplicationState {
  data: MyApplication | undefined;
  error: string | undefined;
  reload: () => void;
  setApplication: (application: ApplicationView) => void;
}

/** Loads once `enabled` (signed in); `reload` asks again. */
export function useMyApplication(enabled: boolean): MyApplicationState {
  const [data, setData] = useState<MyApplication>();
  const [error, setError] = useState<string>();
  const [round, setRound] = useState(0);

  useEffect(() => {
    if (!enabled) return undefined;
    let live = true;
    setError(undefined);
    (async () => {
      const [identityPage, mine] = await Promise.all([identityApi.get(), applicationApi.mine()]);
      const application = mine.items[0] ?? null;
      const edition = application
        ? await editionApi.version(application.editionKey, application.editionVersion)
        : await editionApi.current();
      const identity = identityPage.identity?.state === "withdrawn" ? null : identityPage.identity;
      if (live) setData({ application, edition, identity });
    })().catch((failure: unknown) => live && setError(messageOf(failure)));
    return () => {
      live = false;
    };
  }, [enabled, round]);

  const reload = useCallback(() => setRound((n) => n + 1), []);
  const setApplication = useCallback(
    (application: ApplicationView) => setData((current) => (current ? { ...current, application } : current)),
    [],
  );
  return { data, error, reload, setApplication };
}
