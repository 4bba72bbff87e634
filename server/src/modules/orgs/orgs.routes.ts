import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  NamedItemSchema, NamedItemViewSchema, OrgOverviewSchema, PlaceCreateSchema, PlaceSchema, UnitSchema, VenueSchema, PlaceUpdateSchema, UnitCreateSchema, UnitUpdateSchema, VenueCreateSchema, VenueUpdateSchema,
  ORG_KIND_LABELS, UNIT_KIND_LABELS, VENUE_KIND_LABELS, type UnitDuty,
} from '@xs/core/schemas/orgs.ts';
import { IdSchema } from '@xs/core/validation.ts';
import { registerCrud } from '../../platform/crud.ts';
import { authOf } from '../../platform/auth.ts';
import { orgOverview } from './orgs.repository.ts';

const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const pick = <T extends Record<string, unknown>>(input: T, map: Record<string, string>) => {
  const out: Record<string, unknown> = {};
  for (const [from, to] of Object.entries(map)) if (input[from] !== undefined) out[to] = input[from];
  return out;
};

export const orgRoutes: FastifyPluginAsyncZod = async (app) => {
  /** Townships (乡镇/街道) and villages (村/社区) of the county. */
  registerCrud(app, {
    path: '/orgs/places', table: 'orgs', entity: 'place', label: '乡镇/村', tag: '组织数据',
    read: 'org.read', write: 'org.manage',
    createSchema: PlaceCreateSchema, updateSchema: PlaceUpdateSchema,
    scope: { kind: ['township', 'village'] },
    filters: { kind: { schema: z.enum(['township', 'village']), column: 'kind' }, parentId: { schema: IdSchema, column: 'parent_id' } },
    searchColumn: 'name', orderBy: ['kind', 'sort', 'id'],
    // A township hangs under the county itself; a village under its township.
    defaults: (now, tenantId) => ({ created_at: now, sort: 0, parent_id: tenantId }),
    toRow: (i) => pick({ ...i, parentId: i.kind === 'township' ? undefined : i.parentId }, { name: 'name', kind: 'kind', parentId: 'parent_id', code: 'code', sort: 'sort' }),
    dtoSchema: PlaceSchema,
    toDto: (r) => ({ id: r.id, name: String(r.name), kind: r.kind as 'township' | 'village', parentId: num(r.parent_id), code: str(r.code), sort: Number(r.sort), version: Number(r.version) }),
    refs: (i) => [{ field: 'parentId', table: 'orgs', id: i.kind === 'village' ? (i.parentId ?? -1) : null, label: '所属乡镇/街道', kinds: ['township'] }],
    uniqueMessage: '同一上级下已有同名的乡镇/村',
    exportColumns: [
      { header: '名称', value: (d) => d.name },
      { header: '类型', value: (d) => ORG_KIND_LABELS[d.kind] },
      { header: '编码', value: (d) => d.code },
    ],
  });

  for (const [path, table, entity, label] of [
    ['/orgs/sectors', 'sectors', 'sector', '界别'],
    ['/orgs/committees', 'committees', 'committee', '专委会'],
  ] as const) {
    registerCrud(app, {
      path, table, entity, label, tag: '组织数据', read: 'org.read', write: 'org.manage',
      createSchema: NamedItemSchema, updateSchema: NamedItemSchema.partial().extend({ version: z.number().int().positive() }),
      searchColumn: 'name', orderBy: ['sort', 'id'],
      toRow: (i) => pick(i, { name: 'name', sort: 'sort' }),
      dtoSchema: NamedItemViewSchema,
      toDto: (r) => ({ id: r.id, name: String(r.name), sort: Number(r.sort), version: Number(r.version) }),
      exportColumns: [{ header: '名称', value: (d) => d.name }, { header: '排序', value: (d) => d.sort }],
    });
  }

  registerCrud(app, {
    path: '/orgs/units', table: 'units', entity: 'unit', label: '承办单位', tag: '组织数据',
    read: 'org.read', write: 'org.manage',
    createSchema: UnitCreateSchema, updateSchema: UnitUpdateSchema,
    filters: { kind: { schema: z.enum(['department', 'township_gov', 'other']), column: 'kind' } },
    searchColumn: 'name', orderBy: ['kind', 'id'],
    toRow: (i) => ({ ...pick(i, { name: 'name', kind: 'kind', townshipId: 'township_id', contactName: 'contact_name', contactPhone: 'contact_phone', duty: 'duty' }),
      ...(i.active === undefined ? {} : { active: i.active ? 1 : 0 }) }),
    dtoSchema: UnitSchema,
    toDto: (r) => ({ id: r.id, name: String(r.name), kind: r.kind as keyof typeof UNIT_KIND_LABELS, townshipId: num(r.township_id),
      contactName: str(r.contact_name), contactPhone: str(r.contact_phone), duty: str(r.duty) as UnitDuty | null, active: r.active === 1, version: Number(r.version) }),
    refs: (i) => [{ field: 'townshipId', table: 'orgs', id: i.townshipId, label: '乡镇/街道', kinds: ['township'] }],
    exportColumns: [
      { header: '单位名称', width: 28, value: (d) => d.name },
      { header: '类型', value: (d) => UNIT_KIND_LABELS[d.kind] },
      { header: '联系人', value: (d) => d.contactName },
      { header: '联系电话', value: (d) => d.contactPhone },
      { header: '状态', value: (d) => (d.active ? '启用' : '停用') },
    ],
  });

  registerCrud(app, {
    path: '/orgs/venues', table: 'venues', entity: 'venue', label: '履职阵地', tag: '组织数据',
    read: 'org.read', write: 'org.manage',
    createSchema: VenueCreateSchema, updateSchema: VenueUpdateSchema,
    filters: {
      kind: { schema: z.enum(['members_lounge', 'studio', 'consultation_room', 'liaison_office', 'other']), column: 'kind' },
      townshipId: { schema: IdSchema, column: 'township_id' },
    },
    searchColumn: 'name', orderBy: ['township_id', 'id'],
    defaults: (now) => ({ created_at: now }),
    toRow: (i) => pick(i, { name: 'name', kind: 'kind', theme: 'theme', townshipId: 'township_id', address: 'address', memberId: 'member_id' }),
    dtoSchema: VenueSchema,
    toDto: (r) => ({ id: r.id, name: String(r.name), kind: r.kind as keyof typeof VENUE_KIND_LABELS, theme: str(r.theme),
      townshipId: num(r.township_id), address: str(r.address), memberId: num(r.member_id), version: Number(r.version) }),
    refs: (i) => [
      { field: 'townshipId', table: 'orgs', id: i.townshipId, label: '乡镇/街道', kinds: ['township'] },
      { field: 'memberId', table: 'members', id: i.memberId, label: '委员' },
    ],
    exportColumns: [
      { header: '阵地名称', width: 28, value: (d) => d.name },
      { header: '类型', value: (d) => VENUE_KIND_LABELS[d.kind] },
      { header: '主题', width: 20, value: (d) => d.theme },
      { header: '地址', width: 30, value: (d) => d.address },
    ],
  });

  app.get('/orgs/overview', {
    schema: { tags: ['组织数据'], summary: '本单位组织数据概况（市政协为各县区并列）', response: { 200: OrgOverviewSchema } },
    config: { permission: 'org.read' },
  }, async (req) => orgOverview(app.db, authOf(req).tenantId));
};
