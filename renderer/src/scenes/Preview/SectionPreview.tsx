/**
 * Live preview of any section or extra form of an edition object with sample answers: the edition's own
 * example files, or answers passed in. Used by the admin form editor and by browser tests; no router yet.
 */
import { useMemo, useState } from "react";
import { Card, Select, Space, Typography } from "antd";
import { findForm, type Edition, type SectionData } from "@shenbao/rules";
import { FormEngine } from "../../formEngine/FormEngine.js";
import { createMemoryAttachmentClient } from "../../formEngine/memoryAttachmentClient.js";

/** Which edition to preview and, optionally, where to start and with what answers. */
export interface SectionPreviewProps {
  edition: Edition;
  /** Section or form key to open first; defaults to the first section. */
  sectionKey?: string;
  candidateType?: string;
  /** Sample answers; when absent the section's first valid example is used. */
  answers?: SectionData;
  sections?: Record<string, SectionData | undefined>;
}

interface Sample {
  answers?: SectionData;
  candidateType?: string;
  sections?: Record<string, SectionData | undefined>;
}

const NO_EXAMPLE = "";

/** The preview page: pickers for form, example and candidate type above one FormEngine. */
export function SectionPreview(props: SectionPreviewProps) {
  const { edition } = props;
  const [key, setKey] = useState(props.sectionKey ?? edition.sections[0]?.key ?? "");
  const form = findForm(edition, key);
  const firstValid = form.examples.find((example) => example.kind === "valid")?.file ?? NO_EXAMPLE;
  const [exampleFile, setExampleFile] = useState<string>(
    props.answers === undefined ? firstValid : NO_EXAMPLE,
  );
  const [candidateType, setCandidateType] = useState(props.candidateType ?? edition.candidateTypes[0]?.value);
  const [saved, setSaved] = useState<SectionData>();
  // One store per preview, so uploads made while trying the form can be previewed and deleted.
  const attachmentClient = useMemo(() => createMemoryAttachmentClient(), []);

  const sample = useMemo<Sample>(() => {
    const example = form.examples.find((e) => e.file === exampleFile);
    if (example === undefined) return { answers: props.answers, sections: props.sections };
    return example.data as Sample;
  }, [form, exampleFile, props.answers, props.sections]);

  const choose = (next: string) => {
    setKey(next);
    setExampleFile(findForm(edition, next).examples.find((e) => e.kind === "valid")?.file ?? NO_EXAMPLE);
    setSaved(undefined);
  };

  const formOptions = [...edition.sections, ...edition.forms].map((f) => ({ value: f.key, label: f.title }));
  const exampleOptions = [
    { value: NO_EXAMPLE, label: "空白" },
    ...form.examples.map((example) => {
      const description = (example.data as { description?: unknown }).description;
      const name = example.file.split("/").at(-1) ?? example.file;
      return {
        value: example.file,
        label: typeof description === "string" ? `${name} · ${description}` : name,
      };
    }),
  ];

  return (
    <div className="sb-preview">
      <Card size="small" title={`预览 · ${edition.title}（${edition.version}）`}>
        <Space wrap>
          <Select
            aria-label="表单"
            value={key}
            options={formOptions}
            onChange={choose}
            style={{ minWidth: 200 }}
          />
          <Select
            aria-label="示例答案"
            value={exampleFile}
            options={exampleOptions}
            onChange={(file: string) => {
              setExampleFile(file);
              setSaved(undefined);
            }}
            style={{ minWidth: 240, maxWidth: "100%" }}
          />
          <Select
            aria-label={edition.candidateTypeTitle}
            value={sample.candidateType ?? candidateType}
            disabled={sample.candidateType !== undefined}
            options={edition.candidateTypes.map((t) => ({ value: t.value, label: t.label }))}
            onChange={setCandidateType}
            style={{ minWidth: 200 }}
          />
        </Space>
      </Card>
      <FormEngine
        key={`${key}\n${exampleFile}`}
        edition={edition}
        sectionKey={key}
        candidateType={sample.candidateType ?? candidateType}
        answers={sample.answers}
        sections={sample.sections}
        attachmentClient={attachmentClient}
        onSave={(answers) => {
          setSaved(answers);
          return Promise.resolve();
        }}
      />
      {saved !== undefined && (
        <Card size="small" title="保存的数据（已去除隐藏分支）">
          <Typography.Paragraph>
            <pre className="sb-preview-saved">{JSON.stringify(saved, null, 2)}</pre>
          </Typography.Paragraph>
        </Card>
      )}
    </div>
  );
}
