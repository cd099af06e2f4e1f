/**
 * The field tree of the studio's draft editor: one sortable list per level (@dnd-kit), drag handle, move
 * up / down buttons for keyboards and screen readers, delete with confirmation.
 */
import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  closestCenter,
  useSensor,
  useSensors,
  type DragEndEvent,
} from "@dnd-kit/core";
import {
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, HolderOutlined } from "@ant-design/icons";
import { Button, Popconfirm } from "antd";
import type { FieldNode } from "@shenbao/forms/studio";
import { KIND_LABELS } from "./labels.js";

export interface FieldTreeProps {
  nodes: FieldNode[];
  selected: string | undefined;
  onSelect(path: string): void;
  onMove(path: string, to: number): void;
  onRemove(path: string): void;
}

interface RowProps extends Omit<FieldTreeProps, "nodes"> {
  node: FieldNode;
  index: number;
  count: number;
}

function FieldRow({ node, index, count, selected, onSelect, onMove, onRemove }: RowProps) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } =
    useSortable({ id: node.path });
  const style = {
    transform: CSS.Transform.toString(transform),
    transition,
    opacity: isDragging ? 0.6 : 1,
  };
  const isSelected = selected === node.path;
  return (
    <li ref={setNodeRef} style={style} data-field={node.path}>
      <div className={`sb-field-row${isSelected ? " sb-field-row--selected" : ""}`}>
        <Button
          ref={setActivatorNodeRef}
          type="text"
          size="small"
          className="sb-field-row__handle"
          icon={<HolderOutlined />}
          aria-label={`拖动排序：${node.title}`}
          {...attributes}
          {...listeners}
        />
        <button
          type="button"
          className="sb-field-row__label"
          aria-current={isSelected ? "true" : undefined}
          title={`${node.title}（${node.path}）`}
          onClick={() => onSelect(node.path)}
        >
          <span className="sb-field-row__title">
            {node.title}
            {node.required ? <span aria-label="必填"> *</span> : null}
          </span>
          <span className="sb-field-row__name">
            {node.name} · {KIND_LABELS[node.kind]}
          </span>
        </button>
        <Button
          type="text"
          size="small"
          icon={<ArrowUpOutlined />}
          aria-label={`上移：${node.title}`}
          disabled={index === 0}
          onClick={() => onMove(node.path, index - 1)}
        />
        <Button
          type="text"
          size="small"
          icon={<ArrowDownOutlined />}
          aria-label={`下移：${node.title}`}
          disabled={index === count - 1}
          onClick={() => onMove(node.path, index + 1)}
        />
        <Popconfirm
          title={`删除字段「${node.title}」？`}
          description="删除后，字段标识不能再用于新字段；示例中该字段的内容一并删除。"
          okText="删除"
          okButtonProps={{ danger: true }}
          cancelText="取消"
          onConfirm={() => onRemove(node.path)}
        >
          <Button
            type="text"
            size="small"
            danger
            icon={<DeleteOutlined />}
            aria-label={`删除：${node.title}`}
          />
        </Popconfirm>
      </div>
      {node.children.length > 0 ? (
        <FieldLevel
          nodes={node.children}
          selected={selected}
          onSelect={onSelect}
          onMove={onMove}
          onRemove={onRemove}
        />
      ) : null}
    </li>
  );
}

function FieldLevel(props: FieldTreeProps) {
  const { nodes, onMove } = props;
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const ids = nodes.map((node) => node.path);
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (over === null || active.id === over.id) return;
    const to = ids.indexOf(String(over.id));
    if (to !== -1) onMove(String(active.id), to);
  };
  return (
    <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
      <SortableContext items={ids} strategy={verticalListSortingStrategy}>
        <ul className="sb-field-list">
          {nodes.map((node, index) => (
            <FieldRow key={node.path} {...props} node={node} index={index} count={nodes.length} />
          ))}
        </ul>
      </SortableContext>
    </DndContext>
  );
}

/** The whole tree; each level sorts on its own (a field stays in its group or list). */
export function FieldTree(props: FieldTreeProps) {
  return <FieldLevel {...props} />;
}
