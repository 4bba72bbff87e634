/** Organisation data: townships and villages, sectors, committees, handling units, venues, members, users. */
import { z } from 'zod';
import { ROLES } from '../roles.ts';
import { IdSchema, PasswordSchema, PhoneSchema, optionalText, text } from '../validation.ts';

const optionalId = z.union([IdSchema, z.null()]).optional();
/** A display order: a whole number, or its digits as text; never `true` or `[3]`, which Number() would accept. */
const SortSchema = z.union([z.number(), z.string().trim().regex(/^\d{1,4}$/)], { error: '排序须为 0–9999 的整数' })
  .pipe(z.coerce.number<string | number>().int('排序须为 0–9999 的整数').min(0, '排序须为 0–9999 的整数').max(9999, '排序须为 0–9999 的整数'))
  .optional();
const optionalPhone = z.union([PhoneSchema, z.literal(''), z.null()]).optional().transform((v) => v || null);

export const ORG_KIND_LABELS = { city: '市政协', county: '县区政协', township: '乡镇/街道', village: '村/社区' } as const;

export const PlaceCreateSchema = z.strictObject({
  name: text(40),
  kind: z.enum(['township', 'village'], { error: '请选择乡镇/街道或村/社区' }),
  /** The township a village belongs to. */
  parentId: optionalId,
  code: optionalText(20),
  sort: SortSchema,
});
export type PlaceCreate = z.infer<typeof PlaceCreateSchema>;
export const PlaceUpdateSchema = PlaceCreateSchema.omit({ kind: true, parentId: true }).partial().extend({ version: z.number().int().positive() });

export const NamedItemSchema = z.strictObject({
  name: text(40),
  sort: SortSchema,
});
export type NamedItem = z.infer<typeof NamedItemSchema>;

export const UNIT_KIND_LABELS = { department: '县直部门', township_gov: '乡镇政府/街道办', other: '其他' } as const;

/** A unit's function from the standard list: what clue routing predicts from a report's text. */
export const UNIT_DUTIES = {
  transport: '交通运输', traffic_police: '公安交管', water: '水利', housing: '住建', urban: '城管', ecology: '生态环境', education: '教育',
  health: '卫健', civil: '民政', hr: '人社', agriculture: '农业农村', market: '市场监管', culture: '文旅', land: '自然资源', township: '乡镇政府',
  other: '其他',
} as const;
export type UnitDuty = keyof typeof UNIT_DUTIES;
const UNIT_DUTY_KEYS = Object.keys(UNIT_DUTIES) as [UnitDuty, ...UnitDuty[]];
export const UnitCreateSchema = z.strictObject({
  name: text(60),
  kind: z.enum(['department', 'township_gov', 'other'], { error: '请选择单位类型' }),
  townshipId: optionalId,
  contactName: optionalText(20),
  contactPhone: z.union([z.string().trim().regex(/^[\d-]{7,20}$/, '请输入有效的电话号码'), z.literal(''), z.null()]).optional().transform((v) => v || null),
  active: z.boolean().optional(),
  /** 职能 (UNIT_DUTIES); empty: inferred from the name for clue routing. */
  duty: z.enum(UNIT_DUTY_KEYS, { error: '请选择单位职能' }).nullable().optional(),
});
export type UnitCreate = z.infer<typeof UnitCreateSchema>;
export const UnitUpdateSchema = UnitCreateSchema.partial().extend({ version: z.number().int().positive() });

export const VENUE_KIND_LABELS = {
  members_lounge: '委员会客厅',
  studio: '委员工作室',
  consultation_room: '协商议事室',
  liaison_office: '政协联络处',
  other: '其他',
} as const;
export const VenueCreateSchema = z.strictObject({
  name: text(60),
  kind: z.enum(['members_lounge', 'studio', 'consultation_room', 'liaison_office', 'other'], { error: '请选择阵地类型' }),
  theme: optionalText(60),
  townshipId: optionalId,
  address: optionalText(120),
  /** The member whose studio this is (委员工作室). */
  memberId: optionalId,
});
export type VenueCreate = z.infer<typeof VenueCreateSchema>;
export const VenueUpdateSchema = VenueCreateSchema.partial().extend({ version: z.number().int().positive() });

export const GENDER_LABELS = { male: '男', female: '女' } as const;
export const MEMBER_STATUS_LABELS = { active: '在任', left: '已离任' } as const;
export const MemberCreateSchema = z.strictObject({
  name: text(20),
  gender: z.union([z.enum(['male', 'female']), z.null()]).optional(),
  phone: optionalPhone,
  sectorId: optionalId,
  townshipId: optionalId,
  committeeIds: z.array(IdSchema).max(10, '最多 10 个专委会').optional(),
  term: text(20),
  title: optionalText(60),
  status: z.enum(['active', 'left']).optional(),
});
export type MemberCreate = z.infer<typeof MemberCreateSchema>;
export const MemberUpdateSchema = MemberCreateSchema.partial().extend({ version: z.number().int().positive() });

