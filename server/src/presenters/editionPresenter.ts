/**
 * A published edition as the portal's FormEngine needs it (FORM-5): manifest facts, every section's and
 * form's schema, uiSchema and rules, and the catalogs. Examples stay on the server (they are for the linter
 * and tests); their arrays are sent empty so the answer is still a `@shenbao/rules` `Edition`.
 */
import type { Edition, FormDefinition, SectionDefinition } from "@shenbao/rules";

/** The JSON of GET /api/editions/current and /api/editions/:key/:version. */
export type EditionView = Edition;

function presentForm(form: FormDefinition): FormDefinition {
  return {
    key: form.key,
    title: form.title,
    schema: form.schema,
    uiSchema: form.uiSchema,
    rules: form.rules,
    examples: [],
  };
}

function presentSection(section: SectionDefinition): SectionDefinition {
  const view: SectionDefinition = { ...presentForm(section), requiredForSubmit: section.requiredForSubmit };
  if (section.group !== undefined) view.group = section.group;
  if (section.appliesWhen !== undefined) view.appliesWhen = section.appliesWhen;
  return view;
}

/** The edition for the browser, fields listed explicitly. */
export function presentEdition(edition: Edition): EditionView {
  return {
    key: edition.key,
    version: edition.version,
    title: edition.title,
    candidateTypeTitle: edition.candidateTypeTitle,
    candidateTypes: edition.candidateTypes.map((type) => ({ value: type.value, label: type.label })),
    sections: edition.sections.map(presentSection),
    forms: edition.forms.map(presentForm),
    catalogs: edition.catalogs,
    examples: [],
  };
}
