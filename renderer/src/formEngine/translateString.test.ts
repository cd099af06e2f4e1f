import { TranslatableString } from "@rjsf/utils";
import { describe, expect, it } from "vitest";
import { translateString } from "./translateString.js";

describe("translateString", () => {
  it.each(Object.values(TranslatableString))("returns Chinese for %s", (key) => {
    const text = translateString(key, ["甲", "乙", "丙"]);
    expect(text).toMatch(/[\u4e00-\u9fff]/);
    expect(text).not.toBe(key);
    expect(text).not.toMatch(/%\d/);
  });

  it("fills parameters in order", () => {
    expect(translateString(TranslatableString.TitleOptionPrefix, ["甲", "2"])).toBe("甲 选项 2");
  });

  it("uses the button words of the guide", () => {
    expect(translateString(TranslatableString.AddItemButton)).toBe("添加一条");
    expect(translateString(TranslatableString.RemoveButton)).toBe("删除");
    expect(translateString(TranslatableString.MoveUpButton)).toBe("上移");
    expect(translateString(TranslatableString.MoveDownButton)).toBe("下移");
  });
});
