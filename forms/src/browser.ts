/**
 * What of @shenbao/forms runs in a browser (no file system): example verification, the version diff and
 * the linter's Chinese wording. The studio (issue 9) runs a draft's examples with these, with no server call.
 */
export {
  applicationExampleAnswers,
  formExampleAnswers,
  verifyApplicationExample,
  verifyExamples,
  verifyFormExample,
} from "./examples.js";
export { diffEditions, formatChange, type ChangeDetail, type EditionChange } from "./diff.js";
export { chineseLintMessage, formatLintMessage, type LintMessage } from "./messages.js";
