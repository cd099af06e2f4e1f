/** The words reviewers and candidates read for each review stage (REV-1…REV-3). */
import type { ReviewStage } from "../store/collections.js";

/** Label of each stage. */
export const REVIEW_STAGE_LABELS: Readonly<Record<ReviewStage, string>> = {
  county: "县区审核",
  returned: "退回修改",
  withdrawn: "考生已撤回",
  city: "市州审核",
  province: "省级审核",
  approved: "审核通过",
  rejected: "审核不通过",
};
