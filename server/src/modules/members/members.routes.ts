import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { GENDER_LABELS, MEMBER_STATUS_LABELS, MemberCreateSchema, MemberImportResultSchema, MemberSchema, MemberUpdateSchema } from '@xs/core/schemas/orgs.ts';
import { IdSchema, maskPhone } from '@xs/core/validation.ts';
import { registerCrud } from '../../platform/crud.ts';
import { authOf } from '../../platform/auth.ts';
import { names } from '../orgs/orgs.read.ts';
import { memberTemplate, importMembers, readUpload } from './members.import.ts';

/** The API's member, plus names for the export, which the importer reads back (界别, 履职小组（乡镇）, 专委会). */
const MemberDtoSchema = MemberSchema.extend({ sectorName: z.string().optional(), townshipName: z.string().optional(), committeeNames: z.string().optional() });
type MemberDto = z.infer<typeof MemberDtoSchema>;

export const memberRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app;
  registerCrud(app, {
    path: '/members', table: 'members', entity: 'member', label: '委员', tag: '委员',
    read: 'member.read', write: 'member.manage',
    createSchema: MemberCreateSchema, updateSchema: MemberUpdateSchema,
    filters: {
      sectorId: { schema: IdSchema, column: 'sector_id' },
      townshipId: { schema: IdSchema, column: 'township_id' },
      status: { schema: z.enum(['active', 'left']), column: 'status' },
    },
    searchColumn: 'name', orderBy: ['sector_id', 'id'],
    defaults: (now) => ({ created_at: now, status: 'active' }),
    toRow: (i) => {
      const out: Record<string, unknown> = {};
      const map = { name: 'name', gender: 'gender', phone: 'phone', sectorId: 'sector_id', townshipId: 'township_id', term: 'term', title: 'title', status: 'status' } as const;
      for (const [from, to] of Object.entries(map)) if (i[from as keyof typeof i] !== undefined) out[to] = i[from as keyof typeof i];
      return out;
    },
    dtoSchema: MemberDtoSchema,
    toDto: (r): MemberDto => ({
      id: r.id, name: String(r.name), gender: (r.gender as MemberDto['gender']) ?? null, phone: (r.phone as string | null) ?? null,
      sectorId: (r.sector_id as number | null) ?? null, townshipId: (r.township_id as number | null) ?? null, term: String(r.term),
      title: (r.title as string | null) ?? null, status: r.status as MemberDto['status'], committeeIds: [], version: Number(r.version),
    }),
    refs: (i) => [
      { field: 'sectorId', table: 'sectors', id: i.sectorId, label: '界别' },
      { field: 'townshipId', table: 'orgs', id: i.townshipId, label: '乡镇/街道', kinds: ['township'] },
      ...(i.committeeIds ?? []).map((id, n) => ({ field: `committeeIds.${n}`, table: 'committees' as const, id, label: '专委会' })),
    ],
    afterWrite: async (trx, tenantId, id, input) => {
      if (!input.committeeIds) return;
      await trx.deleteFrom('member_committees').where('member_id', '=', id).execute();
      const ids = [...new Set(input.committeeIds)];
      if (ids.length) await trx.insertInto('member_committees').values(ids.map((c) => ({ tenant_id: tenantId, member_id: id, committee_id: c }))).execute();
    },
    decorate: async (d, tenantId, rows) => {
      if (rows.length === 0) return rows;
      const links = await d.selectFrom('member_committees').select(['member_id', 'committee_id'])
        .where('tenant_id', '=', tenantId).where('member_id', 'in', rows.map((r) => r.id)).execute();
      const n = await names(d, tenantId, {
        sectors: rows.map((r) => r.sectorId), orgs: rows.map((r) => r.townshipId), committees: links.map((l) => l.committee_id),
      });
      return rows.map((r) => {
        const committeeIds = links.filter((l) => l.member_id === r.id).map((l) => l.committee_id);
        return {
          ...r, committeeIds, sectorName: r.sectorId ? n.sectors.get(r.sectorId) ?? '' : '', townshipName: r.townshipId ? n.orgs.get(r.townshipId) ?? '' : '',
          committeeNames: committeeIds.map((id) => n.committees.get(id)).filter(Boolean).join('、'),
        };
      });
    },
    // 个人信息保护法: only those who manage members see their full numbers.
    present: (d, auth) => (auth.permissions.has('member.manage') ? d : { ...d, phone: maskPhone(d.phone) }),
    exportColumns: [
      { header: '姓名', value: (d) => d.name },
      { header: '性别', value: (d) => (d.gender ? GENDER_LABELS[d.gender] : '') },
      { header: '手机号', width: 16, value: (d) => maskPhone(d.phone) },
      // The importer's own headers, so an exported sheet can be imported again (members.import.ts).
      { header: '界别', width: 16, value: (d) => d.sectorName },
      { header: '履职小组（乡镇）', width: 16, value: (d) => d.townshipName },
      { header: '专委会', width: 24, value: (d) => d.committeeNames },
      { header: '届次', value: (d) => d.term },
      { header: '职务', width: 30, value: (d) => d.title },
      { header: '状态', value: (d) => MEMBER_STATUS_LABELS[d.status] },
    ],
  });

  app.get('/members/import/template', {
    schema: { tags: ['委员'], summary: '下载委员导入模板（Excel）' },
    config: { permission: 'member.manage' },
  }, async (_req, reply) => memberTemplate(reply));

  app.post('/members/import', {
    schema: { tags: ['委员'], summary: '从 Excel 导入委员：任何一行有误则全部不导入，并逐行列出问题', consumes: ['multipart/form-data'], response: { 200: MemberImportResultSchema } },
    config: { permission: 'member.manage' },
  }, async (req) => {
    const auth = authOf(req);
    const buf = await readUpload(req);
    return importMembers(db, req, auth.tenantId, buf);
  });
};
