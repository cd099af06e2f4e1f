/**
 * 「添加字段」: kind, stable id, title, where (the section or one of its groups / lists) and, for choices,
 * where the options come from. The edit itself (and its refusal) is the caller's.
 */
import { useState } from "react";
import { Form, Input, Modal, Radio, Select } from "antd";
import { FIELD_KINDS, type FieldNode, type NewField } from "@shenbao/forms/studio";
import { KIND_LABELS } from "./labels.js";

export interface AddFieldDialogProps {
  open: boolean;
  nodes: FieldNode[];
  catalogs: { id: string; title: string; flat: boolean }[];
  /** Adds the field; returns an error message when refused (the dialog stays open). */
  onAdd(spec: NewField): string | undefined;
  onClose(): void;
}

function containers(nodes: FieldNode[]): FieldNode[] {
  return nodes.flatMap((node) =>
    node.kind === "group" || node.kind === "list" ? [node, ...containers(node.children)] : [],
  );
}

export function AddFieldDialog({ open, nodes, catalogs, onAdd, onClose }: AddFieldDialogProps) {
  const [kind, setKind] = useState<NewField["kind"]>("text");
  const [name, setName] = useState("");
  const [title, setTitle] = useState("");
  const [parent, setParent] = useState("");
  const [source, setSource] = useState<"inline" | "catalog">("inline");
  const [catalog, setCatalog] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const isChoice = kind === "choice" || kind === "multiChoice";

  const submit = () => {
    const spec: NewField = { kind, name: name.trim(), title: title.trim(), parent };
    if (isChoice && source === "catalog") {
      if (catalog === undefined) {
        setError("请选择选项清单");
        return;
      }
      spec.catalog = catalog;
    }
    const refused = onAdd(spec);
    setError(refused);
    if (refused === undefined) {
      setName("");
      setTitle("");
    }
  };

  return (
    <Modal
      open={open}
      title="添加字段"
      okText="确认添加"
      cancelText="取消"
      onOk={submit}
      onCancel={() => {
        setError(undefined);
        onClose();
      }}
      destroyOnHidden
    >
      <Form layout="vertical" component="div">
        <Form.Item label="类型" htmlFor="sb-add-kind">
          <Select
            id="sb-add-kind"
            value={kind}
            onChange={setKind}
            options={FIELD_KINDS.map((value) => ({ value, label: KIND_LABELS[value] }))}
          />
        </Form.Item>
        <Form.Item
          label="字段标识"
          htmlFor="sb-add-name"
          extra="英文字母开头，只含字母、数字、下划线；保存后不能修改，删除后也不能再用"
        >
          <Input id="sb-add-name" value={name} onChange={(event) => setName(event.target.value)} />
        </Form.Item>
        <Form.Item label="标题" htmlFor="sb-add-title">
          <Input id="sb-add-title" value={title} onChange={(event) => setTitle(event.target.value)} />
        </Form.Item>
        <Form.Item label="添加到" htmlFor="sb-add-parent">
          <Select
            id="sb-add-parent"
            value={parent}
            onChange={setParent}
            options={[
              { value: "", label: "本页（最外层）" },
              ...containers(nodes).map((node) => ({
                value: node.path,
                label: `${node.title}（${node.path}）`,
              })),
            ]}
          />
        </Form.Item>
        {isChoice ? (
          <>
            <Form.Item label="选项来源">
              <Radio.Group
                value={source}
                onChange={(event) => setSource(event.target.value as typeof source)}
              >
                <Radio value="inline">自定义选项</Radio>
                <Radio value="catalog">选项清单</Radio>
              </Radio.Group>
            </Form.Item>
            {source === "catalog" ? (
              <Form.Item label="选项清单" htmlFor="sb-add-catalog">
                <Select
                  id="sb-add-catalog"
                  value={catalog}
                  onChange={setCatalog}
                  placeholder="请选择"
                  options={catalogs
                    .filter((entry) => kind === "choice" || entry.flat)
                    .map((entry) => ({ value: entry.id, label: `${entry.title}（${entry.id}）` }))}
                />
              </Form.Item>
            ) : null}
          </>
        ) : null}
        {error !== undefined ? (
          <div role="alert" className="ant-form-item-explain-error">
            {error}
          </div>
        ) : null}
      </Form>
    </Modal>
  );
}
