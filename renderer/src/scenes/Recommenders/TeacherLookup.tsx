/**
 * The teacher lookup (TCH-1, TCH-2): choose the role (the edition's titles), enter name and ID number, look the
 * physician up in the registry; 「获取成功」 shows who was found with 「选择」, 「获取失败」 the server's
 * explanation. Choosing a role whose entries need a work proof asks for that upload before the invitation.
 */
import { useRef, useState } from "react";
import { Alert, Button, Card, Descriptions, Input, Radio, Space, Tag, Typography } from "antd";
import { UploadOutlined } from "@ant-design/icons";
import { editionText, findForm, teacherRoles, type Answers, type Edition } from "@shenbao/rules";
import { messageOf } from "../../api/apiClient.js";
import {
  invitationApi,
  teacherLookupApi,
  type InvitationCreated,
  type TeacherLookupView,
  type TeacherRole,
} from "../../api/invitationEndpoints.js";
import type { AttachmentClient } from "../../formEngine/attachmentClient.js";
import { attachmentLimits, rejectionOf } from "../../formEngine/widgets/attachmentRules.js";
import { needsWorkProof, teacherFieldTitle, teacherListOf } from "./requiredTeam.js";

const ID_NUMBER_LABEL = "身份证号码";

/** Inputs of the lookup: which application, its edition and answers, the list length and upload client. */
export interface TeacherLookupProps {
  applicationId: string;
  edition: Edition;
  answers: Answers;
  /** How many teachers the list holds; the next entry's index for the work-proof upload path. */
  listLength: number;
  attachmentClient: AttachmentClient;
  onInvited: (created: InvitationCreated) => void;
}

type Found = Extract<TeacherLookupView, { found: true }>["person"];

function workProofLimits(edition: Edition) {
  const binding = teacherListOf(edition);
  const ui = findForm(edition, binding.section).uiSchema as Record<string, unknown>;
  const list = (ui[binding.field] ?? {}) as { items?: Record<string, { "ui:options"?: unknown }> };
  const options = (list.items?.workProof?.["ui:options"] ?? {}) as Record<string, unknown>;
  return attachmentLimits(options, false);
}

