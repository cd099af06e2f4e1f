/**
 * Where a problem of an edition is: the file (relative to the edition directory) and a JSON Pointer
 * inside it ("" = the whole file), with an explanation for the administrator.
 */
export interface LintMessage {
  file: string;
  path: string;
  message: string;
}

/** Appends segments to a JSON Pointer, escaping `~` and `/` (RFC 6901). */
export function pointer(base: string, ...segments: (string | number)[]): string {
  return segments.reduce<string>(
    (acc, segment) => `${acc}/${String(segment).replaceAll("~", "~0").replaceAll("/", "~1")}`,
    base,
  );
}

/** Formats a message as one line: `file path: message`. */
export function formatLintMessage(message: LintMessage): string {
  return `${message.file} ${message.path === "" ? "/" : message.path}: ${message.message}`;
}

// The linter's sentences in Chinese for administrators (the studio, the admin API); the CLI keeps English.
// Patterns are tried in order on the whole message; a prefix (rule "id": …, appliesWhen of "k": …) is kept.
const CHINESE: [RegExp, (...groups: string[]) => string][] = [
  [/^rule "([^"]*)": (.*)$/s, (id, rest) => `规则「${id}」：${chineseText(rest as string)}`],
  [
    /^appliesWhen of "([^"]*)": (.*)$/s,
    (key, rest) => `「${key}」的适用条件：${chineseText(rest as string)}`,
  ],
  [/^valid example has errors: (.*)$/s, (paths) => `合格示例（valid-）不应有错误，却有：${paths}`],
  [/^valid example has blockers: (.*)$/s, (paths) => `合格示例（valid-）不应有提交障碍，却有：${paths}`],
  [/^invalid example has no (errors|blockers)$/, () => "不合格示例（invalid-）应当出错，却没有任何错误"],
  [
    /^invalid example must list the expected (errors|blockers) in expect$/,
    () => "不合格示例（invalid-）应在 expect 中列出预期的错误",
  ],
  [/^(errors|blockers) differ from expect \((.*)\)$/s, (_what, detail) => `错误与 expect 不符（${detail}）`],
  [/^expected but absent: (.*)$/s, (paths) => `预期出现但没有：${paths}`],
  [/^section (\S+) does not apply to this candidate type$/, (key) => `「${key}」不适用于该人员类别`],
  [/^"([^"]*)" is not given and then pruned$/, (path) => `「${path}」未填写或未被清除`],
  [/^"([^"]*)" is not in the effective schema$/, (path) => `「${path}」没有显示`],
  [/^"([^"]*)" is still in the effective schema$/, (path) => `「${path}」仍然显示`],
  [/^names field "([^"]*)" that does not exist$/, (name) => `引用了不存在的字段「${name}」`],
  [/^uiSchema names field "([^"]*)" that does not exist$/, (name) => `界面设置引用了不存在的字段「${name}」`],
  [
    /^ui:order names field "([^"]*)" that does not exist$/,
    (name) => `ui:order 引用了不存在的字段「${name}」`,
  ],
  [/^field "([^"]*)" has no title$/, (name) => `字段「${name}」缺少标题（title）`],
  [/^a text field needs "maxLength".*$/, () => "文本字段需要填写最大长度（maxLength）"],
  [/^a list needs "maxItems".*$/, () => "列表需要填写最多条数（maxItems）"],
  [/^catalog "([^"]*)" is referenced but absent$/, (id) => `引用的目录「${id}」不存在`],
  [
    /^catalog "([^"]*)" is listed but (.*) is missing$/,
    (id, file) => `目录「${id}」已登记，但缺少文件 ${file}`,
  ],
  [/^duplicate value "([^"]*)"$/, (value) => `代码「${value}」重复`],
  [/^duplicate rule id$/, () => "规则编号重复"],
  [/^invalid JSON: (.*)$/s, (detail) => `JSON 格式错误：${detail}`],
  [/^invalid schema: (.*)$/s, (detail) => `字段定义（schema）无效：${detail}`],
  [/^file is missing$/, () => "缺少该文件"],
  [
    /^field "([^"]*)" can be hidden, so the schema must not require it$/,
    (name) => `字段「${name}」可能被隐藏，schema 中不能设为必填`,
  ],
  [/^"([^"]*)" is not a list field of the section$/, (name) => `「${name}」不是本栏目的列表字段`],
  [/^could not be checked: (.*)$/s, (detail) => `无法检查：${detail}`],
  // A file's shape (ajv over the edition's own meta-schemas): the kind of file, then what is wrong.
  [
    /^invalid (manifest|rules file|catalog|example): (.*)$/s,
    (kind, detail) => `${FILE_KINDS[kind] ?? kind}格式不符：${shapeDetail(detail as string)}`,
  ],
  // Bindings and texts of the manifest (issue 8).
  [/^section "([^"]*)" does not exist$/, (key) => `栏目「${key}」不存在`],
  [/^form "([^"]*)" does not exist$/, (key) => `表单「${key}」不存在`],
  [
    /^field "([^"]*)" is not a top-level field of "([^"]*)"$/,
    (name, key) => `字段「${name}」不是「${key}」的顶层字段`,
  ],
  [
    /^field "([^"]*)" comes from the identity, so its uiSchema needs "ui:readonly": true$/,
    (name) => `字段「${name}」取自身份认证，界面设置中须为 "ui:readonly": true`,
  ],
  [/^"([^"]*)" is not a list field of "([^"]*)"$/, (name, key) => `「${name}」不是「${key}」的列表字段`],
  [/^teacher list items need a "([^"]*)" field$/, (name) => `老师列表的每一项都需要字段「${name}」`],
  [
    /^the teacher "role" field lists its roles as "oneOf" const\/title$/,
    () => "老师的「role」字段须用 oneOf 的 const / title 列出各个角色",
  ],
  [
    /^"([^"]*)" needs "ui:field": "teacherList" in its uiSchema$/,
    (name) => `「${name}」的界面设置须为 "ui:field": "teacherList"`,
  ],
  [
    /^"([^"]*)" is not a yes\/no field of form "([^"]*)"$/,
    (name, key) => `「${name}」不是表单「${key}」中的是/否字段`,
  ],
  [
    /^form "([^"]*)" has no field with "ui:widget": "signature"$/,
    (key) => `表单「${key}」没有签名字段（"ui:widget": "signature"）`,
  ],
  [/^an evaluation form needs a teacherList binding$/, () => "评价表需要先绑定老师列表（teacherList）"],
  [/^review checks need a teacherList binding$/, () => "交叉核查需要先绑定老师列表（teacherList）"],
  [/^catalog "([^"]*)" is not listed$/, (id) => `目录「${id}」未在 manifest.json 中登记`],
  [/^"([^"]*)" is not a division of catalog "([^"]*)"$/, (code, id) => `「${code}」不在目录「${id}」中`],
  [/^a pass rule needs the onsite form$/, () => "通过条件（onsite.passed）需要先绑定 onsite.form 表单"],
  [/^"([^"]*)" is not a role of the teacher list$/, (role) => `「${role}」不是老师列表中的角色`],
  [/^onsite pass rule: (.*)$/s, (rest) => `onsite.passed 条件：${chineseText(rest as string)}`],
  [/^onsite county: (.*)$/s, (rest) => `onsite.county 条件：${chineseText(rest as string)}`],
  [/^public list: (.*)$/s, (rest) => `publicList：${chineseText(rest as string)}`],
  [/^text "([^"]*)" \((.*)\) is missing$/s, (key, what) => `缺少文字「${key}」（${what}）`],
  [
    /^"\{(\w+)\}" is not filled in by the platform here; it fills only (.*)$/,
    (name, list) => `平台在这里不会填写 {${name}}，只会填写：${list === "nothing" ? "无" : list}`,
  ],
  [/^text "([^"]*)" must contain \{(\w+)\}$/, (key, name) => `文字「${key}」必须包含 {${name}}`],
  // json-logic anywhere (rules, bindings).
  [
    /^a json-logic operation has exactly one operator, found (\d+)$/,
    (count) => `一个 json-logic 运算只能有一个运算符，这里有 ${count} 个`,
  ],
  [/^unknown json-logic operator "([^"]*)"$/, (operator) => `不认识的 json-logic 运算符「${operator}」`],
];

