/**
 * 直通政协 as a county office runs it: clues staff enter on a citizen's behalf (代录), and the shapes of the
 * office's documents and figures. The clue workflow itself is in schemas/clues.ts.
 */
import { z } from 'zod';
import { IdSchema, PhoneSchema, text } from '../validation.ts';
import { CLUE_CONTENT_MIN, ClueCategorySchema, StatsPeriodSchema } from './clues.ts';

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

// ---- Responses: staff intake, recovery, unit and county figures, the similar-clue model, gazetteer and vocabulary ----

/** POST /clues/intake: the entered clue's code and one-time secret (read out to the citizen when no SMS went). */
export const ClueIntakeResultSchema = z.object({ id: z.number(), code: z.string(), secret: z.string(), smsSent: z.boolean(), createdAt: z.string() });
export type ClueIntakeResult = z.infer<typeof ClueIntakeResultSchema>;

/** GET /clues/:id/intake: how a staff-entered clue came in; null for a clue the citizen sent. */
export const ClueIntakeSchema = z.object({
  intake: z.object({
    channel: z.enum(['hotline', 'letter', 'visit', 'referral_12345', 'member_report']),
    channelLabel: z.string(),
    receivedAt: z.string(),
    referenceNo: z.string().nullable(),
    letterFileId: z.number().nullable(),
    enteredByName: z.string(),
    smsSent: z.boolean(),
    memberName: z.string().nullable(),
  }).nullable(),
});
export type ClueIntake = z.infer<typeof ClueIntakeSchema>;

/** POST /public/clues/recover/request: the same words whether or not code and phone match. */
export const ClueRecoveryRequestResultSchema = z.object({ message: z.string() });
/** POST /public/clues/recover/verify: the new secret (the old one no longer works). */
export const ClueRecoveryVerifyResultSchema = z.object({ code: z.string(), secret: z.string() });

const UnitFiguresCountsSchema = z.object({
  /** 交办数: forwards to the unit in the period. */
  assigned: z.number(),
  replied: z.number(),
  onTime: z.number(),
  /** 按期办结率 (%). */
  onTimeRate: z.number().nullable(),
  overdue: z.number(),
  returned: z.number(),
  open: z.number(),
  rated: z.number(),
  /** 满意率 (%). */
  satisfactionRate: z.number().nullable(),
});
export const UnitFiguresRowSchema = UnitFiguresCountsSchema.extend({ unitId: z.number(), unitName: z.string(), rank: z.number() });
export type UnitFiguresRow = z.infer<typeof UnitFiguresRowSchema>;
/** GET /clues/figures/units: each unit's figures, ranked, and their total. */
export const UnitFiguresSchema = z.object({ period: StatsPeriodSchema, rows: z.array(UnitFiguresRowSchema), total: UnitFiguresCountsSchema });
export type UnitFigures = z.infer<typeof UnitFiguresSchema>;

export const CountyFiguresRowSchema = z.object({
  tenantId: z.number(), name: z.string(), received: z.number(), adopted: z.number(), forwarded: z.number(), resolved: z.number(),
  adoptionRate: z.number().nullable(), resolvedRate: z.number().nullable(), satisfactionRate: z.number().nullable(), onTimeRate: z.number().nullable(),
  overdueOpen: z.number(), returned: z.number(), avgHandlingDays: z.number().nullable(),
  trend: z.array(z.object({ month: z.string(), received: z.number(), resolved: z.number() })),
  /** 1 = best; 0 for a county with no clues in the period. */
  rank: z.number(),
});
export type CountyFiguresRow = z.infer<typeof CountyFiguresRowSchema>;
/** GET /clues/figures/counties: the city's counties like for like, ranked, with 12 months of trend. */
export const CityComparisonSchema = z.object({ period: StatsPeriodSchema, months: z.array(z.string()), rows: z.array(CountyFiguresRowSchema) });
export type CityComparison = z.infer<typeof CityComparisonSchema>;

