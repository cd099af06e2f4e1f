/**
 * A published edition as the portal's FormEngine needs it (FORM-5): manifest facts, every section's and
 * form's schema, uiSchema and rules, and the catalogs. Examples stay on the server (they are for the linter
 * and tests); their arrays are sent empty so the answer is still a `@shenbao/rules` `Edition`.
 */
import { editionText, type Edition, type FormDefinition, type SectionDefinition } from "@shenbao/rules";
import type { Stored } from "../ports/store.js";
import type { EditionDoc } from "../store/collections.js";

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

/** What the portal shows before anyone signs in (ACC-3): the open edition's names and its window. */
export interface PortalView {
  /** The portal's name and sign-in button, in the open edition's wording. */
  portalName: string;
  signIn: string;
  /** The business open for applications, or null when no edition is published. */
  product: {
    key: string;
    version: string;
    title: string;
    tile: string;
    apply: string;
    opensAt: string | null;
    closesAt: string | null;
  } | null;
}

/** The portal of the open `edition` (or of none). */
export function presentPortal(
  opening: { edition: Edition; window: { opensAt: number | null; closesAt: number | null } } | null,
): PortalView {
  if (opening === null) return { portalName: PLATFORM_NAME, signIn: "登录", product: null };
  const { edition, window } = opening;
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    portalName: editionText(edition, "portal.name"),
    signIn: editionText(edition, "portal.signIn"),
    product: {
      key: edition.key,
      version: edition.version,
      title: edition.title,
      tile: editionText(edition, "product.tile"),
      apply: editionText(edition, "product.apply"),
      opensAt: iso(window.opensAt),
      closesAt: iso(window.closesAt),
    },
  };
}

/** One stored edition version as the administrators' list shows it (FORM-2, FORM-4). */
export interface EditionVersionView {
  key: string;
  version: string;
  rev: number;
  title: string | null;
  status: EditionDoc["status"];
  publishedAt: string | null;
  publishedBy: string | null;
  /** Who published it as administrators read it: a masked phone, or 「系统」 for the platform itself. */
  publishedByLabel: string | null;
  createdBy: string | null;
  copiedFrom: string | null;
  /** Whether new applications start on this version now, and its window. */
  open: boolean;
  opensAt: string | null;
  closesAt: string | null;
  updatedAt: string;
}

/** Presents `doc`; `open` is the current opening (or undefined when nothing is published). */
export function presentEditionVersion(
  doc: Stored<EditionDoc>,
  open: { edition: Edition; window: { opensAt: number | null; closesAt: number | null } } | undefined,
  publishedByLabel: string | null = null,
): EditionVersionView {
  const isOpen = open !== undefined && open.edition.key === doc.key && open.edition.version === doc.version;
  const iso = (ms: number | null | undefined) =>
    ms === null || ms === undefined ? null : new Date(ms).toISOString();
  const title = doc.editionJson === undefined ? null : (JSON.parse(doc.editionJson) as Edition).title;
  return {
    key: doc.key,
    version: doc.version,
    rev: doc.rev,
    title,
    status: doc.status,
    publishedAt: iso(doc.publishedAt),
    publishedBy: doc.publishedBy ?? null,
    publishedByLabel,
    createdBy: doc.createdBy ?? null,
    copiedFrom: doc.copiedFrom ?? null,
    open: isOpen,
    opensAt: isOpen ? iso(open.window.opensAt) : null,
    closesAt: isOpen ? iso(open.window.closesAt) : null,
    updatedAt: doc.updatedAt,
  };
}

/** The platform's own name, shown while no edition is published. */
const PLATFORM_NAME = "申报";

/** The edition for the browser, fields listed explicitly. */
export function presentEdition(edition: Edition): EditionView {
  return {
    key: edition.key,
    version: edition.version,
    title: edition.title,
    candidateTypeTitle: edition.candidateTypeTitle,
    candidateTypes: edition.candidateTypes.map((type) => ({ value: type.value, label: type.label })),
    ...(edition.bindings === undefined ? {} : { bindings: edition.bindings }),
    ...(edition.texts === undefined ? {} : { texts: edition.texts }),
    sections: edition.sections.map(presentSection),
    forms: edition.forms.map(presentForm),
    catalogs: edition.catalogs,
    examples: [],
  };
}
