/** The zod step of every route: parse or answer 400 `invalid_input` naming each field, in Chinese. */
import type { z } from "zod";
import { InvalidInputError } from "../errors.js";

type Issue = z.core.$ZodRawIssue;

/**
 * Chinese words for every zod issue a schema left without its own message (issue 11: "Invalid input" and
 * "Too big: …" reached users). A schema's own `{ error }` still wins; this only replaces zod's English.
 */
export function requestIssueMessage(issue: Issue): string {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined ? "缺少必填内容" : "提交的内容格式不正确";
    case "too_big":
      if (issue.origin === "string") return `内容过长，不能超过 ${String(issue.maximum)} 个字`;
      if (issue.origin === "array") return `最多只能提交 ${String(issue.maximum)} 项`;
      if (issue.origin === "number" || issue.origin === "bigint")
        return `数值不能大于 ${String(issue.maximum)}`;
      return "提交的内容过大";
    case "too_small":
      if (issue.origin === "string")
        return Number(issue.minimum) <= 1 ? "请填写此项" : `内容过短，至少 ${String(issue.minimum)} 个字`;
      if (issue.origin === "array") return `至少需要 ${String(issue.minimum)} 项`;
      if (issue.origin === "number" || issue.origin === "bigint")
        return `数值不能小于 ${String(issue.minimum)}`;
      return "提交的内容过少";
    case "invalid_value":
      return "所选的选项无效";
    case "invalid_format":
      return "格式不正确";
    case "unrecognized_keys":
      return "包含不认识的字段";
    default:
      return "提交的内容不符合要求";
  }
}

/**
 * Parses `input` with `schema`; on failure throws `InvalidInputError` whose message is the first issue's
 * (schemas give Chinese messages, `requestIssueMessage` the rest) and whose `details.issues` lists every field.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input, { error: requestIssueMessage });
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
  throw new InvalidInputError(issues[0]?.message, { issues });
}