/** GET /clues/learning: the county's similar-clue model, what it learned from and its weights. */
export const LearningSummarySchema = z.object({
  decisions: z.number(),
  merges: z.number(),
  notSame: z.number(),
  /** Decisions needed before the county's own weights replace the defaults. */
  minDecisions: z.number(),
  /** The county's refit is in use (it predicted held-out decisions better than the defaults). */
  learned: z.boolean(),
  /** Held-out log loss (k-fold over the decisions) of the refit and of the defaults; null under minDecisions. */
  heldOut: z.object({ learned: z.number(), defaults: z.number() }).nullable(),
  features: z.array(z.object({ label: z.string(), weight: z.number(), default: z.number() })),
  recent: z.array(z.object({
    id: z.number(), same: z.boolean(), score: z.number(), by: z.string().nullable(), at: z.string(), clueCode: z.string(), otherCode: z.string(),
    clueContent: z.string(), otherContent: z.string(),
  })),
});
export type LearningSummary = z.infer<typeof LearningSummarySchema>;

/** GET /clues/gazetteer: the county's place names and words, and the concepts a word may name. */
export const GazetteerSchema = z.object({
  items: z.array(z.object({
    id: z.number(), name: z.string(), kind: z.string(), kindLabel: z.string(), aliases: z.array(z.string()), note: z.string().nullable(),
    concept: z.string().nullable(), conceptLabel: z.string().nullable(), version: z.number(),
  })),
  concepts: z.array(z.object({ key: z.string(), label: z.string() })),
});
export type Gazetteer = z.infer<typeof GazetteerSchema>;
export type GazetteerEntry = Gazetteer['items'][number];

/** GET /clues/gazetteer/proposals: place names clues keep naming that the gazetteer lacks. */
export const GazetteerProposalsSchema = z.object({
  scanned: z.number(),
  items: z.array(z.object({ name: z.string(), seen: z.number(), example: z.string(), code: z.string(), kind: z.string() })),
});
export type GazetteerProposals = z.infer<typeof GazetteerProposalsSchema>;
export type GazetteerProposal = GazetteerProposals['items'][number];

/** POST /clues/gazetteer: the saved entry's id. */
export const GazetteerSavedSchema = z.object({ id: z.number() });

const VocabularyExampleSchema = z.object({ text: z.string(), expected: z.boolean(), ok: z.boolean() });
/** GET /clues/vocabulary: the word lists the clue analysis uses, each with its version and its examples checked. */
export const VocabularySchema = z.object({
  notes: z.object({
    version: z.number(),
    thanks: z.array(z.string()).readonly(),
    fixed: z.array(z.string()).readonly(),
    /** Praise of a person or a service: a thank-you on its own. */
    praise: z.array(z.string()).readonly(),
    followup: z.array(z.string()).readonly(),
    /** Follow-up wordings as patterns (上回港的, 讲了几个月). */
    followupPatterns: z.array(z.string()).readonly(),
    /** Wordings that look like a note's and are not (村里人反映过好多次, 护士也辛苦), as patterns. */
    notNote: z.array(z.string()).readonly(),
    examples: z.array(VocabularyExampleSchema.extend({ kind: z.enum(['followup', 'thanks']) })),
  }),
  placeTypes: z.object({ version: z.number(), groups: z.array(z.object({ key: z.string(), endings: z.array(z.string()) })) }),
  routing: z.object({
    version: z.number(),
    duties: z.array(z.object({ duty: z.string(), label: z.string(), examples: z.number(), sample: z.array(z.string()), markers: z.array(z.string()) })),
  }),
  concepts: z.object({
    version: z.string(),
    items: z.array(z.object({
      key: z.string(), label: z.string(), generic: z.boolean(), broad: z.boolean(), phrases: z.array(z.string()).readonly(), patterns: z.number(),
    })),
    examples: z.array(VocabularyExampleSchema.extend({ key: z.string() })),
    /** Groups of concepts no two of which are one problem (wages owed by a building site and by a workshop), by label. */
    rivals: z.array(z.array(z.string())),
    /** A concept that is part of another (暖气不热 → 供暖, 广场舞噪音 → 噪音扰民), by label. */
    parts: z.array(z.object({ part: z.string(), of: z.string() })),
  }),
});
export type Vocabulary = z.infer<typeof VocabularySchema>;
