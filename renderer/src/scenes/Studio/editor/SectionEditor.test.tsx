// @vitest-environment jsdom
// The studio's visual draft editor (#9, FORM-2): adding and reordering fields and editing a rule in the
// condition builder hand back file maps the linter accepts; a condition the builder cannot express stays
// intact and is edited as raw json-logic.
import "../../../formEngine/test/domPolyfills.js";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ConfigProvider } from "antd";
import { editionDir, filesSource, lintEdition, readEditionFiles, type EditionFiles } from "@shenbao/forms";
import { SectionEditor } from "./index.js";

afterEach(cleanup);

// @react-querybuilder/antd imports antd's ES build by a deep path that Node cannot load outside a bundler
// (extensionless imports inside antd/es); Vite bundles it for the browser. Under vitest the builder runs
// with react-querybuilder's own controls: the query, its json-logic and the custom operators are the same.
vi.mock("@react-querybuilder/antd", async () => ({
  QueryBuilderAntD: ({ children }: { children: unknown }) => children,
  AntDValueEditor: (await import("react-querybuilder")).ValueEditor,
}));

let hubei: EditionFiles;
beforeAll(async () => {
  hubei = await readEditionFiles(editionDir("hubei-2024"));
});

type Files = Record<string, string>;
const json = (files: Files, file: string) => JSON.parse(files[file] ?? "null") as Record<string, unknown>;

function renderEditor(path: string, files: Files = hubei, focus?: string) {
  const onChange = vi.fn<(next: Files) => void>();
  const view = render(
    <ConfigProvider theme={{ token: { motion: false } }}>
      <SectionEditor files={files} path={path} onChange={onChange} focus={focus} />
    </ConfigProvider>,
  );
  const last = () => {
    expect(onChange).toHaveBeenCalled();
    return onChange.mock.calls.at(-1)![0];
  };
  return { ...view, onChange, last };
}

async function chooseOption(select: HTMLElement, label: string) {
  fireEvent.mouseDown(select.closest(".ant-select")!.querySelector(".ant-select-selector") ?? select);
  const option = await waitFor(() => {
    const found = [...document.querySelectorAll<HTMLElement>(".ant-select-item-option")].find(
      (element) => element.getAttribute("title") === label || element.textContent === label,
    );
    if (found === undefined) throw new Error(`no option ${label}`);
    return found;
  });
  fireEvent.click(option);
}

