/**
 * @shenbao/forms — form editions as data: loading, linting, example verification and version diff.
 */
export { loadEdition, EditionLoadError } from "./loader.js";
export { readEdition, type Manifest, type ReadResult } from "./read.js";
export { lintEdition } from "./lint.js";
export { copiedIdentity, copyEditionFiles, EditionCopyError, type CopyTarget } from "./copy.js";
export {
  dirSource,
  filesSource,
  isEditionFilePath,
  readEditionFiles,
  writeEditionFiles,
  type EditionFiles,
  type EditionSource,
} from "./source.js";
// Example verification, the version diff and the linter's wording: the part that also runs in a browser.
export * from "./browser.js";
export { EDITIONS_DIR, editionDir, shippedEditionDirs } from "./paths.js";
export { migrateSection, type FieldMigration, type SectionMigrationResult } from "./migrate.js";
