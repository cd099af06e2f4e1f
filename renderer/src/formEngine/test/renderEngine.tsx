/**
 * Renders FormEngine the way the app does (antd zh-CN locale) with an in-memory attachment store and a
 * recording `onSave`, for tests that drive it by the labels a user reads.
 */
import { render } from "@testing-library/react";
import { ConfigProvider } from "antd";
import zhCN from "antd/locale/zh_CN";
import type { SectionData } from "@shenbao/rules";
import { FormEngine, type FormEngineProps } from "../FormEngine.js";
import { createMemoryAttachmentClient } from "../memoryAttachmentClient.js";

/** FormEngine props with test defaults: memory attachments and an `onSave` that records its argument. */
export function renderEngine(
  props: Omit<FormEngineProps, "onSave" | "attachmentClient"> & Partial<FormEngineProps>,
) {
  const saved: SectionData[] = [];
  const attachmentClient = props.attachmentClient ?? createMemoryAttachmentClient();
  const onSave =
    props.onSave ??
    ((answers: SectionData) => {
      saved.push(answers);
      return Promise.resolve();
    });
  const result = render(
    // Motion off: jsdom never ends CSS transitions, so leaving error messages would linger in the DOM.
    <ConfigProvider locale={zhCN} theme={{ token: { motion: false } }}>
      <FormEngine {...props} onSave={onSave} attachmentClient={attachmentClient} />
    </ConfigProvider>,
  );
  return { ...result, saved, attachmentClient };
}