describe("SectionEditor", { timeout: 60_000 }, () => {
  it("adds a field: schema, ui:order and a lint-clean edition", async () => {
    const { last } = renderEditor("sections/technique/technique.ui.json");
    fireEvent.click(screen.getByRole("button", { name: /添加字段/ }));
    const dialog = await screen.findByRole("dialog");
    await chooseOption(within(dialog).getByLabelText("类型"), "多行文字");
    fireEvent.change(within(dialog).getByLabelText("字段标识"), { target: { value: "practiceNote" } });
    fireEvent.change(within(dialog).getByLabelText("标题"), { target: { value: "实践补充说明" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "确认添加" }));
    const next = last();
    const schema = json(next, "sections/technique/technique.schema.json") as {
      properties: Record<string, { title: string; maxLength: number }>;
    };
    expect(schema.properties.practiceNote).toMatchObject({ title: "实践补充说明", maxLength: 2000 });
    const ui = json(next, "sections/technique/technique.ui.json");
    expect((ui["ui:order"] as string[]).at(-1)).toBe("practiceNote");
    expect(ui.practiceNote).toEqual({ "ui:widget": "textarea" });
    expect(await lintEdition(filesSource(next))).toEqual([]);
  });

  it("refuses an existing field id with a Chinese message and keeps the dialog open", async () => {
    const { onChange } = renderEditor("sections/technique/technique.schema.json");
    fireEvent.click(screen.getByRole("button", { name: /添加字段/ }));
    const dialog = await screen.findByRole("dialog");
    fireEvent.change(within(dialog).getByLabelText("字段标识"), { target: { value: "method" } });
    fireEvent.change(within(dialog).getByLabelText("标题"), { target: { value: "重复" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "确认添加" }));
    expect(within(dialog).getByRole("alert").textContent).toContain("已存在");
    expect(onChange).not.toHaveBeenCalled();
  });

  it("reorders fields by writing ui:order", async () => {
    const { last } = renderEditor("sections/technique/technique.rules.json");
    const order = json(hubei, "sections/technique/technique.ui.json")["ui:order"] as string[];
    const firstTitle = (
      json(hubei, "sections/technique/technique.schema.json").properties as Record<string, { title: string }>
    )[order[0]!]!.title;
    fireEvent.click(screen.getByRole("button", { name: `下移：${firstTitle}` }));
    const next = last();
    expect(json(next, "sections/technique/technique.ui.json")["ui:order"]).toEqual([
      order[1],
      order[0],
      ...order.slice(2),
    ]);
    expect(await lintEdition(filesSource(next))).toEqual([]);
  });

  it("deletes a field after confirmation and records its id as retired", async () => {
    const file = "sections/technique/technique.schema.json";
    const { last, onChange } = renderEditor(file);
    const title = (json(hubei, file).properties as Record<string, { title: string }>).servedLastFiveYears!
      .title;
    fireEvent.click(screen.getByRole("button", { name: `删除：${title}` }));
    expect(onChange).not.toHaveBeenCalled();
    const confirm = await screen.findByRole("button", { name: /^删 ?除$/ });
    fireEvent.click(confirm);
    const next = last();
    expect((json(next, file).properties as Record<string, unknown>).servedLastFiveYears).toBeUndefined();
    expect(json(next, "manifest.json").retiredFields).toEqual({ technique: ["servedLastFiveYears"] });
    expect(await lintEdition(filesSource(next))).toEqual([]);
  });

  it("shows why a field in use cannot be deleted", async () => {
    const file = "sections/technique/technique.schema.json";
    const { onChange } = renderEditor(file);
    const title = (json(hubei, file).properties as Record<string, { title: string }>).externalMedicine!.title;
    fireEvent.click(screen.getByRole("button", { name: `删除：${title}` }));
    fireEvent.click(await screen.findByRole("button", { name: /^删 ?除$/ }));
    expect(await screen.findByText(/external-medicine-when-external/)).toBeTruthy();
    expect(onChange).not.toHaveBeenCalled();
  });

  it("edits a field's title and help from the property panel (focus selects it)", async () => {
    const { last } = renderEditor(
      "sections/technique/technique.schema.json",
      hubei,
      "/properties/servedLastFiveYears",
    );
    const title = screen.getByLabelText("标题") as HTMLInputElement;
    expect(title.value).toBe(
      (
        json(hubei, "sections/technique/technique.schema.json").properties as Record<
          string,
          { title: string }
        >
      ).servedLastFiveYears!.title,
    );
    fireEvent.change(title, { target: { value: "服务人数" } });
    fireEvent.blur(title);
    const next = last();
    expect(
      (json(next, "sections/technique/technique.schema.json").properties as Record<string, { title: string }>)
        .servedLastFiveYears!.title,
    ).toBe("服务人数");
    expect(await lintEdition(filesSource(next))).toEqual([]);
  });

  it("edits a rule's condition in the visual builder and writes json-logic", async () => {
    const file = "sections/technique/technique.rules.json";
    const { last, container } = renderEditor(file);
    fireEvent.click(screen.getByRole("tab", { name: /规则/ }));
    fireEvent.click(screen.getByText("external-medicine-when-external"));
    // The builder shows the condition as a rule: this form's method equals one value.
    await waitFor(() => expect(container.querySelector(".queryBuilder")).not.toBeNull());
    const builder = container.querySelector<HTMLElement>(".queryBuilder")!;
    expect(builder.querySelectorAll(".rule")).toHaveLength(1);
    fireEvent.click(within(builder).getByRole("button", { name: "添加条件" }));
    await waitFor(() => expect(builder.querySelectorAll(".rule")).toHaveLength(2));
    // The new condition: this form's method is filled (true whenever the first one holds).
    const added = builder.querySelectorAll<HTMLElement>(".rule")[1]!;
    fireEvent.change(added.querySelector("select.rule-fields")!, { target: { value: "answers.method" } });
    fireEvent.change(added.querySelector("select.rule-operators")!, { target: { value: "filled" } });
    fireEvent.click(screen.getByRole("button", { name: "保存规则" }));
    const next = last();
    const rules = JSON.parse(next[file]!) as { id: string; when: unknown }[];
    const before = (JSON.parse(hubei[file]!) as { when: unknown }[])[0]!.when;
    expect(rules[0]!.when).toEqual({ and: [before, { "!!": { var: "answers.method" } }] });
    expect(await lintEdition(filesSource(next))).toEqual([]);
  });

  it("edits a date-plus-years condition (addYears) in the builder without writing on opening", async () => {
    const file = "sections/apprenticeship/apprenticeship.rules.json";
    const rules = JSON.parse(hubei[file]!) as { id: string; assert?: unknown }[];
    const index = rules.findIndex((rule) => rule.id === "two-years-after-certificate");
    const { last, onChange, container } = renderEditor(file);
    fireEvent.click(screen.getByRole("tab", { name: /规则/ }));
    fireEvent.click(screen.getByText("two-years-after-certificate"));
    const check = await screen.findByRole("group", { name: "校验条件" });
    await waitFor(() => expect(check.querySelector(".queryBuilder")).not.toBeNull());
    expect(screen.queryByText(/超出可视化编辑器的表达范围/)).toBeNull();
    const years = within(check).getByLabelText("年数") as HTMLInputElement;
    expect(years.value).toBe("2");
    expect(onChange).not.toHaveBeenCalled();
    fireEvent.change(years, { target: { value: "3" } });
    fireEvent.click(screen.getByRole("button", { name: "保存规则" }));
    const saved = JSON.parse(last()[file]!) as { id: string; assert?: unknown }[];
    expect(saved[index]!.assert).toEqual({
      onOrAfter: [{ var: "answers.period.end" }, { addYears: [{ var: "answers.certificateDate" }, 3] }],
    });
    expect(saved.filter((_, at) => at !== index)).toEqual(rules.filter((_, at) => at !== index));
    expect(container.querySelector(".queryBuilder")).not.toBeNull();
    // The rule took effect: the shipped valid examples end exactly two years after the certificate.
    const findings = await lintEdition(filesSource(last()));
    expect(findings.map((finding) => finding.file).sort()).toEqual([
      "examples/valid-apprentice-application.json",
      "sections/apprenticeship/examples/valid-with-certificate.json",
    ]);
  });

  it("opens the rule a focus names", async () => {
    renderEditor("sections/technique/technique.schema.json", hubei, "rule:external-medicine-required");
    expect(await screen.findByDisplayValue("external-medicine-required")).toBeTruthy();
    expect(screen.queryByDisplayValue("external-medicine-when-external")).toBeNull();
  });

  it("counts a list's items by an item field in the builder (count of filter)", async () => {
    const file = "sections/recommenders/recommenders.rules.json";
    const rules = JSON.parse(hubei[file]!) as { id: string; assert?: unknown }[];
    const index = rules.findIndex((rule) => rule.id === "two-recommenders");
    const { last } = renderEditor(file);
    fireEvent.click(screen.getByRole("tab", { name: /规则/ }));
    fireEvent.click(screen.getByText("two-recommenders"));
    const check = await screen.findByRole("group", { name: "校验条件" });
    await waitFor(() => expect(check.querySelector(".queryBuilder")).not.toBeNull());
    const count = within(check).getByLabelText("条数") as HTMLInputElement;
    expect(count.value).toBe("2");
    fireEvent.change(count, { target: { value: "3" } });
    fireEvent.click(screen.getByRole("button", { name: "保存规则" }));
    const saved = JSON.parse(last()[file]!) as { id: string; assert?: unknown }[];
    expect(saved[index]!.assert).toEqual({
      "==": [
        { count: { filter: [{ var: "answers.teachers" }, { "==": [{ var: "role" }, "recommender"] }] } },
        3,
      ],
    });
    expect(saved.filter((_, at) => at !== index)).toEqual(rules.filter((_, at) => at !== index));
  });

  it("keeps a condition the builder cannot parse intact and lets it be edited as JSON", async () => {
    const file = "sections/recommenders/recommenders.rules.json";
    const shipped = JSON.parse(hubei[file]!) as { id: string; assert?: unknown }[];
    const index = shipped.findIndex((rule) => rule.id === "two-recommenders");
    // 2 written as 1 + 1: the same condition, beyond the builder.
    const beyond = JSON.stringify(shipped[index]!.assert).replace(/,2\]\}$/, ',{"+":[1,1]}]}');
    expect(beyond).not.toBe(JSON.stringify(shipped[index]!.assert));
    const rules = shipped.map((rule, at) => (at === index ? { ...rule, assert: JSON.parse(beyond) } : rule));
    const { last, onChange } = renderEditor(file, { ...hubei, [file]: JSON.stringify(rules, null, 2) });
    fireEvent.click(screen.getByRole("tab", { name: /规则/ }));
    fireEvent.click(screen.getByText("two-recommenders"));
    expect(await screen.findByText(/超出可视化编辑器的表达范围/)).toBeTruthy();
    const raw = screen.getByLabelText("校验条件（JSON）") as HTMLTextAreaElement;
    expect(JSON.parse(raw.value)).toEqual(rules[index]!.assert);
    // Nothing is written by opening it.
    expect(onChange).not.toHaveBeenCalled();
    // Edited as JSON: 0 + 2, still the same condition and still beyond the builder.
    const edited = beyond.replace('{"+":[1,1]}', '{"+":[0,2]}');
    fireEvent.change(raw, { target: { value: edited } });
    fireEvent.click(screen.getByRole("button", { name: "保存规则" }));
    const next = last();
    const saved = JSON.parse(next[file]!) as { id: string; assert?: unknown }[];
    expect(saved[index]!.assert).toEqual(JSON.parse(edited));
    expect(saved.filter((_, at) => at !== index)).toEqual(rules.filter((_, at) => at !== index));
    expect(await lintEdition(filesSource(next))).toEqual([]);
  });
});
