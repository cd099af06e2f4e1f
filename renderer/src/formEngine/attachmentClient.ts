/**
 * How attachment widgets move files: one small port so the form engine never knows about HTTP, and
 * tests and the admin preview can swap in an in-memory store.
 */

/** What the server's file store reports about a stored attachment (the id is what the answers hold). */
export interface AttachmentInfo {
  id: string;
  name: string;
  type: string;
  size: number;
}

/** Per-upload context: the dotted field path (the server records it) and a 0–100 progress callback. */
export interface UploadOptions {
  fieldPath: string;
  onProgress: (percent: number) => void;
}

/** The transfer port of the attachment widget, passed to fields through RJSF `formContext`. */
export interface AttachmentClient {
  upload(file: File, options: UploadOptions): Promise<AttachmentInfo>;
  /** Where the browser can fetch the file (previews, downloads). */
  url(id: string): string;
  remove(id: string): Promise<void>;
  /**
   * What is stored under already saved ids (names, types, sizes), for a section reopened after a reload;
   * ids it cannot describe are left out. Optional: without it the widget asks `url(id)` with HEAD.
   */
  describe?(ids: string[]): Promise<AttachmentInfo[]>;
}

/** The file name of a `Content-Disposition` header (RFC 6266: `filename*` first, then `filename`). */
export function fileNameOfDisposition(header: string | null): string | undefined {
  if (header === null) return undefined;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (extended !== null) {
    try {
      return decodeURIComponent((extended[2] ?? "").trim()) || undefined;
    } catch {
      // Fall through to the plain name.
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(header);
  const name = plain?.[1]?.replace(/\\(.)/g, "$1") ?? plain?.[2]?.trim();
  return name === undefined || name === "" ? undefined : name;
}

/**
 * Describes stored files over their download URLs: a HEAD request answers the name (Content-Disposition),
 * type and size without the bytes. The server has no metadata route; this is the fallback it allows.
 */
export async function describeByHead(
  ids: string[],
  urlOf: (id: string) => string,
): Promise<AttachmentInfo[]> {
  const described = await Promise.all(
    ids.map(async (id): Promise<AttachmentInfo | undefined> => {
      try {
        const response = await fetch(urlOf(id), { method: "HEAD", credentials: "include" });
        if (!response.ok) return undefined;
        const name = fileNameOfDisposition(response.headers.get("Content-Disposition"));
        if (name === undefined) return undefined;
        const type = (response.headers.get("Content-Type") ?? "").split(";")[0]?.trim() ?? "";
        const size = Number(response.headers.get("Content-Length") ?? Number.NaN);
        return { id, name, type, size: Number.isFinite(size) ? size : Number.NaN };
      } catch {
        return undefined;
      }
    }),
  );
  return described.filter((info): info is AttachmentInfo => info !== undefined);
}

/** Raised when the server refuses or fails an upload; `message` is Chinese and shown to the user. */
export class AttachmentUploadError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "AttachmentUploadError";
  }
}

function serverMessage(xhr: XMLHttpRequest): string | undefined {
  try {
    const body = JSON.parse(xhr.responseText) as { message?: unknown };
    return typeof body.message === "string" ? body.message : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The browser client: multipart POST to `<base>` (fields `file`, `fieldPath`), expecting the stored
 * `AttachmentInfo` as JSON; XHR rather than fetch because fetch cannot report upload progress.
 */
export function createXhrAttachmentClient(base = "/api/attachments"): AttachmentClient {
  return {
    upload(file, { fieldPath, onProgress }) {
      return new Promise<AttachmentInfo>((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open("POST", base);
        xhr.withCredentials = true;
        xhr.upload.onprogress = (event) => {
          if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
        };
        xhr.onload = () => {
          if (xhr.status >= 200 && xhr.status < 300) {
            try {
              resolve(JSON.parse(xhr.responseText) as AttachmentInfo);
            } catch {
              reject(new AttachmentUploadError("上传失败：服务器返回了无法识别的结果", xhr.status));
            }
            return;
          }
          reject(new AttachmentUploadError(serverMessage(xhr) ?? `上传失败（${xhr.status}）`, xhr.status));
        };
        xhr.onerror = () => reject(new AttachmentUploadError("上传失败：网络连接中断", 0));
        const body = new FormData();
        body.append("fieldPath", fieldPath);
        body.append("file", file, file.name);
        xhr.send(body);
      });
    },
    url: (id) => `${base}/${encodeURIComponent(id)}`,
    async remove(id) {
      const response = await fetch(`${base}/${encodeURIComponent(id)}`, {
        method: "DELETE",
        credentials: "include",
      });
      if (!response.ok && response.status !== 404) throw new Error(`删除附件失败（${response.status}）`);
    },
    describe: (ids) => describeByHead(ids, (id) => `${base}/${encodeURIComponent(id)}`),
  };
}
