/** Request shapes of /api/admin/editions (FORM-1…4), with Chinese messages. */
import { z } from "zod";
import { isEditionFilePath } from "@shenbao/forms";
import { MAX_DRAFT_FILES } from "../../commands/editionDraftSaver.js";
import { editionParams } from "../editions/editionsSchemas.js";

export { editionParams };

/** `schema` (a map keyed by file path) with every key a relative `.json` / `.md` path inside the edition. */
function withEditionPaths<T extends Record<string, unknown>>(schema: z.ZodType<T>) {
  return schema
    .refine((files) => Object.keys(files).every(isEditionFilePath), { error: "文件路径不正确" })
    .refine((files) => Object.keys(files).every((file) => /\.(json|md)$/.test(file)), {
      error: "只能上传 .json 或 .md 文件",
    });
}

/** A draft's revision, as the page last read it. */
const draftRev = z.number({ error: "请提供草稿版本号" }).int().positive({ error: "请提供草稿版本号" });

/** An edition's files: relative `.json` / `.md` paths → text. */
export const editionFiles = withEditionPaths(
  z.record(z.string(), z.string({ error: "文件内容应为文本" })),
).refine((files) => "manifest.json" in files, { error: "缺少 manifest.json" });

/** POST /api/admin/editions: publish uploaded files. */
export const publishUploadBody = z.object({ files: editionFiles }, { error: "请上传表单文件" });

/** POST …/:key/:version/copy: the new draft's key, version and title (each optional). */
export const copyBody = z.object(
  {
    key: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, { error: "表单编号只能包含小写字母、数字和连字符" })
      .optional(),
    version: z
      .string()
      .regex(/^\d+\.\d+\.\d+$/, { error: "版本号应形如 2025.1.0" })
      .optional(),
    title: z.string().min(1, { error: "请填写标题" }).max(200, { error: "标题不能超过200个字" }).optional(),
  },
  { error: "请求格式不正确" },
);

/** POST …/:key/:version/publish: publishing a stored draft at the revision the administrator saw. */
export const publishDraftBody = z.object({ rev: z.number({ error: "请提供草稿版本号" }).int().positive() });

const when = z.iso.datetime({ offset: true, error: "时间格式不正确" }).nullable();

/** PUT /api/admin/editions/open: which version takes new applications, and when. */
export const openBody = z.object({
  key: editionParams.shape.key,
  version: editionParams.shape.version,
  opensAt: when.default(null),
  closesAt: when.default(null),
});

/** POST …/:key/:version/migrate. */
export const migrateBody = z.object({ dryRun: z.boolean({ error: "dryRun 应为 true 或 false" }) });

/** GET …/:key/:version/diff?against=key@version. */
export const diffQuery = z.object({
  against: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}@\d+\.\d+\.\d+$/, { error: "请指定对比的版本" }),
});

/**
 * PUT …/:key/:version/files: the studio's autosave of a whole draft at the revision it read (its bounds are
 * the saver's, `assertDraftBounds`, as for every other write of a draft).
 */
export const saveDraftBody = z.object(
  {
    rev: draftRev,
    files: editionFiles,
  },
  { error: "请求格式不正确" },
);

/** PATCH …/:key/:version/files: the studio's autosave of the files that changed (null deletes one). */
export const patchDraftBody = z.object(
  {
    rev: draftRev,
    changes: withEditionPaths(
      z.record(z.string(), z.string({ error: "文件内容应为文本" }).nullable()),
    ).refine((changes) => Object.keys(changes).length <= MAX_DRAFT_FILES, {
      error: `草稿最多 ${MAX_DRAFT_FILES} 个文件`,
    }),
  },
  { error: "请求格式不正确" },
);

/** ?rev=N: the draft revision a preview, validators module or import is for. */
export const revQuery = z.object({
  rev: z.coerce
    .number({ error: "请提供草稿版本号" })
    .int()
    .positive({ error: "请提供草稿版本号" })
    .optional(),
});

/** POST …/catalogs/:id/import?rev=N. */
export const catalogImportParams = z.object({
  key: editionParams.shape.key,
  version: editionParams.shape.version,
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: "目录编号不正确" }),
});
export const catalogImportQuery = z.object({
  rev: z.coerce.number({ error: "请提供草稿版本号" }).int().positive({ error: "请提供草稿版本号" }),
});
