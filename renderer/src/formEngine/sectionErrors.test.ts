import { describe, expect, it } from "vitest";
import { refreshErrorsAt, toErrorSchema } from "./sectionErrors.js";

const error = (path: string, message: string) => ({ section: "s", path, message });

describe("toErrorSchema", () => {
  it("nests dotted paths, array indexes included, and puts '' on the form", () => {
    expect(
      toErrorSchema([
        error("postcode", "格式有误"),
        error("cases.2.phone", "位数不对"),
        error("", "整体错误"),
      ]),
    ).toEqual({
      __errors: ["整体错误"],
      postcode: { __errors: ["格式有误"] },
      cases: { 2: { phone: { __errors: ["位数不对"] } } },
    });
  });
});

describe("refreshErrorsAt", () => {
  it("replaces the errors at and under the blurred path and keeps the others", () => {
    const previous = [error("period", "旧"), error("period.start", "旧开始"), error("postcode", "保留")];
    const fresh = [error("period.end", "新结束"), error("name", "不该出现")];
    expect(refreshErrorsAt(previous, fresh, "period")).toEqual([
      error("postcode", "保留"),
      error("period.end", "新结束"),
    ]);
  });
});
