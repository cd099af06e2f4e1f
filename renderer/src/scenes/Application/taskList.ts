/**
 * The task list as the guide draws it (APP-3): rows grouped under the edition's group titles in edition
 * order, each with the action button its server status asks for.
 */
import type { TaskStatus, TaskView } from "../../api/endpoints.js";

/** A block of the task list: a group title from the edition (null = a row of its own) and its rows. */
export interface TaskGroup {
  title: string | null;
  tasks: TaskView[];
}

/** Consecutive rows of the same edition group become one block; order is the server's (edition order). */
export function groupTasks(tasks: readonly TaskView[]): TaskGroup[] {
  const groups: TaskGroup[] = [];
  for (const task of tasks) {
    const last = groups.at(-1);
    if (task.group !== null && last?.title === task.group) last.tasks.push(task);
    else groups.push({ title: task.group, tasks: [task] });
  }
  return groups;
}

/** How a row's button looks and whether the section opens read-only. */
export interface TaskAction {
  /** The guide's word, shown on the button. */
  label: TaskStatus | typeof OPTIONAL_LABEL;
  tone: "primary" | "default" | "locked" | "danger";
  done: boolean;
  readOnly: boolean;
}

/** The word for a section the candidate may leave empty (manifest `requiredForSubmit: false`), never filled. */
export const OPTIONAL_LABEL = "选填";

/**
 * 去完善 (to do), 编辑 (done, editable), 已锁定 (approved, read-only), 退回修改 (returned with a comment);
 * a never-filled optional section says 选填 instead of 去完善: nothing is missing there.
 */
export function taskAction(status: TaskStatus, optionalAndEmpty = false): TaskAction {
  switch (status) {
    case "去完善":
      if (optionalAndEmpty) return { label: OPTIONAL_LABEL, tone: "default", done: false, readOnly: false };
      return { label: status, tone: "primary", done: false, readOnly: false };
    case "编辑":
      return { label: status, tone: "default", done: true, readOnly: false };
    case "已锁定":
      return { label: status, tone: "locked", done: true, readOnly: true };
    case "退回修改":
      return { label: status, tone: "danger", done: false, readOnly: false };
  }
}

/** True for a section the manifest marks optional that has never been saved. */
export function isOptionalAndEmpty(task: Pick<TaskView, "requiredForSubmit" | "updatedAt">): boolean {
  return !task.requiredForSubmit && task.updatedAt === null;
}
