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

/** A replace or delete of a document in an append-only collection (the audit log, REV-6). */
export class AppendOnlyError extends DomainError {
  readonly status = 500;
  readonly id = "append_only";
  constructor(collection: string) {
    super("审计记录只能追加，不能修改或删除", { collection });
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

/** A request body nests objects or arrays deeper than any form needs (issue 11). */
export class InputTooDeepError extends DomainError {
  readonly status = 400;
  readonly id = "input_too_deep";
  constructor() {
    super("提交的内容层级过深，无法处理");
  }
}

/**
 * Text holds characters no answer may hold: control characters, NUL, broken surrogates, direction overrides,
 * or bytes that were not UTF-8 (issue 11); `details.path` names the field.
 */
export class InvalidCharactersError extends DomainError {
  readonly status = 400;
  readonly id = "invalid_characters";
  constructor(path: string) {
    super("内容包含无法识别的字符（如控制字符或乱码），请删除后重新填写", { path });
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

/** Drawing the 申请表 took longer than its time bound (issue 11); the request may be retried. */
export class PdfTimeoutError extends DomainError {
  readonly status = 503;
  readonly id = "pdf_timeout";
  constructor() {
    super("申请表生成超时，请稍后重试");
  }
}

/** Too many 申请表 are being drawn at once (issue 11); the request may be retried shortly. */
export class PdfBusyError extends DomainError {
  readonly status = 503;
  readonly id = "pdf_busy";
  constructor() {
    super("当前生成申请表的人数较多，请稍后重试");
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

/** The phone number is not a mainland mobile number (11 digits starting with 1). */
export class InvalidPhoneError extends DomainError {
  readonly status = 400;
  readonly id = "phone_invalid";
  constructor() {
    super("请输入正确的手机号码");
  }
}

/** The sign-in code does not match; `details.attemptsLeft` says how many tries the code still allows. */
export class SignInCodeInvalidError extends DomainError {
  readonly status = 400;
  readonly id = "sign_in_code_invalid";
  constructor(attemptsLeft?: number) {
    super("验证码错误", attemptsLeft === undefined ? undefined : { attemptsLeft });
  }
}

/** No usable code: never sent, expired, already used, or killed by too many wrong attempts. */
export class SignInCodeExpiredError extends DomainError {
  readonly status = 400;
  readonly id = "sign_in_code_expired";
  constructor() {
    super("验证码已过期，请重新获取");
  }
}

/** The code took too many wrong attempts and can no longer be used, even with the right digits. */
export class SignInCodeLockedError extends DomainError {
  readonly status = 400;
  readonly id = "sign_in_code_locked";
  constructor() {
    super("验证码错误次数过多，请重新获取");
  }
}

/** A rate limit (auth/rateLimiter.ts) or the resend cooldown was hit; `details.retryAfter` is in seconds. */
export class RateLimitedError extends DomainError {
  readonly status = 429;
  readonly id = "rate_limited";
  constructor(retryAfterSeconds: number) {
    super("操作过于频繁，请稍后再试", { retryAfter: Math.max(1, Math.ceil(retryAfterSeconds)) });
  }
}

/** The request needs a signed-in user and has no valid session. */
export class NotSignedInError extends DomainError {
  readonly status = 401;
  readonly id = "not_signed_in";
  constructor() {
    super("请先登录");
  }
}

/** Applying needs a verified 实名认证 first (ID-1). */
export class IdentityNotVerifiedError extends DomainError {
  readonly status = 403;
  readonly id = "identity_not_verified";
  constructor() {
    super("请先完成实名认证");
  }
}

/** No form edition is published, so nobody can apply yet (APP-1). */
export class NoPublishedEditionError extends DomainError {
  readonly status = 404;
  readonly id = "no_published_edition";
  constructor() {
    super("当前没有开放报名的表单");
  }
}

/** The linter found problems, so the edition cannot be published (FORM-3); `details.problems` names each place. */
export class EditionInvalidError extends DomainError {
  readonly status = 422;
  readonly id = "edition_invalid";
  /** The message without the problems, for the CLI, which lists every problem on its own line. */
  readonly summary = "表单定义有误，不能发布";
  constructor(problems: string[]) {
    // The first problems in the message itself, so any page showing it tells what to fix.
    const shown = problems.slice(0, 5).join("；");
    const more = problems.length > 5 ? `；等共 ${problems.length} 处` : "";
    super(`表单定义有误，不能发布：${shown}${more}`, { problems });
  }
}

/** New applications are taken only between the open edition's opening and closing times (APP-1). */
export class ApplicationsClosedError extends DomainError {
  readonly status = 409;
  readonly id = "applications_closed";
  constructor(message: string, details?: Record<string, unknown>) {
    super(message, details);
  }
}

/** An edition version that is not published cannot be opened for applications or migrated to (FORM-4). */
export class EditionNotPublishedError extends DomainError {
  readonly status = 409;
  readonly id = "edition_not_published";
  constructor(details?: Record<string, unknown>) {
    super("该表单版本尚未发布，请先发布", details);
  }
}

/** A draft's files are broken beyond reading (no manifest, bad JSON), or a copy target is not valid. */
export class EditionFilesInvalidError extends DomainError {
  readonly status = 400;
  readonly id = "edition_files_invalid";
  constructor(message: string, details?: Record<string, unknown>) {
    super(message, details);
  }
}

/** An edition version is stored already: a copy or an upload needs another version number. */
export class EditionVersionExistsError extends DomainError {
  readonly status = 409;
  readonly id = "edition_version_exists";
  constructor(details: { key: string; version: string }) {
    super(`版本 ${details.key}@${details.version} 已存在，请换一个版本号`, details);
  }
}

/** A published (or archived) edition version never changes (FORM-2, APP-1). */
export class EditionImmutableError extends DomainError {
  readonly status = 409;
  readonly id = "edition_immutable";
  constructor(details?: Record<string, unknown>) {
    super("已发布的表单版本不能修改，请发布新的版本", details);
  }
}

/** Sections are filled after the candidate type is chosen (APP-2); the message names the edition's own title. */
export class CandidateTypeRequiredError extends DomainError {
  readonly status = 409;
  readonly id = "candidate_type_required";
  constructor(message: string) {
    super(message);
  }
}

/** Changing the candidate type drops the other branch's sections, so it needs `confirm: true` (APP-2). */
export class CandidateTypeChangeUnconfirmedError extends DomainError {
  readonly status = 409;
  readonly id = "candidate_type_change_unconfirmed";
  constructor(droppedSections: string[]) {
    super("更换类型将清除不再适用的已填内容，请确认后再更换", { droppedSections });
  }
}

/** The key names no section of the application's edition. */
export class UnknownSectionError extends DomainError {
  readonly status = 400;
  readonly id = "unknown_section";
  constructor(section: string) {
    super("申报表中没有这一部分", { section });
  }
}

/** The section does not apply to the chosen candidate type (APP-2). */
export class SectionNotApplicableError extends DomainError {
  readonly status = 400;
  readonly id = "section_not_applicable";
  constructor(section: string) {
    super("该部分不适用于当前报名类型", { section });
  }
}

/** The application's edition has no teacher list (`bindings.teacherList`), so nobody can be invited. */
export class TeachersNotOfferedError extends DomainError {
  readonly status = 404;
  readonly id = "teachers_not_offered";
  constructor() {
    super("本次报名不需要邀请老师");
  }
}

/** The section's data is written by its own commands (teacher invitations, TCH-1…4), not by a plain save. */
export class SectionManagedError extends DomainError {
  readonly status = 409;
  readonly id = "section_managed";
  constructor(section: string) {
    super("该部分须通过专门的流程填写，不能在此直接修改", { section });
  }
}

/** A reviewer locked the section (REV-2); it stays read-only, also after a withdrawal (APP-6). */
export class SectionLockedError extends DomainError {
  readonly status = 423;
  readonly id = "section_locked";
  constructor(sections: string[]) {
    super("该部分已锁定，不能修改", { sections });
  }
}

/** A submitted application is read-only until withdrawn (APP-6). */
export class ApplicationSubmittedError extends DomainError {
  readonly status = 409;
  readonly id = "application_submitted";
  constructor() {
    super("申报已提交，如需修改请先撤回");
  }
}

/** Withdrawing needs a submitted application (APP-6). */
export class ApplicationNotSubmittedError extends DomainError {
  readonly status = 409;
  readonly id = "application_not_submitted";
  constructor() {
    super("申报尚未提交，无需撤回");
  }
}

/** Submit re-validated the whole application and found blockers (APP-5); `details.blockers` lists each. */
export class ApplicationIncompleteError extends DomainError {
  readonly status = 422;
  readonly id = "application_incomplete";
  constructor(blockers: { section: string; path: string; message: string }[]) {
    super("报名信息尚未完善，不能提交", { blockers });
  }
}

/** An upload names a section / field path that is not an attachment field of the application's edition. */
export class AttachmentFieldUnknownError extends DomainError {
  readonly status = 400;
  readonly id = "attachment_field_unknown";
  constructor(details?: Record<string, unknown>) {
    super("该栏目不存在或不能上传附件", details);
  }
}

/**
 * Section data names an attachment that is not a live upload of this application's field: never uploaded,
 * uploaded elsewhere, or deleted (issue 11); `details.path` names the field.
 */
export class AttachmentRefInvalidError extends DomainError {
  readonly status = 400;
  readonly id = "attachment_invalid";
  constructor(path: string) {
    super("附件不存在或已被删除，请重新上传", { path });
  }
}

/** An upload request is not `multipart/form-data` with exactly one file in the field `file`. */
export class UploadMalformedError extends DomainError {
  readonly status = 400;
  readonly id = "upload_malformed";
  constructor(message = "请选择一个文件上传") {
    super(message);
  }
}

/** A state-changing request came from another site (CSRF, issue 11). */
export class CrossSiteRequestError extends DomainError {
  readonly status = 403;
  readonly id = "cross_site_request";
  constructor() {
    super("请求不是从本站页面发出的，已拒绝。请打开本站页面后重新操作");
  }
}

/** The signed-in user lacks the role an action needs (e.g. administrator pages). */
export class ForbiddenError extends DomainError {
  readonly status = 403;
  readonly id = "forbidden";
  constructor(message = "没有权限进行此操作") {
    super(message);
  }
}

/**
 * A document number failed a local check (ID-2); the message names the failure and `details.reason` is
 * `format` | `checksum` | `birth_date` | `region`, plus `attemptsLeft` for automatic checks.
 */
export class IdNumberInvalidError extends DomainError {
  readonly status = 400;
  readonly id = "id_number_invalid";
  constructor(message: string, details: Record<string, unknown>) {
    super(message, details);
  }
}

/** The identity-check provider said name and number do not belong together (ID-2). */
export class IdentityMismatchError extends DomainError {
  readonly status = 400;
  readonly id = "identity_mismatch";
  constructor(attemptsLeft: number) {
    super("填写的名字与证件号码核验不一致，请核对后重试", { attemptsLeft });
  }
}

/** Too many failed automatic checks (ID-3): only 「身份证（人工审核）」 or another document remains. */
export class IdentityAttemptsExhaustedError extends DomainError {
  readonly status = 409;
  readonly id = "identity_attempts_exhausted";
  constructor(details: Record<string, unknown>) {
    super("自动核验失败次数过多，请选择「身份证（人工审核）」提交人工审核", details);
  }
}

/** The identity-check provider gave no verdict (down, timeout); the attempt does not count against the user. */
export class IdentityCheckUnavailableError extends DomainError {
  readonly status = 503;
  readonly id = "identity_check_unavailable";
  constructor() {
    super("身份核验服务暂时不可用，请稍后重试，或选择「身份证（人工审核）」");
  }
}

/** The user is already verified; a new attempt needs 「撤回认证」 first (ID-5). */
export class IdentityAlreadyVerifiedError extends DomainError {
  readonly status = 409;
  readonly id = "identity_already_verified";
  constructor() {
    super("您已完成实名认证，如需重新认证请先撤回认证");
  }
}

/** A request is waiting for an administrator; another attempt needs 「撤回认证」 first (ID-4, ID-5). */
export class IdentityPendingError extends DomainError {
  readonly status = 409;
  readonly id = "identity_pending";
  constructor() {
    super("您的认证申请正在等待管理员审核，如需改用其他方式请先撤回认证");
  }
}

/** The document number is already verified on another account. */
export class IdNumberTakenError extends DomainError {
  readonly status = 409;
  readonly id = "id_number_taken";
  constructor() {
    super("该证件号码已被其他账号认证");
  }
}

/** 撤回认证 needs a pending or verified attempt (ID-5). */
export class IdentityNotWithdrawableError extends DomainError {
  readonly status = 409;
  readonly id = "identity_not_withdrawable";
  constructor() {
    super("当前没有可撤回的认证");
  }
}

/** A submitted application was made under this identity, so it can no longer be withdrawn. */
export class IdentityWithdrawalLockedError extends DomainError {
  readonly status = 409;
  readonly id = "identity_withdrawal_locked";
  constructor() {
    super("您已提交报名申请，不能撤回实名认证；如需更正请先撤回报名申请或联系管理员");
  }
}

/** An administrator acted on a request that is no longer waiting (REV-4). */
export class IdentityNotPendingError extends DomainError {
  readonly status = 409;
  readonly id = "identity_not_pending";
  constructor() {
    super("该认证申请已处理，请刷新后查看");
  }
}

/** A verification request names no photo of the document, or one the user did not upload. */
export class IdentityPhotoMissingError extends DomainError {
  readonly status = 400;
  readonly id = "identity_photo_missing";
  constructor() {
    super("请先拍摄或上传证件图片");
  }
}

/** A registry import file has row errors (issue 5); nothing was written. `details.errors` lists `{ row, column, message }`. */
export class RegistryImportInvalidError extends DomainError {
  readonly status = 422;
  readonly id = "registry_import_invalid";
  readonly rowErrors: readonly { row: number; column: string; message: string }[];
  constructor(errors: { row: number; column: string; message: string }[]) {
    super("导入文件有误，未导入任何数据，请按提示修改后重新导入", { errors });
    this.rowErrors = errors;
  }
}

/** A catalog file for the studio has errors (FORM-2); nothing was imported. `details.rows` lists them by row. */
export class CatalogImportInvalidError extends DomainError {
  readonly status = 422;
  readonly id = "catalog_import_invalid";
  constructor(rows: { row: number; message: string }[]) {
    super("目录文件有误，未导入任何数据，请按提示修改后重新导入", { rows });
  }
}

/** A draft's files do not load as an edition, so it cannot be previewed; `details.problems` says why. */
export class EditionDraftUnloadableError extends DomainError {
  readonly status = 422;
  readonly id = "edition_draft_unloadable";
  constructor(problems: string[]) {
    super("草稿有误，暂时无法预览，请先在「检查」中修正", { problems });
  }
}

/** The live physician registry gave no answer (down, timeout, refused); the lookup may be retried (TCH-1). */
export class RegistryUnavailableError extends DomainError {
  readonly status = 503;
  readonly id = "registry_unavailable";
  constructor() {
    super("医师名录查询服务暂时不可用，请稍后重试");
  }
}

/** WeChat sign-in is not configured (no `SHENBAO_WECHAT_APP_ID` / `SHENBAO_WECHAT_APP_SECRET`), ACC-1. */
export class WechatNotConfiguredError extends DomainError {
  readonly status = 404;
  readonly id = "wechat_not_configured";
  constructor() {
    super("本系统未开通微信登录，请使用手机号登录");
  }
}

/** The WeChat callback's `state` is unknown, used, expired or from another browser (forged or replayed). */
export class WechatStateInvalidError extends DomainError {
  readonly status = 400;
  readonly id = "wechat_state_invalid";
  constructor() {
    super("登录请求已失效，请重新发起微信登录");
  }
}

/** WeChat refused the authorization code (expired, used, or the user did not authorize); `details.errcode`. */
export class WechatCodeInvalidError extends DomainError {
  readonly status = 400;
  readonly id = "wechat_code_invalid";
  constructor(details?: Record<string, unknown>) {
    super("微信授权已失效或未完成，请重新登录", details);
  }
}

/** WeChat gave no usable answer (busy, timeout, our app id or secret refused); `details.errcode` when it said why. */
export class WechatUnavailableError extends DomainError {
  readonly status = 503;
  readonly id = "wechat_unavailable";
  constructor(message = "微信登录暂时不可用，请稍后重试或使用手机号登录", details?: Record<string, unknown>) {
    super(message, details);
  }
}

/** A 扫码登录 ticket timed out or was already used (ACC-2): the PC page shows a new QR code. */
export class QrTicketExpiredError extends DomainError {
  readonly status = 410;
  readonly id = "qr_ticket_expired";
  constructor() {
    super("二维码已失效，请在电脑上刷新二维码后重新扫码");
  }
}

/** The first-administrator bootstrap link is wrong, expired or used (issue 4 item 6). */
export class AdminBootstrapInvalidError extends DomainError {
  readonly status = 403;
  readonly id = "admin_bootstrap_invalid";
  constructor() {
    super("管理员初始化链接无效或已过期，请重启服务以获取新的链接");
  }
}

/** A teacher link's token matches no invitation (forged, mistyped or cut short) (TCH-3). */
export class InvitationNotFoundError extends DomainError {
  readonly status = 404;
  readonly id = "invitation_not_found";
  constructor() {
    super("链接无效，请向考生重新获取二维码或链接");
  }
}

/** The invitation passed its expiry (TCH-3); the candidate may revoke it and invite again. */
export class InvitationExpiredError extends DomainError {
  readonly status = 410;
  readonly id = "invitation_expired";
  constructor() {
    super("链接已过期，请联系考生重新发送");
  }
}

/** The candidate revoked the invitation (TCH-5). */
export class InvitationRevokedError extends DomainError {
  readonly status = 410;
  readonly id = "invitation_revoked";
  constructor() {
    super("考生已撤回本次评价请求，链接已失效");
  }
}

/** The evaluation was signed already; a signed evaluation never changes (TCH-4), so the link is spent. */
export class InvitationSignedError extends DomainError {
  readonly status = 410;
  readonly id = "invitation_signed";
  constructor() {
    super("您已提交评价和签名，该链接不能再次使用");
  }
}

/** The candidate changed content the signature covered; a new link was sent for a new evaluation (TCH-4). */
export class InvitationInvalidatedError extends DomainError {
  readonly status = 410;
  readonly id = "invitation_invalidated";
  constructor() {
    super("考生已修改申报内容，原评价已失效，请使用新收到的链接重新评价");
  }
}

/**
 * A section save would void teachers' signatures (issue 11): the candidate is told how many before anything
 * changes, and saves again with `confirmVoid: true`.
 */
export class SignaturesWouldVoidError extends DomainError {
  readonly status = 409;
  readonly id = "signatures_would_void";
  constructor(invitations: string[]) {
    super(`修改后，已签署的 ${invitations.length} 位老师需重新签名`, {
      count: invitations.length,
      invitations,
    });
  }
}

/** A stored signature fails its hash (row edited, image swapped) or no longer covers the content. */
export class SignatureCheckFailedError extends DomainError {
  readonly status = 409;
  readonly id = "signature_check_failed";
  constructor(message: string, details: { invitations: string[] }) {
    super(message, details);
  }
}

/** Too many failed identity checks on one invitation; only a new invitation from the candidate helps. */
export class InvitationVerifyLockedError extends DomainError {
  readonly status = 403;
  readonly id = "invitation_verify_locked";
  constructor() {
    super("身份核验失败次数过多，该链接已锁定，请联系考生重新发送");
  }
}

/** The identity check failed (wrong last six digits, wrong code, or the provider said no). */
export class InvitationVerifyFailedError extends DomainError {
  readonly status = 400;
  readonly id = "invitation_verify_failed";
  constructor(attemptsLeft: number) {
    super("身份核验未通过，请核对身份证号码后六位和验证码后重试", { attemptsLeft });
  }
}

/** No live one-time code for the built-in check: never requested, or expired. Not counted as a failure. */
export class InvitationCodeExpiredError extends DomainError {
  readonly status = 400;
  readonly id = "invitation_code_expired";
  constructor() {
    super("验证码已过期或尚未获取，请重新获取验证码");
  }
}

/** The face-verification provider gave no verdict; the attempt does not count. */
export class FaceVerificationUnavailableError extends DomainError {
  readonly status = 503;
  readonly id = "face_verification_unavailable";
  constructor() {
    super("身份核验服务暂时不可用，请稍后重试");
  }
}

/** Summary and signing need the short session a successful identity check on this browser gives. */
export class TeacherSessionRequiredError extends DomainError {
  readonly status = 401;
  readonly id = "teacher_session_required";
  constructor() {
    super("请先完成身份核验");
  }
}

/** Only an unsigned invitation can be revoked (TCH-5): a signature stays on record. */
export class InvitationNotRevocableError extends DomainError {
  readonly status = 409;
  readonly id = "invitation_not_revocable";
  constructor() {
    super("该评价已签署或已结束，不能撤回");
  }
}

/** 请老师重新签名 is only for a signature that fails its check; an intact one stays on record (issue 11). */
export class SignatureNotReissuableError extends DomainError {
  readonly status = 409;
  readonly id = "signature_not_reissuable";
  constructor() {
    super("只有签名校验失败的评价可以请老师重新签名");
  }
}

/**
 * The selection breaks the edition's rules for the recommenders section (counts, same person twice or in
 * both roles, missing work proof); the message is the rule's own, `details.errors` lists each.
 */
export class TeacherSelectionInvalidError extends DomainError {
  readonly status = 422;
  readonly id = "teacher_selection_invalid";
  constructor(errors: { path: string; message: string }[]) {
    super(errors[0]?.message ?? "选择不符合要求", { errors });
  }
}

/** The chosen ref names no registry person under the chosen label group (look the person up again). */
export class TeacherRefUnknownError extends DomainError {
  readonly status = 404;
  readonly id = "teacher_ref_unknown";
  constructor() {
    super("未找到该医师，请重新获取");
  }
}

/** The work proof is not an upload of this application's recommenders section (TCH-2). */
export class WorkProofInvalidError extends DomainError {
  readonly status = 400;
  readonly id = "work_proof_invalid";
  constructor() {
    super("请先上传该医师的工作证明");
  }
}

/** The handwritten signature is not a PNG image within the size limit (TCH-4). */
export class SignatureInvalidError extends DomainError {
  readonly status = 400;
  readonly id = "signature_invalid";
  constructor(message = "签名图片无效，请重新签名") {
    super(message);
  }
}

/** A reviewer's decision needs a comment (REV-2): a return without one tells the candidate nothing. */
export class ReviewCommentRequiredError extends DomainError {
  readonly status = 400;
  readonly id = "review_comment_required";
  constructor() {
    super("退回修改时请填写退回意见");
  }
}

/** A section can be locked only once complete and after the candidate's (re)submission (REV-2). */
export class SectionNotLockableError extends DomainError {
  readonly status = 409;
  readonly id = "section_not_lockable";
  constructor(message: string, details?: Record<string, unknown>) {
    super(message, details);
  }
}

/** The application cannot move on yet: sections unlocked, the on-site form missing or not passed (REV-3). */
export class ReviewNotReadyError extends DomainError {
  readonly status = 409;
  readonly id = "review_not_ready";
  constructor(message: string, details?: Record<string, unknown>) {
    super(message, details);
  }
}

/** 「撤回」 after a reviewer passed the application on or recorded the on-site confirmation (APP-6, REV-3). */
export class ApplicationInReviewError extends DomainError {
  readonly status = 409;
  readonly id = "application_in_review";
  constructor() {
    super("审核已进入下一环节，不能撤回；如需修改请联系审核人员");
  }
}

/** The on-site county is outside the edition's province (REV-1): no bureau of this assessment can confirm it. */
export class OnsiteOutsideProvinceError extends DomainError {
  readonly status = 400;
  readonly id = "onsite_outside_province";
  constructor(provinceName: string) {
    super(`确认地点须在${provinceName}内，请修改所选的区县`, { province: provinceName });
  }
}

/** An appointment names a division that is not of the chosen level, or outside the edition's province. */
export class ReviewerScopeInvalidError extends DomainError {
  readonly status = 400;
  readonly id = "reviewer_scope_invalid";
  constructor(message: string) {
    super(message);
  }
}
