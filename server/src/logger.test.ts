import { describe, expect, it } from "vitest";
import { memoryLogger } from "../test/testApp.js";
import { scrubText } from "./logger.js";

describe("logger", () => {
  it("masks ID numbers and mobile numbers wherever they appear in a line", () => {
    const { logger, lines } = memoryLogger();
    const err = new Error("no match for 42010219900307123X");
    logger.info(
      { idNumber: "420102199003071234", phone: "13912345678", nested: { text: "call 13800001111" } },
      "id 11010519491231002X",
    );
    logger.error({ err }, "failed");
    logger.warn({ phoneAsNumber: 13912345678 }, "number form");
    const all = lines.join("\n");
    for (const secret of [
      "420102199003071234",
      "13912345678",
      "13800001111",
      "11010519491231002X",
      "42010219900307123X",
    ]) {
      expect(all).not.toContain(secret);
    }
    expect(all).toContain("[身份证号已隐藏]");
    expect(all).toContain("[手机号已隐藏]");
  });

  it("leaves ordinary numbers, dates and request ids alone", () => {
    expect(scrubText("status 200 in 35 ms on 2024-07-01, request 9f1c2e")).toBe(
      "status 200 in 35 ms on 2024-07-01, request 9f1c2e",
    );
  });
});
