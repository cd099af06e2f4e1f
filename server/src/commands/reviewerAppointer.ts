/**
 * Administrators appoint reviewers by phone number with a level and a GB/T 2260 division (REV-1), and
 * revoke them. A phone nobody has signed in with yet gets an account, so the reviewer can sign in with it.
 * The scope applies from the reviewer's next request; both are audited (REV-6).
 */
import { editionBindings, type Edition } from "@shenbao/rules";
import { normalizePhone, PHONE_INDEX_PURPOSE, userPhoneContext } from "../auth/phoneNumber.js";
import { InvalidPhoneError, NotFoundError, ReviewerScopeInvalidError } from "../errors.js";
import type { Stored } from "../ports/store.js";
import { divisionOf, REVIEW_LEVEL_LABELS } from "../review/reviewRouting.js";
import { collectionsOf, type ReviewLevel, type UserDoc } from "../store/collections.js";
import { newId } from "../store/newId.js";
import { appendAudit } from "./audit.js";
import type { CommandDeps } from "./commandDeps.js";

/** Makes the user of `phone` a reviewer of `division` at `level` (replacing an earlier scope). */
export async function reviewerAppointer(
  deps: Pick<CommandDeps, "store" | "clock" | "cipher">,
  input: { edition: Edition; actor: string; phone: string; level: ReviewLevel; division: string },
): Promise<Stored<UserDoc>> {
  const phone = normalizePhone(input.phone);
  if (phone === undefined) throw new InvalidPhoneError();
  const division = divisionOf(input.edition, input.division);
  if (division?.level !== input.level)
    throw new ReviewerScopeInvalidError(`请选择一个${REVIEW_LEVEL_LABELS[input.level]}级区划代码`);
  const province = editionBindings(input.edition).onsite.province;
  if (province !== undefined && !input.division.startsWith(province.slice(0, 2)))
    throw new ReviewerScopeInvalidError("审核人员的区划代码须在本次考核的省份内");

  const { cipher } = deps;
  const now = deps.clock.now();
  const scope = { level: input.level, division: input.division, appointedBy: input.actor, appointedAt: now };
  return deps.store.transaction(async (tx) => {
    const { users } = collectionsOf(tx);
    const candidates = cipher.blindIndexCandidates(phone, PHONE_INDEX_PURPOSE);
    const [existing] = (await users.find({ phoneIndex: { $in: candidates } }, { limit: 1 })).items;
    let stored: Stored<UserDoc>;
    if (existing === undefined) {
      const _id = newId(now);
      stored = await users.insert({
        _id,
        phoneIndex: cipher.blindIndex(phone, PHONE_INDEX_PURPOSE),
        phoneEncrypted: cipher.encrypt(phone, userPhoneContext(_id)),
        roles: ["reviewer"],
        reviewerScope: scope,
      });
    } else {
      const { _id, rev, createdAt: _c, updatedAt: _u, ...fields } = existing;
      const roles = fields.roles.includes("reviewer") ? fields.roles : [...fields.roles, "reviewer" as const];
      stored = await users.replace(_id, rev, { ...fields, roles, reviewerScope: scope });
    }
    await appendAudit(tx, {
      actor: input.actor,
      action: "reviewer.appoint",
      entity: "users",
      entityId: stored._id,
      before: existing?.reviewerScope ? scopeSummary(existing.reviewerScope) : null,
      after: scopeSummary(scope),
      at: now,
    });
    return stored;
  });
}

/** Takes the reviewer role and scope from `userId`. */
export async function reviewerRevoker(
  deps: Pick<CommandDeps, "store" | "clock">,
  input: { actor: string; userId: string },
): Promise<void> {
  const now = deps.clock.now();
  await deps.store.transaction(async (tx) => {
    const { users } = collectionsOf(tx);
    const user = await users.get(input.userId);
    if (user === null || !user.roles.includes("reviewer")) throw new NotFoundError("该审核人员不存在");
    const { _id, rev, createdAt: _c, updatedAt: _u, reviewerScope, ...fields } = user;
    await users.replace(_id, rev, { ...fields, roles: fields.roles.filter((role) => role !== "reviewer") });
    await appendAudit(tx, {
      actor: input.actor,
      action: "reviewer.revoke",
      entity: "users",
      entityId: _id,
      before: reviewerScope ? scopeSummary(reviewerScope) : null,
      after: null,
      at: now,
    });
  });
}

function scopeSummary(scope: { level: ReviewLevel; division: string }) {
  return { level: scope.level, division: scope.division };
}
