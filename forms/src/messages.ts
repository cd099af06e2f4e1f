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
];

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
