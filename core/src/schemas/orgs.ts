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
export const UnitCreateSchema = z.strictObject({
  name: text(60),
  kind: z.enum(['department', 'township_gov', 'other'], { error: '请选择单位类型' }),
  townshipId: optionalId,
  contactName: optionalText(20),
  contactPhone: z.union([z.string().trim().regex(/^[\d-]{7,20}$/, '请输入有效的电话号码'), z.literal(''), z.null()]).optional().transform((v) => v || null),
  active: z.boolean().optional(),
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
  memberId: optionalId,
  password: PasswordSchema,
});
export type UserCreate = z.infer<typeof UserCreateSchema>;
export const UserUpdateSchema = z.strictObject({
  displayName: text(30).optional(),
  phone: optionalPhone,
  roles: z.array(z.enum(ROLES)).min(1, '至少选择一个角色').max(ROLES.length).optional(),
  unitId: optionalId,
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
