/** How 实名认证 states look in lists and tags; the words themselves come from the server (`stateLabel`). */
import type { IdentityView } from "../../api/endpoints.js";

/** antd Tag colour of a state (undefined = no attempt, shown as 未认证). */
export function identityTagColor(state: IdentityView["state"] | undefined): string {
  if (state === "verified") return "success";
  if (state === "pending") return "processing";
  if (state === "rejected") return "error";
  return "default";
}
