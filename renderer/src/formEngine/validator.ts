/**
 * The RJSF validator of FormEngine: @rjsf/validator-ajv8 taught the edition's formats (`date`,
 * `attachment`) so RJSF's schema utilities (oneOf matching, defaults) agree with `@shenbao/rules`.
 * User-facing messages never come from it: they come from `checkSection`.
 */
import { customizeValidator } from "@rjsf/validator-ajv8";
import { ATTACHMENT_FORMAT, ATTACHMENT_ID, CUSTOM_OPERATORS } from "@shenbao/rules";

const isDate = CUSTOM_OPERATORS.isDate as unknown as (value: unknown) => boolean;

/** The shared validator instance (ajv compiles and caches per schema). */
export const validator = customizeValidator({
  customFormats: { date: (value: string) => isDate(value), [ATTACHMENT_FORMAT]: ATTACHMENT_ID },
});
