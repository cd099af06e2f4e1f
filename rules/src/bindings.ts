/**
 * What the platform's code needs to know about an edition, declared by the edition itself (manifest
 * `bindings` and `texts`, FORMAT.md): which section holds the teacher list, which form teachers sign, which
 * fields the verified identity fills, where on-site confirmation happens, and the edition's product wording.
 * Code reads these through `editionBindings(edition)` and never spells a section, field, form or text.
 */
import { evaluate } from "./logic.js";
import { isObject, schemaAt } from "./paths.js";
import type { Answers, Edition, FormDefinition, Logic, SectionDefinition } from "./types.js";

/** Facts of a verified identity (实名认证) that an edition may prefill into a section (SEC-1). */
export const IDENTITY_FACTS = ["name", "sex", "birthDate"] as const;

/** One fact of a verified identity. */
export type IdentityFact = (typeof IDENTITY_FACTS)[number];

/** The manifest's `bindings` block as written (FORMAT.md); every part is optional. */
export interface EditionBindingsDecl {
  /** Fields of one section filled from the verified identity and never taken from the browser. */
  identityPrefill?: { section: string; fields: Record<string, IdentityFact> };
  /** The list of chosen teachers (`"ui:field": "teacherList"`); its section is written by invitation commands only. */
  teacherList?: { section: string; field: string };
  /** The form a teacher fills and signs, and its acknowledgement fields shown as steps of their own (TCH-4). */
  evaluation?: { form: string; notice?: string; commitment?: string };
  /** On-site confirmation (REV-3): the reviewers' form and the county (json-logic over the pruned answers). */
  onsite?: { form?: string; county?: Logic; province?: string; bureaus?: string; passed?: Logic };
  /** The GB/T 2260 divisions catalog: ID-number region codes and reviewer scopes. */
  divisions?: string;
  /** Cross-application checks of the teacher list shown to reviewers, and to candidates where asked (REV-1). */
  reviewChecks?: ReviewCheckDecl[];
  /** Columns of the 公示 list besides name, sex, county and candidate type: a title and a json-logic value. */
  publicList?: { title: string; value: Logic; catalog?: string }[];
}

/**
 * One cross-application check over the teacher lists of all applications of the edition (closed vocabulary):
 * `teacherLoad` — a teacher in `role` chosen by more than `max` candidates; `roleOverlap` — one person in
 * both `roles` across applications. `note` says where the limit comes from, for administrators.
 */
export type ReviewCheckDecl =
  | { kind: "teacherLoad"; role: string; max: number; showToCandidate?: boolean; note?: string }
  | { kind: "roleOverlap"; roles: [string, string]; showToCandidate?: boolean; note?: string };

/** A text the platform shows in the edition's wording, with the placeholders it may fill in. */
export interface EditionTextSpec {
  /** What the text is for, shown to administrators editing it. */
  description: string;
  /** Needed by every edition, or only by one that binds a teacher list, or on-site bureaus. */
  needs: "always" | "teacherList" | "onsiteBureaus";
  /** `{name}` placeholders the platform fills; those listed in `required` must appear. */
  placeholders?: readonly string[];
  required?: readonly string[];
}

/**
 * Every text key the platform reads from an edition's `texts` (platform wording that is the same for every
 * edition — buttons, errors — stays in code). The linter checks an edition against this list.
 */
export const EDITION_TEXTS = {
  "portal.name": { description: "门户名称（页头、扫码登录确认）", needs: "always" },
  "portal.signIn": { description: "门户首页「快捷入口」的登录按钮", needs: "always" },
  "product.tile": { description: "门户首页「业务办理」中的事项名称", needs: "always" },
  "product.apply": { description: "开始报名的按钮和页面标题", needs: "always" },
  "recommenders.lookupTitle": { description: "选择老师页：查找老师的卡片标题", needs: "teacherList" },
  "recommenders.qrInstruction": { description: "选择老师页：二维码下方的说明", needs: "teacherList" },
  "recommenders.scanHint": { description: "选择老师页：老师扫码后做什么", needs: "teacherList" },
  "recommenders.lookupFailure": {
    description: "获取失败时的说明（老师所在机构应如何完善人员信息）",
    needs: "teacherList",
  },
  "teacher.summaryTitle": { description: "老师页面：被推荐人信息一步的标题", needs: "teacherList" },
  "sms.invitationNotify": {
    description: "邀请老师评价的短信",
    needs: "teacherList",
    placeholders: ["candidate", "role", "expiry", "link"],
    required: ["link"],
  },
  "sms.invitationRemind": {
    description: "提醒老师尽快评价的短信",
    needs: "teacherList",
    placeholders: ["candidate", "role", "expiry", "link"],
    required: ["link"],
  },
  "sms.invitationCode": {
    description: "老师身份核验验证码短信",
    needs: "teacherList",
    placeholders: ["code", "minutes"],
    required: ["code"],
  },
  "onsite.instruction": {
    description: "提交后告诉考生到哪里办理线下确认（地址、电话另行显示）",
    needs: "onsiteBureaus",
    placeholders: ["bureau"],
    required: ["bureau"],
  },
} as const satisfies Record<string, EditionTextSpec>;

/** A text key of `EDITION_TEXTS`. */
export type EditionTextKey = keyof typeof EDITION_TEXTS;