/** The lookup card. */
export function TeacherLookup(props: TeacherLookupProps) {
  const { applicationId, edition, answers, listLength, attachmentClient, onInvited } = props;
  const roles = teacherRoles(edition);
  const [role, setRole] = useState<string>();
  const [name, setName] = useState("");
  const [idNumber, setIdNumber] = useState("");
  const [busy, setBusy] = useState<"lookup" | "upload" | "invite">();
  const [result, setResult] = useState<TeacherLookupView>();
  const [chosen, setChosen] = useState<Found>();
  const [proof, setProof] = useState<{ id: string; name: string }>();
  const [error, setError] = useState<string>();
  const fileInput = useRef<HTMLInputElement>(null);
  const nameLabel = teacherFieldTitle(edition, "name") ?? "name";
  const roleLabel = teacherFieldTitle(edition, "role") ?? "role";
  const proofLabel = teacherFieldTitle(edition, "workProof") ?? "workProof";

  const reset = () => {
    setResult(undefined);
    setChosen(undefined);
    setProof(undefined);
    setError(undefined);
  };

  const lookup = async () => {
    if (role === undefined) return setError(`请选择${roleLabel}`);
    if (name.trim() === "") return setError(`请输入${nameLabel}`);
    if (idNumber.trim() === "") return setError(`请输入${ID_NUMBER_LABEL}`);
    reset();
    setBusy("lookup");
    try {
      setResult(
        await teacherLookupApi.lookup(applicationId, role as TeacherRole, name.trim(), idNumber.trim()),
      );
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(undefined);
    }
  };

  const invite = async (person: Found, workProof: string | undefined) => {
    setBusy("invite");
    setError(undefined);
    try {
      const created = await invitationApi.create(applicationId, {
        role: person.role,
        ref: person.ref,
        ...(workProof === undefined ? {} : { workProof }),
      });
      setName("");
      setIdNumber("");
      reset();
      onInvited(created);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(undefined);
    }
  };

  const choose = (person: Found) => {
    if (needsWorkProof(edition, person.role, answers)) setChosen(person);
    else void invite(person, undefined);
  };

  const upload = async (file: File) => {
    const limits = workProofLimits(edition);
    const rejection = rejectionOf(file, limits, 0);
    if (rejection) return setError(rejection);
    setBusy("upload");
    setError(undefined);
    try {
      const fieldPath = `${teacherListOf(edition).field}.${listLength}.workProof`;
      const info = await attachmentClient.upload(file, { fieldPath, onProgress: () => {} });
      setProof({ id: info.id, name: info.name });
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(undefined);
    }
  };

  const person = result?.found ? result.person : undefined;
  return (
    <Card title={editionText(edition, "recommenders.lookupTitle")} className="sb-lookup">
      <div className="sb-lookup-form">
        <div className="sb-lookup-row">
          <span className="sb-lookup-label" id="sb-lookup-role">
            {roleLabel}
          </span>
          <Radio.Group
            aria-labelledby="sb-lookup-role"
            value={role}
            onChange={(event) => {
              setRole(event.target.value as string);
              reset();
            }}
          >
            {roles.map((option) => (
              <Radio key={option.value} value={option.value}>
                {option.title}
              </Radio>
            ))}
          </Radio.Group>
        </div>
        <label className="sb-lookup-row">
          <span className="sb-lookup-label">{nameLabel}</span>
          <Input value={name} maxLength={50} onChange={(event) => setName(event.target.value)} />
        </label>
        <label className="sb-lookup-row">
          <span className="sb-lookup-label">{ID_NUMBER_LABEL}</span>
          <Input
            value={idNumber}
            maxLength={32}
            autoComplete="off"
            onChange={(event) => setIdNumber(event.target.value)}
            onPressEnter={() => void lookup()}
          />
        </label>
        <Button type="primary" block loading={busy === "lookup"} onClick={() => void lookup()}>
          获取
        </Button>
      </div>

      {error && <Alert type="error" showIcon role="alert" title={error} className="sb-lookup-result" />}

      {result && !result.found && (
        <Alert
          type="warning"
          showIcon
          className="sb-lookup-result"
          title="获取失败"
          description={result.message}
        />
      )}

      {person && (
        <Card size="small" className="sb-lookup-result" title={<Tag color="success">获取成功</Tag>}>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={nameLabel}>
              {person.name}
              {person.demo && <Tag style={{ marginLeft: 8 }}>演示数据</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label={ID_NUMBER_LABEL}>{person.maskedIdNumber}</Descriptions.Item>
            <Descriptions.Item label="所在机构">{person.institution}</Descriptions.Item>
            <Descriptions.Item label="职称">{person.title}</Descriptions.Item>
          </Descriptions>
          {chosen === undefined ? (
            <Button type="primary" block loading={busy === "invite"} onClick={() => choose(person)}>
              选择
            </Button>
          ) : (
            <Space direction="vertical" style={{ width: "100%" }}>
              <Typography.Text strong>{proofLabel}</Typography.Text>
              <input
                ref={fileInput}
                type="file"
                hidden
                aria-label={proofLabel}
                accept={workProofLimits(edition).accept.join(",")}
                onChange={(event) => {
                  const file = event.target.files?.[0];
                  event.target.value = "";
                  if (file) void upload(file);
                }}
              />
              {proof ? (
                <Typography.Text type="success">已上传：{proof.name}</Typography.Text>
              ) : (
                <Typography.Text type="secondary">上传后方可完成选择。</Typography.Text>
              )}
              <Button
                icon={<UploadOutlined />}
                block
                loading={busy === "upload"}
                onClick={() => fileInput.current?.click()}
              >
                {proof ? "重新上传" : "上传文件"}
              </Button>
              <Button
                type="primary"
                block
                disabled={proof === undefined}
                loading={busy === "invite"}
                onClick={() => void invite(chosen, proof?.id)}
              >
                确认选择
              </Button>
            </Space>
          )}
        </Card>
      )}
    </Card>
  );
}
