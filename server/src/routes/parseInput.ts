/** The zod step of every route: parse or answer 400 `invalid_input` naming each field, in Chinese. */
import type { z } from "zod";
import { InvalidInputError } from "../errors.js";

/**
 * Parses `input` with `schema`; on failure throws `InvalidInputError` whose message is the first issue's
 * (schemas give Chinese messages) and whose `details.issues` lists every field.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
  throw new InvalidInputError(issues[0]?.message, { issues });
}
