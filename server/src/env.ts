/**
 * The only reader of `process.env`: every setting, validated once with zod, with embedded defaults so that
 * `npm start` needs nothing configured. Everything else receives an `Env` object.
 */
import path from "node:path";
import { z } from "zod";

const booleanish = z
  .enum(["true", "false", "1", "0"])
  .transform((value) => value === "true" || value === "1");

// Checked here so a bad key is reported with the other settings rather than as a crash at first use.
const base64Key = z
  .string()
  .trim()
  .refine((text) => /^[A-Za-z0-9+/_-]+={0,2}$/.test(text) && Buffer.from(text, "base64").length === 32, {
    message: "must be 32 random bytes in base64 (e.g. `openssl rand -base64 32`)",
  });

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default("0.0.0.0"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    SHENBAO_DATA_DIR: z.string().default("data"),
    SHENBAO_STORE: z.enum(["sqlite", "mongodb"]).default("sqlite"),
    SHENBAO_QUEUE: z.enum(["embedded", "bullmq"]).default("embedded"),
    SHENBAO_FILES: z.enum(["folder", "gridfs"]).default("folder"),
    MONGODB_URI: z.string().startsWith("mongodb").optional(),
    MONGODB_DB: z.string().default("shenbao"),
    REDIS_URL: z.string().startsWith("redis").optional(),
    SHENBAO_QUEUE_PREFIX: z.string().default("shenbao"),
    SHENBAO_BODY_LIMIT: z.string().default("1mb"),
    SHENBAO_TRUST_PROXY: booleanish.default(false),
    // With SHENBAO_TRUST_PROXY: how many proxies stand in front (each appends to X-Forwarded-For). The
    // client address is the one the outermost of them saw; anything further left the client could forge.
    SHENBAO_PROXY_HOPS: z.coerce.number().int().min(1).max(10).default(1),
    // Ids of server/src/providers/sender/index.ts; "outbox" writes messages to <data dir>/outbox.jsonl.
    SHENBAO_SENDER: z.enum(["outbox"]).default("outbox"),
    // The personal-data root key (32 bytes, base64). Without it the embedded key file is used.
    SHENBAO_DATA_KEY: base64Key.optional(),
    // Keys retired by a rotation, comma-separated: still decrypt and find old values, never encrypt.
    SHENBAO_DATA_KEYS_RETIRED: z
      .string()
      .optional()
      .transform((list) =>
        (list ?? "")
          .split(",")
          .map((key) => key.trim())
          .filter(Boolean),
      )
      .pipe(z.array(base64Key)),
    // Ids of server/src/providers/identityCheck/index.ts; "local" checks ID numbers offline only.
    SHENBAO_IDENTITY_PROVIDER: z.enum(["local", "http"]).default("local"),
    SHENBAO_IDENTITY_URL: z.url({ protocol: /^https?$/ }).optional(),
    SHENBAO_IDENTITY_KEY: z.string().min(1).optional(),
    SHENBAO_IDENTITY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
    // Failed automatic checks before the user is sent to manual review (ID-3).
    SHENBAO_IDENTITY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
    // Ids of server/src/providers/registry/index.ts; "store" looks physicians up in the imported registry.
    SHENBAO_REGISTRY_PROVIDER: z.enum(["store", "http"]).default("store"),
    SHENBAO_REGISTRY_URL: z.url({ protocol: /^https?$/ }).optional(),
    SHENBAO_REGISTRY_KEY: z.string().min(1).optional(),
    SHENBAO_REGISTRY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
    // The address users reach the site at (e.g. https://shenbao.example.gov.cn): WeChat's redirect_uri and the
    // 扫码登录 link are built on it. Without it, the request's own origin is used.
    SHENBAO_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    // WeChat sign-in (ACC-1) is on when both the app id and the secret are set.
    SHENBAO_WECHAT_APP_ID: z.string().trim().min(1).optional(),
    SHENBAO_WECHAT_APP_SECRET: z.string().trim().min(1).optional(),
    SHENBAO_WECHAT_AUTHORIZE_URL: z
      .url({ protocol: /^https?$/ })
      .default("https://open.weixin.qq.com/connect/oauth2/authorize"),
    SHENBAO_WECHAT_API_URL: z.url({ protocol: /^https?$/ }).default("https://api.weixin.qq.com"),
    // snsapi_base signs in silently with the openid; snsapi_userinfo asks the user and may add a unionid.
    SHENBAO_WECHAT_SCOPE: z.enum(["snsapi_base", "snsapi_userinfo"]).default("snsapi_base"),
    SHENBAO_WECHAT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
    // 申请表 PDFs are drawn in worker threads (issue 11): the longest one may take, and how many at once.
    SHENBAO_PDF_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(300_000).default(30_000),
    SHENBAO_PDF_THREADS: z.coerce.number().int().min(1).max(16).default(1),
    // Teacher invitations (TCH-3): days a link stays valid.
    SHENBAO_INVITATION_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(14),
    // Ids of server/src/providers/faceVerification/index.ts; "builtin" = last 6 of the ID number + SMS code.
    SHENBAO_FACE_PROVIDER: z.enum(["builtin", "http"]).default("builtin"),
    SHENBAO_FACE_URL: z.url({ protocol: /^https?$/ }).optional(),
    SHENBAO_FACE_KEY: z.string().min(1).optional(),
    SHENBAO_FACE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
    // How long an embedded-queue claim lives without renewal; a restarted worker re-runs a dead worker's job
    // after this. Lowered only by the fault tests.
    SHENBAO_QUEUE_LEASE_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
    // Times a job may lose its process mid-run (kill -9, OOM, deploy) and still run again, on both queues.
    // Jobs are idempotent (messages are deduped by key), so a crash is retried; a job that kills its process
    // this often is failed as poison (issue 11: at 1, two crashes lost invitation SMS).
    SHENBAO_QUEUE_MAX_STALLED: z.coerce.number().int().min(0).max(100).default(5),
    // Test-only fault hook: the notify task waits this long after sending and before recording it, so a
    // test can SIGKILL the worker inside the job (server/src/tasks/invitationFaults.test.ts). Never set it
    // in production; 0 (the default) means no wait.
    SHENBAO_TEST_NOTIFY_DELAY_MS: z.coerce.number().int().min(0).max(120_000).default(0),
    // Test-only fault hook: the outbox sender waits this long between claiming a message and writing its
    // line, so a fault test's SIGKILL lands in that window (issue 11). 0 (the default) means no wait.
    SHENBAO_TEST_SEND_DELAY_MS: z.coerce.number().int().min(0).max(120_000).default(0),
  })
  .superRefine((env, ctx) => {
    if (
      env.SHENBAO_IDENTITY_PROVIDER === "http" &&
      (!env.SHENBAO_IDENTITY_URL || !env.SHENBAO_IDENTITY_KEY)
    ) {
      ctx.addIssue({
        code: "custom",
        path: [env.SHENBAO_IDENTITY_URL ? "SHENBAO_IDENTITY_KEY" : "SHENBAO_IDENTITY_URL"],
        message: "required by SHENBAO_IDENTITY_PROVIDER=http",
      });
    }
    if (
      env.SHENBAO_REGISTRY_PROVIDER === "http" &&
      (!env.SHENBAO_REGISTRY_URL || !env.SHENBAO_REGISTRY_KEY)
    ) {
      ctx.addIssue({
        code: "custom",
        path: [env.SHENBAO_REGISTRY_URL ? "SHENBAO_REGISTRY_KEY" : "SHENBAO_REGISTRY_URL"],
        message: "required by SHENBAO_REGISTRY_PROVIDER=http",
      });
    }
    if (env.SHENBAO_FACE_PROVIDER === "http" && (!env.SHENBAO_FACE_URL || !env.SHENBAO_FACE_KEY)) {
      ctx.addIssue({
        code: "custom",
        path: [env.SHENBAO_FACE_URL ? "SHENBAO_FACE_KEY" : "SHENBAO_FACE_URL"],
        message: "required by SHENBAO_FACE_PROVIDER=http",
      });
    }
    if (Boolean(env.SHENBAO_WECHAT_APP_ID) !== Boolean(env.SHENBAO_WECHAT_APP_SECRET)) {
      ctx.addIssue({
        code: "custom",
        path: [env.SHENBAO_WECHAT_APP_ID ? "SHENBAO_WECHAT_APP_SECRET" : "SHENBAO_WECHAT_APP_ID"],
        message: "required: WeChat sign-in needs both the app id and the app secret",
      });
    }
    if ((env.SHENBAO_STORE === "mongodb" || env.SHENBAO_FILES === "gridfs") && !env.MONGODB_URI) {
      ctx.addIssue({
        code: "custom",
        path: ["MONGODB_URI"],
        message: "required by SHENBAO_STORE=mongodb / SHENBAO_FILES=gridfs",
      });
    }
    // Web processes on several machines must encrypt and blind-index with the same key; a key file in each
    // machine's data directory would give each its own, and users would no longer be found by phone.
    if (env.SHENBAO_STORE === "mongodb" && !env.SHENBAO_DATA_KEY) {
      ctx.addIssue({
        code: "custom",
        path: ["SHENBAO_DATA_KEY"],
        message: "required by SHENBAO_STORE=mongodb (e.g. `openssl rand -base64 32`)",
      });
    }
    if (env.SHENBAO_QUEUE === "bullmq" && !env.REDIS_URL) {
      ctx.addIssue({ code: "custom", path: ["REDIS_URL"], message: "required by SHENBAO_QUEUE=bullmq" });
    }
    // The embedded queue keeps its jobs table in the SQLite file so that a job and the write that caused it
    // commit together; it cannot live beside a MongoDB store.
    if (env.SHENBAO_QUEUE === "embedded" && env.SHENBAO_STORE !== "sqlite") {
      ctx.addIssue({
        code: "custom",
        path: ["SHENBAO_QUEUE"],
        message: "embedded queue needs SHENBAO_STORE=sqlite",
      });
    }
  });

/** Validated configuration; `dataDir` is absolute. */
export type Env = z.infer<typeof schema> & { dataDir: string };

/** Parses the given variables (default: the process's) and throws one readable error listing every problem. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.SHENBAO_DATA_DIR) };
}