/** The resolved bindings of an edition: what `editionBindings` returns. */
export interface EditionBindings {
  identityPrefill: { section: string; fields: Record<string, IdentityFact> } | undefined;
  teacherList: { section: string; field: string } | undefined;
  /** Sections no candidate save may write: their data comes from commands (the teacher list's section). */
  commandOwnedSections: ReadonlySet<string>;
  evaluation:
    | {
        form: string;
        notice: string | undefined;
        commitment: string | undefined;
        signature: string | undefined;
      }
    | undefined;
  onsite: {
    form: string | undefined;
    county: Logic | undefined;
    province: string | undefined;
    bureaus: string | undefined;
    /** json-logic over `{ answers }` of the onsite form: true when the confirmation passed (absent: always). */
    passed: Logic | undefined;
  };
  divisions: string | undefined;
  reviewChecks: ReviewCheckDecl[];
  publicList: { title: string; value: Logic; catalog?: string }[];
}

/** Thrown when code asks for a text an edition does not have (the linter refuses such an edition). */
export class MissingEditionTextError extends Error {
  constructor(
    readonly edition: string,
    readonly key: string,
  ) {
    super(`edition ${edition} has no text "${key}"`);
    this.name = "MissingEditionTextError";
  }
}

/** The first top-level field of `form` whose uiSchema names `widget`, e.g. the signature pad. */
export function fieldWithWidget(form: FormDefinition | undefined, widget: string): string | undefined {
  for (const [name, ui] of Object.entries(form?.uiSchema ?? {})) {
    if (isObject(ui) && ui["ui:widget"] === widget) return name;
  }
  return undefined;
}

const cache = new WeakMap<Edition, EditionBindings>();

/** The bindings an edition declares, resolved once per loaded edition. */
export function editionBindings(edition: Edition): EditionBindings {
  const cached = cache.get(edition);
  if (cached !== undefined) return cached;
  const decl: EditionBindingsDecl = edition.bindings ?? {};
  const evaluationForm = decl.evaluation && edition.forms.find((form) => form.key === decl.evaluation?.form);
  const bindings: EditionBindings = {
    identityPrefill: decl.identityPrefill,
    teacherList: decl.teacherList,
    commandOwnedSections: new Set(decl.teacherList ? [decl.teacherList.section] : []),
    evaluation: decl.evaluation && {
      form: decl.evaluation.form,
      notice: decl.evaluation.notice,
      commitment: decl.evaluation.commitment,
      signature: fieldWithWidget(evaluationForm, "signature"),
    },
    onsite: {
      form: decl.onsite?.form,
      county: decl.onsite?.county,
      province: decl.onsite?.province,
      bureaus: decl.onsite?.bureaus,
      passed: decl.onsite?.passed,
    },
    divisions: decl.divisions,
    reviewChecks: decl.reviewChecks ?? [],
    publicList: decl.publicList ?? [],
  };
  cache.set(edition, bindings);
  return bindings;
}

/** The edition's text `key` with `{name}` placeholders filled from `values`. */
export function editionText(
  edition: Edition,
  key: EditionTextKey,
  values: Record<string, string> = {},
): string {
  const template = edition.texts?.[key];
  if (typeof template !== "string")
    throw new MissingEditionTextError(`${edition.key}@${edition.version}`, key);
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** The on-site bureau of `county` from the edition's bureau catalog: name, address and phone (REV-3). */
export function onsiteBureau(
  edition: Edition,
  county: string,
): { name: string; address: string | null; phone: string | null } | undefined {
  const id = editionBindings(edition).onsite.bureaus;
  const item = id === undefined ? undefined : edition.catalogs[id]?.items.find((i) => i.value === county);
  if (item === undefined) return undefined;
  const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : null);
  return { name: item.label, address: text(item.address), phone: text(item.phone) };
}

/** The section holding the teacher list, or undefined for an edition without teachers. */
export function teacherListSection(edition: Edition): SectionDefinition | undefined {
  const binding = editionBindings(edition).teacherList;
  return binding && edition.sections.find((section) => section.key === binding.section);
}

/** The roles a teacher can have in this edition (the `role` options of the teacher list), with titles. */
export function teacherRoles(edition: Edition): { value: string; title: string }[] {
  const binding = editionBindings(edition).teacherList;
  const section = teacherListSection(edition);
  const roleSchema = binding && section && schemaAt(section.schema, `${binding.field}.0.role`);
  const options = Array.isArray(roleSchema?.oneOf) ? roleSchema.oneOf : [];
  return options.flatMap((option) =>
    isObject(option) && typeof option.const === "string"
      ? [{ value: option.const, title: typeof option.title === "string" ? option.title : option.const }]
      : [],
  );
}

/** The title of teacher role `role` (a role's Chinese name), or the value itself when unknown. */
export function teacherRoleTitle(edition: Edition, role: string): string {
  return teacherRoles(edition).find((option) => option.value === role)?.title ?? role;
}

/**
 * The county code of on-site confirmation (SEC-4, SEC-5, REV-3) for already pruned answers: the edition's
 * `onsite.county` json-logic over `{ candidateType, sections }`, or undefined when it names none.
 */
export function onsiteCountyFor(edition: Edition, prunedAnswers: Answers): string | undefined {
  const rule = editionBindings(edition).onsite.county;
  if (rule === undefined) return undefined;
  const county = evaluate(rule, {
    candidateType: prunedAnswers.candidateType ?? null,
    sections: prunedAnswers.sections,
  });
  return typeof county === "string" && county !== "" ? county : undefined;
}
