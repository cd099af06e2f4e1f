/**
 * Every domain error the server can raise, each with an HTTP status, a stable id and a Chinese message.
 * One middleware (middleware/errorHandler.ts) maps them to `{ error, message }`; nothing else formats errors.
 */

/** Base class: `id` is stable and documented, `message` is shown to users in Chinese. */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly id: string;
  /** Extra machine-readable facts returned to the client (never personal data). */
  details?: Record<string, unknown>;

  constructor(message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = new.target.name;
    if (details) this.details = details;
  }
}

/** A replace or delete was based on a stale revision (optimistic concurrency). */
export class RevisionConflictError extends DomainError {
  readonly status = 409;
  readonly id = "revision_conflict";
  constructor(message = "该内容已在其他页面修改，请刷新后重试", details?: Record<string, unknown>) {
    super(message, details);
  }
}

/** A unique index would be violated. */
export class DuplicateKeyError extends DomainError {
  readonly status = 409;
  readonly id = "duplicate_key";
  constructor(message = "记录已存在，请勿重复提交", details?: Record<string, unknown>) {
    super(message, details);
  }
}

/** A filter or sort names a field the collection has not declared as indexed. */
export class UnindexedQueryError extends DomainError {
  readonly status = 500;
  readonly id = "unindexed_query";
  constructor(field: string) {
    super("系统查询配置有误", { field });
  }
}

/** The requested document does not exist or is not visible to the caller. */
export class NotFoundError extends DomainError {
  readonly status = 404;
  readonly id = "not_found";
  constructor(message = "请求的内容不存在") {
    super(message);
  }
}

/** No route matches the request. */
export class RouteNotFoundError extends DomainError {
  readonly status = 404;
  readonly id = "route_not_found";
  constructor() {
    super("请求的地址不存在");
  }
}

/** The request body is not valid JSON. */
export class MalformedJsonError extends DomainError {
  readonly status = 400;
  readonly id = "malformed_json";
  constructor() {
    super("请求内容格式错误，无法解析");
  }
}

/** The request body exceeds the configured limit. */
export class PayloadTooLargeError extends DomainError {
  readonly status = 413;
  readonly id = "payload_too_large";
  constructor() {
    super("提交的内容过大");
  }
}

/** Request input failed validation; `details.issues` lists the fields. */
export class InvalidInputError extends DomainError {
  readonly status = 400;
  readonly id = "invalid_input";
  constructor(message = "提交的内容不符合要求", details?: Record<string, unknown>) {
    super(message, details);
  }
}

/** An upload is larger than its field allows. */
export class FileTooLargeError extends DomainError {
  readonly status = 413;
  readonly id = "file_too_large";
  constructor(maxBytes: number) {
    super(`文件过大，不能超过 ${formatBytes(maxBytes)}`, { maxBytes });
  }
}

/** An upload's real type (by magic bytes) is not among the allowed ones. */
export class FileTypeNotAllowedError extends DomainError {
  readonly status = 415;
  readonly id = "file_type_not_allowed";
  constructor(allowedTypes: string[], detected?: string) {
    super("文件类型不符合要求，请上传规定格式的文件", { allowedTypes, detected: detected ?? null });
  }
}

/** A file key is unknown to the files port. */
export class FileNotFoundError extends DomainError {
  readonly status = 404;
  readonly id = "file_not_found";
  constructor() {
    super("文件不存在或已被删除");
  }
}

/** A job failed in a way retrying cannot fix; queue adapters stop retrying it. */
export class PermanentJobError extends DomainError {
  readonly status = 500;
  readonly id = "permanent_job_failure";
  constructor(message: string, details?: Record<string, unknown>) {
    super(message, details);
  }
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} 字节`;
}

/** A paging cursor is malformed or belongs to another sort order. */
export class InvalidCursorError extends DomainError {
  readonly status = 400;
  readonly id = "invalid_cursor";
  constructor() {
    super("分页参数无效，请从第一页重新加载");
  }
}
