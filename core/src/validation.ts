/** Field rules shared by server and web forms, so both enforce the same limits. */
import { z } from 'zod';

z.config(z.locales.zhCN());
// A required value that is missing (an empty Excel cell, a field left out of a request) is 「不能为空」, as an empty
// text is; the locale would say 「无效输入：期望 string，实际接收 undefined」. Anything else keeps the locale's message.
z.config({ customError: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? '不能为空' : undefined) });

/**
 * Bidi controls (U+202A–U+202E, U+2066–U+2069, U+200E/F, U+061C) and zero-width characters (U+200B–U+200D,
 * U+2060, U+FEFF): nobody types them on purpose, yet they reorder what staff read (U+202E shows 「gpj.exe」 as
 * 「exe.jpg」), hide text from a search and make one report look like two to the duplicate check.
 */
const INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;

/** `s` without bidi controls and zero-width characters (see INVISIBLE). */
export const stripInvisible = (s: string): string => s.replace(INVISIBLE, '');

/** A string as every text schema reads it: invisible characters removed, then trimmed. */
export const cleanString = () => z.string().overwrite(stripInvisible).trim();

/**
 * Text a person typed: trimmed, without invisible or control characters or lone surrogates, bounded.
 * `minMessage` replaces 「至少 N 个字」 where the form says more. Each check looks only at text the checks before
 * it passed, so a person gets one message per field. (Not Zod's `abort`: an aborted field stops the form's
 * own cross-field checks, and a form should name every wrong field at once.)
 */
export function text(max: number, min = 1, minMessage?: string) {
  const sized = (s: string) => s.length >= min && s.length <= max;
  const controlFree = (s: string) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s);
  return cleanString()
    .min(min, { message: minMessage ?? (min <= 1 ? '不能为空' : `至少 ${min} 个字`) })
    .max(max, { message: `不能超过 ${max} 个字` })
    .refine((s) => !sized(s) || controlFree(s), '含有不允许的控制字符')
    .refine((s) => !sized(s) || !controlFree(s) || s.isWellFormed(), '含有无效字符');
}

export function optionalText(max: number) {
  return z.union([text(max, 0), z.null()]).optional();
}

/**
 * A row id: a number, or digits as text (path and query parameters arrive as text). Only those two
 * are coerced — an array `[5]` or `true` would otherwise slip through as 5 or 1.
 */
export const IdSchema = z.union([z.number(), z.string().trim().regex(/^\d{1,10}$/)], { error: '编号无效' })
  .pipe(z.coerce.number<string | number>().int('编号无效').positive('编号无效').max(2_147_483_647, '编号无效'));
export const IdParamsSchema = z.strictObject({ id: IdSchema });

/** Mainland mobile number. */
export const PhoneSchema = z.string().trim().regex(/^1[3-9]\d{9}$/, '请输入 11 位手机号');

export const PasswordSchema = z
  .string()
  .min(8, '密码至少 8 位')
  .max(128, '密码不能超过 128 位')
  .refine((s) => passwordKinds(s) >= 3, '密码须包含大写字母、小写字母、数字、符号中的至少三类');

export function passwordKinds(s: string): number {
  return [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(s)).length;
}

export const PageQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  q: cleanString().max(100).optional(),
});

export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  return phone.length >= 11 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}
