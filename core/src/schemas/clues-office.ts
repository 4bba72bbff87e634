/**
 * 直通政协 as a county office runs it: clues staff enter on a citizen's behalf (代录), and the shapes of the
 * office's documents and figures. The clue workflow itself is in schemas/clues.ts.
 */
import { z } from 'zod';
import { IdSchema, PhoneSchema, text } from '../validation.ts';
import { CLUE_CONTENT_MIN, ClueCategorySchema } from './clues.ts';

/** How a clue reached the office when staff enter it: most of a real county's intake. */
export const STAFF_INTAKE_CHANNELS = {
  hotline: '热线电话',
  letter: '群众来信',
  visit: '群众来访',
  referral_12345: '12345转来',
  member_report: '委员反映',
} as const;
export type StaffIntakeChannel = keyof typeof STAFF_INTAKE_CHANNELS;
const CHANNEL_KEYS = Object.keys(STAFF_INTAKE_CHANNELS) as [StaffIntakeChannel, ...StaffIntakeChannel[]];

const optionalShort = (max: number) => z.union([text(max, 0), z.null()]).optional().transform((v) => v || null);

export const ClueStaffIntakeSchema = z.strictObject({
  channel: z.enum(CHANNEL_KEYS, { error: '请选择来源渠道' }),
  kind: z.enum(['problem', 'suggestion'], { error: '请选择反映问题或提出建议' }).default('problem'),
  category: ClueCategorySchema,
  content: text(2000, CLUE_CONTENT_MIN, `请至少写 ${CLUE_CONTENT_MIN} 个字，说清楚是什么问题`),
  townshipId: IdSchema,
  villageId: z.union([IdSchema, z.null()]).optional(),
  place: optionalShort(100),
  contactName: optionalShort(20),
  contactPhone: z.union([PhoneSchema, z.literal(''), z.null()]).optional().transform((v) => v || null),
  /** When the call came in, the letter arrived or the visitor came (ISO); now when left out. */
  receivedAt: z.iso.datetime({ offset: true, error: '收到时间格式不正确' }).optional(),
  /** The 12345 work-order number, or the letter's registration number. */
  referenceNo: optionalShort(40),
  /** The reporting member (委员反映). */
  memberId: z.union([IdSchema, z.null()]).optional(),
  /** The scanned letter, uploaded first through /clues/intake/files. */
  letterFileId: z.union([IdSchema, z.null()]).optional(),
  /** The citizen agreed on the phone or in person that their name and phone are kept. */
  consent: z.boolean().optional(),
  /** Whether the citizen is told the tracking code and secret by SMS (needs a phone). */
  notifyBySms: z.boolean().default(true),
}).superRefine((v, ctx) => {
  if (v.channel === 'member_report' && !v.memberId) ctx.addIssue({ code: 'custom', path: ['memberId'], message: '委员反映请选择反映的委员' });
  if (v.channel === 'referral_12345' && !v.referenceNo) ctx.addIssue({ code: 'custom', path: ['referenceNo'], message: '12345转来的线索请填写工单编号' });
  if ((v.contactName || v.contactPhone) && v.consent !== true) {
    ctx.addIssue({ code: 'custom', path: ['consent'], message: '记录姓名或电话前，请向群众说明个人信息的用途并取得同意' });
  }
  if (v.receivedAt && Date.parse(v.receivedAt) > Date.now() + 5 * 60_000) ctx.addIssue({ code: 'custom', path: ['receivedAt'], message: '收到时间不能晚于现在' });
});
export type ClueStaffIntake = z.infer<typeof ClueStaffIntakeSchema>;

const TrackingCode = z.string().trim().toUpperCase().regex(/^[0-9A-Z]{10}$/, '查询码为 10 位字母或数字');

/** A citizen who lost the secret asks for an SMS code to the phone left with the clue. */
export const ClueRecoveryRequestSchema = z.strictObject({ code: TrackingCode, phone: PhoneSchema });
/** …and gives it back to get a new secret. */
export const ClueRecoveryVerifySchema = z.strictObject({
  code: TrackingCode, phone: PhoneSchema, smsCode: z.string().trim().regex(/^\d{6}$/, '验证码是 6 位数字'),
});

/** The public board's search and filters. */
export const BoardFilterSchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
  /** Words in the published summary. */
  q: text(30, 0).optional(),
  category: ClueCategorySchema.optional(),
  townshipId: IdSchema.optional(),
});
export type BoardFilter = z.infer<typeof BoardFilterSchema>;