const FILE_KINDS: Record<string, string> = {
  manifest: "manifest.json ",
  "rules file": "规则文件",
  catalog: "目录文件",
  example: "示例文件",
};

// ajv's sentences about an edition file's shape that an administrator meets; others stay as ajv says them.
const SHAPE_DETAILS: [RegExp, (...groups: string[]) => string][] = [
  [/^required: (.*)$/, (name) => `缺少「${name}」`],
  [/^additionalProperties: (.*)$/, (name) => `不认识的属性「${name}」`],
  [/^must be equal to one of the allowed values$/, () => "取值不在允许的范围内"],
  [/^property name must be valid$/, () => "有平台不认识的名称"],
  [/^must be (string|number|integer|boolean|array|object)$/, (type) => `应为${JSON_TYPES[type] ?? type}`],
];

const JSON_TYPES: Record<string, string> = {
  string: "文字",
  number: "数字",
  integer: "整数",
  boolean: "是/否",
  array: "列表",
  object: "对象",
};

function shapeDetail(detail: string): string {
  for (const [pattern, word] of SHAPE_DETAILS) {
    const match = pattern.exec(detail);
    if (match !== null) return word(...match.slice(1).map((group) => group ?? ""));
  }
  return detail;
}

function chineseText(message: string): string {
  for (const [pattern, word] of CHINESE) {
    const match = pattern.exec(message);
    if (match !== null) return word(...match.slice(1).map((group) => group ?? ""));
  }
  return message;
}

/** `message` with its explanation in Chinese where the linter's sentence is known; others stay as they are. */
export function chineseLintMessage(message: LintMessage): LintMessage {
  return { ...message, message: chineseText(message.message) };
}
