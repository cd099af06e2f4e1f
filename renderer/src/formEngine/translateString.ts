/**
 * Chinese for every built-in string of @rjsf/core and its themes (the `TranslatableString` enum of
 * @rjsf/utils 6). Typed as a total record so a new enum member breaks the build instead of showing English.
 */
import { replaceStringParameters, TranslatableString } from "@rjsf/utils";

const ZH_CN: Readonly<Record<TranslatableString, string>> = {
  [TranslatableString.ArrayItemTitle]: "条目",
  [TranslatableString.MissingItems]: "缺少条目定义",
  [TranslatableString.EmptyArray]: "暂无内容，请点击下方按钮添加。",
  [TranslatableString.YesLabel]: "是",
  [TranslatableString.NoLabel]: "否",
  [TranslatableString.CloseLabel]: "关闭",
  [TranslatableString.ErrorsLabel]: "错误",
  [TranslatableString.NewStringDefault]: "新值",
  [TranslatableString.AddButton]: "添加",
  [TranslatableString.AddItemButton]: "添加一条",
  [TranslatableString.CopyButton]: "复制",
  [TranslatableString.ExpandButton]: "展开",
  [TranslatableString.MoveDownButton]: "下移",
  [TranslatableString.MoveUpButton]: "上移",
  [TranslatableString.RemoveButton]: "删除",
  [TranslatableString.NowLabel]: "现在",
  [TranslatableString.ClearLabel]: "清除",
  [TranslatableString.AriaDateLabel]: "选择日期",
  [TranslatableString.PreviewLabel]: "预览",
  [TranslatableString.DecrementAriaLabel]: "减少 1",
  [TranslatableString.IncrementAriaLabel]: "增加 1",
  [TranslatableString.OptionalObjectAdd]: "填写此可选项",
  [TranslatableString.OptionalObjectRemove]: "清除此可选项",
  [TranslatableString.OptionalObjectEmptyMsg]: "此可选项未填写",
  [TranslatableString.Type]: "类型",
  [TranslatableString.Value]: "值",
  [TranslatableString.ClearButton]: "清空输入",
  [TranslatableString.UnknownFieldType]: "未知的字段类型 %1",
  [TranslatableString.OptionPrefix]: "选项 %1",
  [TranslatableString.TitleOptionPrefix]: "%1 选项 %2",
  [TranslatableString.KeyLabel]: "%1 键名",
  [TranslatableString.DeprecatedLabel]: "%1（已弃用）",
  [TranslatableString.CycleDetected]: "字段「%1」存在循环引用（$ref），可展开到下一层",
  [TranslatableString.InvalidObjectField]: "对象字段「%1」配置无效：_%2_。",
  [TranslatableString.UnsupportedField]: "不支持的字段定义。",
  [TranslatableString.UnsupportedFieldWithId]: "字段 `%1` 的定义不受支持。",
  [TranslatableString.UnsupportedFieldWithReason]: "不支持的字段定义：_%1_。",
  [TranslatableString.UnsupportedFieldWithIdAndReason]: "字段 `%1` 的定义不受支持：_%2_。",
  [TranslatableString.FilesInfo]: "**%1**（%2，%3 字节）",
};

/** RJSF's `translateString` for the zh-CN locale: the Chinese template with `%1`, `%2` … filled in. */
export function translateString(key: TranslatableString, params?: string[]): string {
  return replaceStringParameters(ZH_CN[key] ?? key, params);
}
