/** Generic studio wording: field kinds and rule effects (the edition's own wording comes from its files). */
import type { FieldKind } from "@shenbao/forms/studio";

export const KIND_LABELS: Record<FieldKind, string> = {
  text: "单行文字",
  textarea: "多行文字",
  number: "数字",
  date: "日期",
  dateRange: "日期范围",
  choice: "单选",
  multiChoice: "多选",
  attachment: "附件",
  list: "列表（可添加多条）",
  division: "地区选择",
  group: "分组",
  other: "其他（在代码视图中编辑）",
};

export const EFFECT_LABELS = {
  show: "显示字段",
  require: "必填",
  check: "校验",
  hint: "提示",
} as const;

export const EFFECT_HELP = {
  show: "条件成立时才显示所选字段；否则隐藏并且不保存其内容",
  require: "条件成立时所选字段必须填写",
  check: "条件成立时，校验条件必须成立，否则在字段下显示消息",
  hint: "条件成立时在字段下显示提示（不阻止保存），消息中 {名称} 由“取值”计算",
} as const;
