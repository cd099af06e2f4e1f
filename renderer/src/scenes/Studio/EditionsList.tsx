/**
 * /admin/editions (issue 9, FORM-2, FORM-4): every stored edition version with its state (草稿 / 已发布 /
 * 开放报名), who published it when, 「复制为新版本」 (asks key, version and title), 「开放报名」 with its dates,
 * and a link into the studio of each version.
 */
import { useCallback, useEffect, useState } from "react";
import { useNavigate } from "react-router";
import { App, Button, DatePicker, Form, Input, Modal, Space, Table, Tag, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { messageOf } from "../../api/apiClient.js";
import { useRequireSignIn } from "../../app/useRequireSignIn.js";
import { PageError, PageLoading } from "../../ui/PageState.js";
import { studioApi, type EditionVersion } from "./studioApi.js";
import "./studio.css";

const when = (iso: string | null) =>
  iso === null ? "—" : new Date(iso).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });

/** The state words of a version. */
export function stateTags(version: EditionVersion) {
  const tags = [
    version.status === "draft" ? (
      <Tag key="s" color="gold">
        草稿
      </Tag>
    ) : (
      <Tag key="s" color="blue">
        已发布
      </Tag>
    ),
  ];
  if (version.open)
    tags.push(
      <Tag key="o" color="green">
        开放报名
      </Tag>,
    );
  return tags;
}

/** The next version number after `version` (2024.1.0 → 2025.1.0). */
export function nextVersion(version: string): string {
  const [year, ...rest] = version.split(".");
  return /^\d+$/.test(year ?? "") ? [String(Number(year) + 1), ...rest].join(".") : version;
}

/** The list page. */
export function EditionsList() {
  const me = useRequireSignIn();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [items, setItems] = useState<EditionVersion[]>();
  const [error, setError] = useState<string>();
  const [copying, setCopying] = useState<EditionVersion>();
  const [opening, setOpening] = useState<EditionVersion>();
  const [busy, setBusy] = useState(false);
  const [copyForm] = Form.useForm<{ key: string; version: string; title: string }>();
  const [openForm] = Form.useForm<{ range: [Dayjs | null, Dayjs | null] | null }>();

  const load = useCallback(async () => {
    setError(undefined);
    try {
      setItems((await studioApi.list()).items);
    } catch (failure) {
      setError(messageOf(failure));
    }
  }, []);
  useEffect(() => {
    if (me) void load();
  }, [me, load]);
  if (error !== undefined) return <PageError message={error} onRetry={() => void load()} />;
  if (!me || items === undefined) return <PageLoading />;

  const copy = async () => {
    if (copying === undefined) return;
    const values = await copyForm.validateFields();
    setBusy(true);
    try {
      const { edition } = await studioApi.copy(copying, {
        key: values.key,
        version: values.version,
        ...(values.title ? { title: values.title } : {}),
      });
      message.success(`已复制为 ${edition.key}@${edition.version}`);
      setCopying(undefined);
      navigate(`/admin/editions/${edition.key}/${edition.version}`);
    } catch (failure) {
      message.error(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  const openApplications = async () => {
    if (opening === undefined) return;
    const { range } = await openForm.validateFields();
    setBusy(true);
    try {
      await studioApi.open(
        opening.key,
        opening.version,
        range?.[0]?.toISOString() ?? null,
        range?.[1]?.toISOString() ?? null,
      );
      message.success("已开放报名");
      setOpening(undefined);
      await load();
    } catch (failure) {
      message.error(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="sb-studio">
      <header className="sb-studio-head">
        <Typography.Title level={3} style={{ margin: 0 }}>
          表单版本
        </Typography.Title>
      </header>
      <Table<EditionVersion>
        rowKey={(v) => `${v.key}@${v.version}`}
        dataSource={items}
        pagination={false}
        columns={[
          {
            title: "表单",
            render: (_: unknown, v: EditionVersion) => (
              <>
                <div>{v.title ?? "（草稿无法加载）"}</div>
                <Typography.Text type="secondary">
                  {v.key}@{v.version}
                  {v.copiedFrom ? ` · 复制自 ${v.copiedFrom}` : ""}
                </Typography.Text>
              </>
            ),
          },
          { title: "状态", width: 170, render: (_: unknown, v: EditionVersion) => stateTags(v) },
          {
            title: "发布",
            width: 220,
            render: (_: unknown, v: EditionVersion) =>
              v.publishedAt === null ? "—" : `${v.publishedByLabel ?? ""} ${when(v.publishedAt)}`,
          },
          {
            title: "报名时间",
            width: 220,
            render: (_: unknown, v: EditionVersion) =>
              !v.open
                ? "—"
                : v.opensAt === null && v.closesAt === null
                  ? "不限"
                  : `${v.opensAt === null ? "不限" : when(v.opensAt)} 至 ${v.closesAt === null ? "不限" : when(v.closesAt)}`,
          },
          {
            title: "操作",
            width: 320,
            render: (_: unknown, v: EditionVersion) => (
              <Space wrap>
                <Button onClick={() => navigate(`/admin/editions/${v.key}/${v.version}`)}>
                  {v.status === "draft" ? "编辑" : "查看"}
                </Button>
                <Button
                  onClick={() => {
                    copyForm.setFieldsValue({ key: v.key, version: nextVersion(v.version), title: "" });
                    setCopying(v);
                  }}
                >
                  复制为新版本
                </Button>
                {v.status === "published" && (
                  <Button
                    onClick={() => {
                      openForm.resetFields();
                      setOpening(v);
                    }}
                  >
                    {v.open ? "修改报名时间" : "开放报名"}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        title={copying ? `复制 ${copying.key}@${copying.version} 为新版本` : ""}
        open={copying !== undefined}
        okText="复制"
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => void copy().catch(() => undefined)}
        onCancel={() => setCopying(undefined)}
      >
        <Form form={copyForm} layout="vertical">
          <Form.Item
            name="key"
            label="表单编号"
            rules={[
              { required: true, message: "请填写表单编号" },
              { pattern: /^[a-z0-9][a-z0-9-]{0,63}$/, message: "表单编号只能包含小写字母、数字和连字符" },
            ]}
          >
            <Input />
          </Form.Item>
          <Form.Item
            name="version"
            label="版本号"
            rules={[
              { required: true, message: "请填写版本号" },
              { pattern: /^\d+\.\d+\.\d+$/, message: "版本号应形如 2025.1.0" },
            ]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="title" label="标题（可空，空则沿用原标题）">
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        title={opening ? `开放报名：${opening.key}@${opening.version}` : ""}
        open={opening !== undefined}
        okText="开放报名"
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => void openApplications().catch(() => undefined)}
        onCancel={() => setOpening(undefined)}
      >
        <Typography.Paragraph>
          新申请将使用该版本；已开始的申请仍使用原来的版本。时间留空表示不限。
        </Typography.Paragraph>
        <Form form={openForm} layout="vertical">
          <Form.Item name="range" label="报名开始与截止">
            <DatePicker.RangePicker showTime allowEmpty={[true, true]} style={{ width: "100%" }} />
          </Form.Item>
        </Form>
      </Modal>
    </main>
  );
}
