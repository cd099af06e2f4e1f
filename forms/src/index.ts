/**
 * @shenbao/forms — form editions as data: loading, linting, example verification and version diff.
 */
export { loadEdition, EditionLoadError } from "./loader.js";
export { readEdition, type Manifest, type ReadResult } from "./read.js";
export { lintEdition } from "./lint.js";
export { diffEditions, type EditionChange } from "./diff.js";
export {
  applicationExampleAnswers,
  formExampleAnswers,
  verifyApplicationExample,
  verifyExamples,
  verifyFormExample,
} from "./examples.js";
export { formatLintMessage, type LintMessage } from "./messages.js";
export { EDITIONS_DIR, editionDir } from "./paths.js";
