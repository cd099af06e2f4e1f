/**
 * The client-side pre-check of attachment fields (type, size, count from `ui:options`), with the
 * Chinese messages shown before anything is sent; the server checks the same limits again.
 */

/** The limits an attachment field declares in its uiSchema `ui:options`. */
export interface AttachmentLimits {
  /** MIME types (`image/png`), wildcards (`image/*`) or extensions (`.pdf`); empty = any. */
  accept: string[];
  maxBytes?: number;
  maxCount: number;
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  "image/jpeg": "JPG",
  "image/png": "PNG",
  "image/gif": "GIF",
  "image/webp": "WEBP",
  "application/pdf": "PDF",
};

/** The limits from `ui:options`; a single-value field (schema type string) holds at most one file. */
export function attachmentLimits(
  options: Record<string, unknown>,
  multiple: boolean,
  maxItems?: unknown,
): AttachmentLimits {
  const accept = Array.isArray(options.accept)
    ? options.accept.filter((a): a is string => typeof a === "string")
    : [];
  const maxBytes = typeof options.maxBytes === "number" ? options.maxBytes : undefined;
  const declared =
    typeof options.maxCount === "number"
      ? options.maxCount
      : typeof maxItems === "number"
        ? maxItems
        : undefined;
  const maxCount = multiple ? (declared ?? Number.POSITIVE_INFINITY) : 1;
  return { accept, maxBytes, maxCount };
}

/** Human size in the units the guide uses (KB / MB). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / 1024 / 1024).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Math.ceil(bytes / 1024)} KB`;
  return `${bytes} B`;
}

/** The accepted types as users read them: 「JPG、PNG、PDF」. */
export function acceptedTypeNames(accept: string[]): string {
  return [...new Set(accept.map((a) => TYPE_NAMES[a] ?? a.replace(/^\./, "").toUpperCase()))].join("、");
}

function typeMatches(file: Pick<File, "name" | "type">, accepted: string): boolean {
  if (accepted.startsWith(".")) return file.name.toLowerCase().endsWith(accepted.toLowerCase());
  if (accepted.endsWith("/*")) return file.type.startsWith(accepted.slice(0, -1));
  return file.type === accepted;
}

/** Why this file may not be uploaded (Chinese), or undefined when it passes; `held` = files already in the field. */
export function rejectionOf(
  file: Pick<File, "name" | "type" | "size">,
  limits: AttachmentLimits,
  held: number,
): string | undefined {
  if (held >= limits.maxCount) return `最多只能上传 ${limits.maxCount} 个文件，「${file.name}」未上传`;
  if (limits.accept.length > 0 && !limits.accept.some((a) => typeMatches(file, a)))
    return `「${file.name}」格式不支持，请上传 ${acceptedTypeNames(limits.accept)} 格式的文件`;
  if (limits.maxBytes !== undefined && file.size > limits.maxBytes)
    return `「${file.name}」大小为 ${formatBytes(file.size)}，超过 ${formatBytes(limits.maxBytes)} 的上限`;
  return undefined;
}

/** True when a preview can show the file inline (images and PDFs). */
export function previewKind(type: string | undefined): "image" | "pdf" | undefined {
  if (type === undefined) return undefined;
  if (type.startsWith("image/")) return "image";
  return type === "application/pdf" ? "pdf" : undefined;
}
