/** Request bodies of /api/auth: shapes only; phone and code rules live in the commands. */
import { z } from "zod";

const BODY_ERROR = "提交的内容不符合要求";
const phone = z.string({ error: "请输入正确的手机号码" }).max(32, { error: "请输入正确的手机号码" });

/** POST /api/auth/code */
export const codeRequestSchema = z.object({ phone }, { error: BODY_ERROR });

/** POST /api/auth/sign-in */
export const signInRequestSchema = z.object(
  { phone, code: z.string({ error: "请输入验证码" }).max(16, { error: "验证码错误" }) },
  { error: BODY_ERROR },
);

// Query values arrive as string | string[]; a repeated parameter is refused rather than guessed at.
const queryText = (max: number) => z.string().max(max).optional();

/** GET /api/auth/wechat/start?returnTo= (the path is checked by the command). */
export const wechatStartQuerySchema = z.object({ returnTo: queryText(1024) }, { error: BODY_ERROR });

/** GET /api/auth/wechat/callback?code&state (WeChat omits `code` when the user declines). */
export const wechatCallbackQuerySchema = z.object(
  { code: queryText(512), state: queryText(128) },
  { error: "登录请求已失效，请重新发起微信登录" },
);

/** POST /api/auth/qr-tickets/:id/confirm: the secret from the QR link's fragment. */
export const qrConfirmRequestSchema = z.object(
  { secret: z.string({ error: "二维码已失效，请在电脑上刷新二维码后重新扫码" }).max(128) },
  { error: BODY_ERROR },
);