export const UsernameSchema = z.string().trim().regex(/^[a-zA-Z0-9_.-]{3,32}$/, '用户名为 3–32 位字母、数字、下划线、点或短横线');
export const UserCreateSchema = z.strictObject({
  username: UsernameSchema,
  displayName: text(30),
  phone: optionalPhone,
  roles: z.array(z.enum(ROLES)).min(1, '至少选择一个角色').max(ROLES.length),
  unitId: optionalId,
  /** The unit's 负责人 (gives the unit's work to its handlers); only with a unit. */
  unitLead: z.boolean().optional(),
  memberId: optionalId,
  password: PasswordSchema,
});
export type UserCreate = z.infer<typeof UserCreateSchema>;
export const UserUpdateSchema = z.strictObject({
  displayName: text(30).optional(),
  phone: optionalPhone,
  roles: z.array(z.enum(ROLES)).min(1, '至少选择一个角色').max(ROLES.length).optional(),
  unitId: optionalId,
  unitLead: z.boolean().optional(),
  memberId: optionalId,
  active: z.boolean().optional(),
  /** Set a new password (an admin reset); the user is asked to change it at next login. */
  password: PasswordSchema.optional(),
  /** Clear a lockout. */
  unlock: z.boolean().optional(),
  version: z.number().int().positive(),
});

export const LoginSchema = z.strictObject({
  // Control characters never reach the database (PostgreSQL refuses a NUL byte in text with an error).
  username: z.string().trim().min(1, '请输入用户名').max(64, '用户名不能超过 64 位')
    .refine((s) => !/[\u0000-\u001F\u007F]/.test(s) && s.isWellFormed(), '用户名含有不允许的字符'),
  password: z.string().min(1, '请输入密码').max(128),
});
export const ChangePasswordSchema = z.strictObject({
  currentPassword: z.string().min(1, '请输入当前密码').max(128),
  newPassword: PasswordSchema,
});
export const SwitchTenantSchema = z.strictObject({ tenantId: IdSchema });

// ---- Responses: the rows as the API sends them (registerCrud's toDto in server/src/modules/orgs and members).

const keysOf = <T extends Record<string, unknown>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

export type OrgKind = keyof typeof ORG_KIND_LABELS;
/** An organisation as a reference: the city, a county, a township or a village. */
export const OrgRefSchema = z.object({ id: z.number().int(), name: z.string(), kind: z.enum(keysOf(ORG_KIND_LABELS)) });
export type OrgRef = z.infer<typeof OrgRefSchema>;

export const PlaceSchema = z.object({
  id: z.number().int(), name: z.string(), kind: z.enum(['township', 'village']), parentId: z.number().int().nullable(),
  code: z.string().nullable(), sort: z.number().int(), version: z.number().int(),
});
export type Place = z.infer<typeof PlaceSchema>;

/** A sector (界别) or committee (专委会). */
export const NamedItemViewSchema = z.object({ id: z.number().int(), name: z.string(), sort: z.number().int(), version: z.number().int() });
export type NamedItemView = z.infer<typeof NamedItemViewSchema>;


export const UnitSchema = z.object({
  id: z.number().int(), name: z.string(), kind: z.enum(keysOf(UNIT_KIND_LABELS)), townshipId: z.number().int().nullable(),
  contactName: z.string().nullable(), contactPhone: z.string().nullable(),
  /** 职能 (UNIT_DUTIES key), or null: inferred from the name for clue routing. */
  duty: z.enum(UNIT_DUTY_KEYS).nullable().optional(),
  active: z.boolean(), version: z.number().int(),
});
export type Unit = z.infer<typeof UnitSchema>;

export const VenueSchema = z.object({
  id: z.number().int(), name: z.string(), kind: z.enum(keysOf(VENUE_KIND_LABELS)), theme: z.string().nullable(),
  townshipId: z.number().int().nullable(), address: z.string().nullable(), memberId: z.number().int().nullable(), version: z.number().int(),
});
export type Venue = z.infer<typeof VenueSchema>;

/** GET /orgs/overview: one row for a county, one per county for the city. */
export const OrgOverviewSchema = z.object({
  tenant: OrgRefSchema,
  rows: z.array(z.object({
    tenantId: z.number().int(), name: z.string(), townships: z.number().int(), villages: z.number().int(), members: z.number().int(),
    units: z.number().int(), venues: z.number().int(), sectors: z.number().int(),
  })),
});
export type OrgOverview = z.infer<typeof OrgOverviewSchema>;

export const MemberSchema = z.object({
  id: z.number().int(), name: z.string(), gender: z.enum(keysOf(GENDER_LABELS)).nullable(),
  /** Masked (138****1234) for those who may not manage members. */
  phone: z.string().nullable(),
  sectorId: z.number().int().nullable(), townshipId: z.number().int().nullable(), term: z.string(), title: z.string().nullable(),
  status: z.enum(keysOf(MEMBER_STATUS_LABELS)), committeeIds: z.array(z.number().int()), version: z.number().int(),
});
export type Member = z.infer<typeof MemberSchema>;
/** POST /members/import: every row imported, or none (a 400 lists each row's problems). */
export const MemberImportResultSchema = z.object({ imported: z.number().int() });

export const UserSchema = z.object({
  id: z.number().int(), username: z.string(), displayName: z.string(),
  /** Masked by the server (138****1234). */
  phone: z.string().nullable(),
  roles: z.array(z.enum(ROLES)), unitId: z.number().int().nullable(), unitLead: z.boolean(), memberId: z.number().int().nullable(),
  active: z.boolean(), locked: z.boolean(), lastLoginAt: z.string().nullable(), createdAt: z.string(), version: z.number().int(),
});
export type User = z.infer<typeof UserSchema>;
export const UserListSchema = z.object({ items: z.array(UserSchema) });
export type UserList = z.infer<typeof UserListSchema>;
