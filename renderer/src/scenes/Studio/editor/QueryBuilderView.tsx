/**
 * The visual condition builder: react-querybuilder with its antd controls, Chinese labels, the fields of
 * the edition and the custom operators of @shenbao/rules (see conditionLogic.ts). Loaded on demand.
 */
import { useMemo, useState } from "react";
import { Input, InputNumber, Select, Space } from "antd";
import {
  QueryBuilder,
  type RuleGroupType,
  type Translations,
  type ValueEditorProps,
} from "react-querybuilder";
import { AntDValueEditor, QueryBuilderAntD } from "@react-querybuilder/antd";
import type { ConditionField } from "@shenbao/forms/studio";
import type { Logic } from "@shenbao/rules";
import {
  COUNT_WHERE_OPERATORS,
  YEARS_VALUE_OPERATORS,
  builderFields,
  countWhereValue,
  queryToLogic,
  yearsValue,
} from "./conditionLogic.js";
import "react-querybuilder/dist/query-builder.css";

const TRANSLATIONS: Partial<Translations> = {
  fields: { title: "字段", placeholderLabel: "请选择字段", placeholderGroupLabel: "请选择字段" },
  operators: { title: "运算", placeholderLabel: "请选择", placeholderGroupLabel: "请选择" },
  value: { title: "值" },
  removeRule: { label: "删除", title: "删除这个条件" },
  removeGroup: { label: "删除组", title: "删除这组条件" },
  addRule: { label: "添加条件", title: "添加条件" },
  addGroup: { label: "添加条件组", title: "添加条件组" },
  combinators: { title: "组合方式" },
  notToggle: { label: "取反", title: "条件不成立时为真" },
  valueSourceSelector: { title: "值来源" },
  cloneRule: { label: "复制", title: "复制条件" },
  cloneRuleGroup: { label: "复制", title: "复制条件组" },
  lockRule: { label: "锁定", title: "锁定" },
  lockGroup: { label: "锁定", title: "锁定" },
  shiftActionUp: { label: "上移", title: "上移" },
  shiftActionDown: { label: "下移", title: "下移" },
  dragHandle: { label: "⁞⁞", title: "拖动" },
};

const COMBINATORS = [
  { name: "and", value: "and", label: "全部满足" },
  { name: "or", value: "or", label: "任一满足" },
];

export interface QueryBuilderViewProps {
  query: RuleGroupType;
  fields: ConditionField[];
  onChange(logic: Logic | undefined): void;
}

/**
 * The value of 「距…满 / 不满（年）」 and 「不早于 / 不晚于…之后（年）」: the other date field and a number
 * of years.
 */
function YearsEditor({ props, dates }: { props: ValueEditorProps; dates: ConditionField[] }) {
  const { other, years } = yearsValue(props.value);
  const set = (nextOther: string, nextYears: number | undefined) =>
    props.handleOnChange(`${nextOther},${nextYears ?? ""}`);
  return (
    <Space.Compact className={props.className}>
      <Select
        aria-label="另一个日期"
        placeholder="另一个日期"
        value={other === "" ? undefined : other}
        style={{ width: 260 }}
        onChange={(next: string) => set(next, years)}
        options={dates
          .filter((field) => field.name !== props.field)
          .map((field) => ({ value: field.name, label: `${field.group} · ${field.label}` }))}
      />
      <InputNumber
        aria-label="年数"
        min={0}
        value={years ?? null}
        style={{ width: 100 }}
        onChange={(next) => set(other, typeof next === "number" ? next : undefined)}
      />
    </Space.Compact>
  );
}

/** A list's item fields a 「其中条数…」 / 「各条不重复」 rule can name: values, not nested groups or lists. */
const itemOptions = (items: ConditionField[]) =>
  items
    .filter((item) => item.kind !== "group" && item.kind !== "list")
    .map((item) => ({ value: item.name, label: item.label }));

/** The value of 「其中条数等于 / 至少 / 至多」: an item field, the value it equals, and a number. */
function CountWhereEditor({ props, items }: { props: ValueEditorProps; items: ConditionField[] }) {
  const { item, count, equals } = countWhereValue(props.value);
  const itemField = items.find((candidate) => candidate.name === item);
  const set = (nextItem: string, nextCount: number | undefined, nextEquals: string) =>
    props.handleOnChange(`${nextItem},${nextCount ?? ""},${nextEquals}`);
  // Three controls: they wrap rather than push the studio sideways at 1024.
  return (
    <Space wrap size={4} className={props.className}>
      <Select
        aria-label="每条的字段"
        placeholder="每条的字段"
        value={item === "" ? undefined : item}
        style={{ width: 200 }}
        onChange={(next: string) => set(next, count, "")}
        options={itemOptions(items)}
      />
      {itemField?.values !== undefined ? (
        <Select
          aria-label="等于"
          placeholder="等于"
          value={equals === "" ? undefined : equals}
          style={{ width: 160 }}
          onChange={(next: string) => set(item, count, next)}
          options={itemField.values.map((option) => ({ value: String(option.value), label: option.label }))}
        />
      ) : (
        <Input
          aria-label="等于"
          placeholder="等于"
          value={equals}
          style={{ width: 160 }}
          onChange={(event) => set(item, count, event.target.value)}
        />
      )}
      <InputNumber
        aria-label="条数"
        min={0}
        value={count ?? null}
        style={{ width: 90 }}
        onChange={(next) => set(item, typeof next === "number" ? next : undefined, equals)}
      />
    </Space>
  );
}

/** The value of 「各条不重复」: the item field whose values must differ. */
function UniqueByEditor({ props, items }: { props: ValueEditorProps; items: ConditionField[] }) {
  const value = typeof props.value === "string" && props.value !== "" ? props.value : undefined;
  return (
    <Select
      className={props.className}
      aria-label="每条的字段"
      placeholder="每条的字段"
      value={value}
      style={{ width: 200 }}
      onChange={(next: string) => props.handleOnChange(next)}
      options={itemOptions(items)}
    />
  );
}

export default function QueryBuilderView({ query: initial, fields, onChange }: QueryBuilderViewProps) {
  const [query, setQuery] = useState(initial);
  const built = useMemo(() => builderFields(fields), [fields]);
  const controlElements = useMemo(() => {
    const dates = fields.filter((field) => field.kind === "date");
    const itemsOf = (name: string) => fields.find((field) => field.name === name)?.items ?? [];
    return {
      valueEditor: (props: ValueEditorProps) => {
        if (YEARS_VALUE_OPERATORS.has(props.operator)) return <YearsEditor props={props} dates={dates} />;
        if (COUNT_WHERE_OPERATORS.has(props.operator))
          return <CountWhereEditor props={props} items={itemsOf(props.field)} />;
        if (props.operator === "uniqueBy")
          return <UniqueByEditor props={props} items={itemsOf(props.field)} />;
        return <AntDValueEditor {...props} />;
      },
    };
  }, [fields]);
  return (
    <QueryBuilderAntD>
      <QueryBuilder
        fields={built}
        query={query}
        combinators={COMBINATORS}
        translations={TRANSLATIONS}
        controlElements={controlElements}
        showNotToggle
        resetOnFieldChange
        // Opening a condition is not a change: only the administrator's edits write it back.
        enableMountQueryChange={false}
        onQueryChange={(next) => {
          setQuery(next);
          onChange(queryToLogic(next, fields));
        }}
      />
    </QueryBuilderAntD>
  );
}
