/** Request schemas of the teacher's pages (TCH-4), with Chinese messages. */
import { z } from "zod";

/** `:token` of `/api/t/:token…`; its shape is checked by the look-up (a malformed one is just unknown). */
export const tokenParams = z.object({ token: z.string().max(128) });

/** Body of `POST /api/t/:token/verify`: the built-in check's last six + code, or a service's evidence. */
export const verifyBody = z.object({
  last6: z
    .string()
    .trim()
    .regex(/^\d{5}[\dXx]$/, "请输入身份证号码后六位")
    .optional(),
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, "请输入6位验证码")
    .optional(),
  evidence: z.record(z.string().max(64), z.string().max(4096)).optional(),
});

/** Body of `POST /api/t/:token/sign`. */
export const signBody = z.object({
  commitmentAccepted: z.literal(true, { error: "请阅读并勾选承诺书" }),
  evaluation: z.record(z.string().max(64), z.unknown(), { error: "请填写评价" }),
  // base64 of the PNG, optionally as a data URL (what a canvas gives).
  signaturePng: z
    .string({ error: "请签名后提交" })
    .min(1, "请签名后提交")
    .transform((text) => text.replace(/^data:image\/png;base64,/, ""))
    .refine((text) => /^[A-Za-z0-9+/]+={0,2}$/.test(text), "签名图片格式不正确"),
});
