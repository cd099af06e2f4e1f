/**
 * The reviewers' queue at /review (REV-1, REV-5): applications routed to the reviewer's division, filtered,
 * searched and sorted on the server, paged by cursor, exported to xlsx. Desktop first (1280×800); the
 * table scrolls sideways on a phone.
 */
import { useCallback, useEffect, useState } from "react";
import { Link } from "react-router";
import { App, Button, Card, DatePicker, Input, Select, Space, Table, Tag, Typography } from "antd";
import type { Edition } from "@shenbao/rules";
import { messageOf } from "../../api/apiClient.js";
import { editionApi } from "../../api/editionEndpoints.js";
import {
  reviewApi,
  type QueueFilters,
  type ReviewerMe,
  type ReviewQueueItem,
} from "../../api/reviewEndpoints.js";
import { useRequireSignIn } from "../../app/useRequireSignIn.js";
import { PageError, PageLoading } from "../../ui/PageState.js";

/**
 * Downloads the filtered list as it streams from the server, reporting what has arrived (bytes, and the row
 * count the server announces in `X-Export-Rows` before the first byte), then saves it under its name.
 */
async function streamExport(
  url: string,
  onProgress: (received: number, rows: number) => void,
): Promise<void> {
  const response = await fetch(url, { credentials: "same-origin" });
  if (!response.ok || response.body === null) {
    const body = (await response.json().catch(() => ({}))) as { message?: string };
    throw new Error(body.message ?? "导出失败，请稍后重试");
  }
  const rows = Number(response.headers.get("X-Export-Rows") ?? 0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  onProgress(0, rows);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.byteLength;
    onProgress(received, rows);
  }
  const blob = new Blob(chunks as BlobPart[], { type: response.headers.get("Content-Type") ?? "" });
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = "审核名单.xlsx";
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

const STAGES = [
  ["county", "县区审核"],
  ["returned", "退回修改"],
  ["withdrawn", "考生已撤回"],
  ["city", "市州审核"],
  ["province", "省级审核"],
  ["approved", "审核通过"],
  ["rejected", "审核不通过"],
] as const;

/** The queue page. */
export function ReviewQueue() {
  const me = useRequireSignIn();
  const [reviewer, setReviewer] = useState<ReviewerMe>();
  const [edition, setEdition] = useState<Edition>();
  const [filters, setFilters] = useState<QueueFilters>({ sort: "-submittedAt" });
  const [search, setSearch] = useState<{ by: QueueFilters["searchBy"]; q: string }>({ by: "name", q: "" });
  // Cursor of each page shown so far: page n starts at cursors[n - 1].
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ items: ReviewQueueItem[]; next: string | null; total: number }>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);
  const [exporting, setExporting] = useState<{ received: number; rows: number; done: boolean }>();
  const { message } = App.useApp();

  useEffect(() => {
    if (!me) return;
    reviewApi.me().then(setReviewer, (failure: unknown) => setError(messageOf(failure)));
    editionApi.current().then(setEdition, () => undefined);
  }, [me]);

  const load = useCallback(async (nextFilters: QueueFilters, cursor: string | undefined) => {
    setLoading(true);
    try {
      setData(await reviewApi.queue(nextFilters, cursor));
      setError(undefined);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    if (reviewer) void load(filters, cursors[page - 1]);
  }, [reviewer, filters, page, cursors, load]);

  if (error && !data) return <PageError message={error} />;
  if (!me || !reviewer) return <PageLoading />;

  const apply = (change: Partial<QueueFilters>) => {
    setFilters((current) => ({ ...current, ...change }));
    setCursors([undefined]);
    setPage(1);
  };
  const typeLabel = (value: string) => edition?.candidateTypes.find((t) => t.value === value)?.label ?? value;

  return (
    <main className="sb-page sb-page-wide">
      <h1 className="sb-page-title">
        审核工作台 <Tag>{reviewer.levelLabel}</Tag> {reviewer.divisionName}
      </h1>
      <Card style={{ marginBottom: 16 }}>
        <Space wrap>
          <Select
            aria-label="审核状态"
            placeholder="审核状态"
            allowClear
            style={{ width: 140 }}
            options={STAGES.map(([value, label]) => ({ value, label }))}
            onChange={(stage?: string) => apply({ stage })}
          />
          <Select
            aria-label="考生类型"
            placeholder="考生类型"
            allowClear
            style={{ width: 200 }}
            options={edition?.candidateTypes.map((t) => ({ value: t.value, label: t.label })) ?? []}
            onChange={(candidateType?: string) => apply({ candidateType })}
          />
          <Input
            aria-label="区县代码"
            placeholder="区县代码（6位）"
            allowClear
            style={{ width: 150 }}
            onChange={(event) => {
              const value = event.target.value.trim();
              if (value === "" || /^\d{6}$/.test(value)) apply({ county: value || undefined });
            }}
          />
          <DatePicker.RangePicker
            aria-label="提交时间"
            placeholder={["提交日起", "提交日止"]}
            onChange={(range) =>
              apply({
                submittedFrom: range?.[0]?.format("YYYY-MM-DD"),
                submittedTo: range?.[1]?.format("YYYY-MM-DD"),
              })
            }
          />
          <Select
            aria-label="老师签名"
            placeholder="老师签名"
            allowClear
            style={{ width: 140 }}
            options={[
              { value: "complete", label: "已全部签名" },
              { value: "incomplete", label: "未全部签名" },
            ]}
            onChange={(signatures?: "complete" | "incomplete") => apply({ signatures })}
          />
          <Space.Compact>
            <Select
              aria-label="搜索方式"
              value={search.by}
              style={{ width: 130 }}
              options={[
                { value: "name", label: "姓名" },
                { value: "idNumber", label: "证件号码" },
                { value: "phoneTail", label: "手机尾号" },
              ]}
              onChange={(by) => setSearch((s) => ({ ...s, by }))}
            />
            <Input.Search
              aria-label="搜索"
              placeholder="姓名 / 证件号码或后4位 / 手机后4位"
              allowClear
              style={{ width: 280 }}
              onSearch={(q) => apply({ searchBy: search.by, q: q.trim() || undefined })}
            />
          </Space.Compact>
          <Button
            loading={exporting !== undefined && !exporting.done}
            onClick={() => {
              setExporting({ received: 0, rows: data?.total ?? 0, done: false });
              streamExport(reviewApi.exportUrl(filters), (received, rows) =>
                setExporting({ received, rows, done: false }),
              ).then(
                () => setExporting((current) => current && { ...current, done: true }),
                (failure: unknown) => {
                  setExporting(undefined);
                  message.error(messageOf(failure));
                },
              );
            }}
          >
            导出Excel{data ? `（${data.total} 条）` : ""}
          </Button>
          <Link to="/review/public-list">公示名单</Link>
        </Space>
      </Card>
      {exporting && (
        <div role="status" aria-label="导出进度" style={{ marginBottom: 12, maxWidth: 480 }}>
          <Typography.Text>
            {exporting.done
              ? `导出完成：共 ${exporting.rows} 条，${Math.ceil(exporting.received / 1024)} KB`
              : `正在导出 ${exporting.rows} 条：已接收 ${Math.ceil(exporting.received / 1024)} KB`}
          </Typography.Text>
        </div>
      )}
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      <Table<ReviewQueueItem>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        scroll={{ x: 960 }}
        onChange={(_pagination, _filters, sorter) => {
          const order = Array.isArray(sorter) ? undefined : sorter.order;
          apply({ sort: order === "ascend" ? "submittedAt" : "-submittedAt" });
        }}
        pagination={false}
        columns={[
          {
            title: "姓名",
            dataIndex: "name",
            render: (name, row) => <Link to={`/review/${row.id}`}>{name}</Link>,
          },
          {
            title: "性别",
            dataIndex: "sex",
            render: (sex) => (sex === "male" ? "男" : sex === "female" ? "女" : ""),
          },
          { title: "证件号码", dataIndex: "idNumberMasked" },
          { title: "考生类型", dataIndex: "candidateType", render: typeLabel },
          { title: "确认地点", dataIndex: "countyName" },
          { title: "审核状态", dataIndex: "stageLabel", render: (label) => <Tag>{label}</Tag> },
          {
            title: "提交时间",
            dataIndex: "submittedAt",
            sorter: true,
            sortOrder: filters.sort === "submittedAt" ? "ascend" : "descend",
            render: (at: string) => new Date(at).toLocaleString("zh-CN"),
          },
          {
            title: "老师签名",
            dataIndex: "signaturesComplete",
            render: (done: boolean) => (done ? <Tag color="success">已全部签名</Tag> : <Tag>未全部签名</Tag>),
          },
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <Typography.Text>
          共 {data?.total ?? 0} 条，第 {page} 页
        </Typography.Text>
        <Button disabled={page === 1} onClick={() => setPage((n) => n - 1)}>
          上一页
        </Button>
        <Button
          disabled={!data?.next}
          onClick={() => {
            const next = data?.next ?? undefined;
            setCursors((list) => [...list.slice(0, page), next]);
            setPage((n) => n + 1);
          }}
        >
          下一页
        </Button>
      </Space>
    </main>
  );
}
