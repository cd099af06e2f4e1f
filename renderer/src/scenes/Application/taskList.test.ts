import { describe, expect, it } from "vitest";
import type { TaskView } from "../../api/endpoints.js";
import { groupTasks, isOptionalAndEmpty, taskAction } from "./taskList.js";

// Group titles and section titles are placeholders: real ones come from the edition, not from code.
function task(key: string, group: string | null, status: TaskView["status"] = "去完善"): TaskView {
  return {
    key,
    title: `title-${key}`,
    group,
    state: "incomplete",
    status,
    comment: null,
    fieldComments: [],
    requiredForSubmit: true,
    updatedAt: null,
    formUpdated: false,
  };
}

describe("groupTasks", () => {
  it("keeps edition order and gathers consecutive rows of one group under its title", () => {
    const groups = groupTasks([
      task("a", null),
      task("b", "G"),
      task("c", "G"),
      task("d", "G"),
      task("e", null),
    ]);
    expect(groups.map((g) => [g.title, g.tasks.map((t) => t.key)])).toEqual([
      [null, ["a"]],
      ["G", ["b", "c", "d"]],
      [null, ["e"]],
    ]);
  });

  it("never merges two ungrouped rows", () => {
    expect(groupTasks([task("a", null), task("b", null)])).toHaveLength(2);
  });
});

describe("taskAction", () => {
  it("maps each server status to the guide's button and whether the section opens read-only", () => {
    expect(taskAction("去完善")).toEqual({ label: "去完善", tone: "primary", done: false, readOnly: false });
    expect(taskAction("编辑")).toEqual({ label: "编辑", tone: "default", done: true, readOnly: false });
    expect(taskAction("已锁定")).toEqual({ label: "已锁定", tone: "locked", done: true, readOnly: true });
    expect(taskAction("退回修改")).toEqual({
      label: "退回修改",
      tone: "danger",
      done: false,
      readOnly: false,
    });
  });
});

describe("an optional section (requiredForSubmit: false)", () => {
  it("says 选填 while never filled, 去完善 otherwise", () => {
    const optional = { ...task("x", null), requiredForSubmit: false };
    expect(taskAction(optional.status, isOptionalAndEmpty(optional)).label).toBe("选填");
    const filled = { ...optional, updatedAt: "2024-05-01T00:00:00.000Z" };
    expect(taskAction(filled.status, isOptionalAndEmpty(filled)).label).toBe("去完善");
    const required = task("y", null);
    expect(taskAction(required.status, isOptionalAndEmpty(required)).label).toBe("去完善");
  });
});
