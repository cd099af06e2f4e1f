/**
 * The built-in identity check: only the rules of GB 11643 that need no outside service (check character,
 * a real date of birth, a known region code). It cannot tell whether the number belongs to the person, and
 * says so in `describe()`, which /healthz and the admin view show.
 */
import { validateIdNumber, type RegionLookup } from "../../identity/idNumber.js";
import type { Clock } from "../../ports/clock.js";
import type {
  IdentityCheck,
  IdentityCheckDescription,
  IdentityCheckRequest,
  IdentityCheckResult,
} from "../../ports/identityCheck.js";

/** What the admin view and /healthz show for the local provider. */
export const LOCAL_IDENTITY_CHECK_NOTE =
  "仅做本地校验（校验位、出生年月日、地区代码），不连接公安身份核验服务";

/** `IdentityCheck` that matches every resident ID number passing the local checks. */
export class LocalIdentityCheck implements IdentityCheck {
  readonly kind = "local";
  readonly usesPhoto = false;

  constructor(
    private readonly isKnownRegion: RegionLookup,
    private readonly clock: Clock,
  ) {}

  async check(request: IdentityCheckRequest): Promise<IdentityCheckResult> {
    // Other documents have no checksum to test; they always go to an administrator (ID-4).
    if (request.docType !== "resident_id")
      return { outcome: "unavailable", detail: "该证件类型不支持自动核验" };
    const result = validateIdNumber(request.idNumber, this.isKnownRegion, {
      now: new Date(this.clock.now()),
    });
    return result.ok ? { outcome: "match" } : { outcome: "mismatch", detail: result.message };
  }

  describe(): IdentityCheckDescription {
    return { adapter: this.kind, note: LOCAL_IDENTITY_CHECK_NOTE };
  }

  async health(): Promise<{ ok: boolean; detail?: string }> {
    return { ok: true };
  }
}
