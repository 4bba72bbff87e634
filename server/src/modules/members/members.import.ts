import type { FastifyReply, FastifyRequest } from 'fastify';
import { MemberCreateSchema } from '@xs/core/schemas/orgs.ts';
import type { Db } from '../../db/database.ts';
import { auditSource, writeAudit } from '../../platform/audit.ts';
import { byName, parseSheet, sendTemplate, type ImportColumn } from '../../platform/xlsx-import.ts';

export { readUpload } from '../../platform/xlsx-import.ts';

const BASE: ImportColumn[] = [
  { header: '姓名', key: 'name', example: '王新子', note: '必填' },
  { header: '性别', key: 'gender', example: '男', note: '男 / 女', convert: (t) => (t === '男' ? { value: 'male' } : t === '女' ? { value: 'female' } : { error: '只能填「男」或「女」' }) },
  { header: '手机号', key: 'phone', example: '13800000000', note: '11 位手机号，可空；导出表中隐藏了中间四位的号码（如 139****5678）导入时视为空，请导入后补录',
    // A sheet exported from the system carries masked numbers; re-importing it must not fail on them.
    convert: (t) => (/^1\d{2}\*{4}\d{4}$/.test(t) ? { value: null } : { value: t }) },
  { header: '界别', key: 'sectorId', example: '医药卫生界', note: '须为系统中已有的界别' },
  { header: '履职小组（乡镇）', key: 'townshipId', example: '城关镇', note: '须为系统中已有的乡镇/街道' },
  { header: '专委会', key: 'committeeIds', example: '提案委员会', note: '多个用顿号「、」分隔' },
  { header: '届次', key: 'term', example: '第十一届', note: '必填' },
  { header: '职务', key: 'title', example: '县人民医院副院长', note: '可空' },
];

async function columnsFor(db: Db, tenantId: number): Promise<ImportColumn[]> {
  const [sectors, townships, committees] = await Promise.all([
    db.selectFrom('sectors').select(['id', 'name']).where('tenant_id', '=', tenantId).execute(),
    db.selectFrom('orgs').select(['id', 'name']).where('tenant_id', '=', tenantId).where('kind', '=', 'township').execute(),
    db.selectFrom('committees').select(['id', 'name']).where('tenant_id', '=', tenantId).execute(),
  ]);
  const committee = byName('专委会', committees);
  return BASE.map((c) => {
    if (c.key === 'sectorId') return { ...c, convert: byName('界别', sectors) };
    if (c.key === 'townshipId') return { ...c, convert: byName('乡镇/街道', townships) };
    if (c.key === 'committeeIds') {
      return { ...c, convert: (t: string) => {
        const parts = t.split(/[、,，]/).map((s) => s.trim()).filter(Boolean);
        const ids: unknown[] = [];
        for (const p of parts) {
          const r = committee(p);
          if ('error' in r) return r;
          ids.push(r.value);
        }
        return { value: ids };
      } };
    }
    return c;
  });
}

export function memberTemplate(reply: FastifyReply) {
  return sendTemplate(reply, '委员导入模板', BASE);
}

/** Import members from an .xlsx file: all rows or none. */
export async function importMembers(db: Db, req: FastifyRequest, tenantId: number, buf: Buffer) {
  const rows = await parseSheet(buf, await columnsFor(db, tenantId), MemberCreateSchema);
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    for (const r of rows) {
      const m = await trx.insertInto('members').values({
        tenant_id: tenantId, name: r.name, gender: r.gender ?? null, phone: r.phone ?? null, sector_id: r.sectorId ?? null,
        township_id: r.townshipId ?? null, term: r.term, title: r.title ?? null, status: 'active', version: 1, created_at: now,
      }).returning('id').executeTakeFirstOrThrow();
      const ids = [...new Set(r.committeeIds ?? [])];
      if (ids.length) await trx.insertInto('member_committees').values(ids.map((c) => ({ tenant_id: tenantId, member_id: m.id, committee_id: c }))).execute();
    }
    await writeAudit(trx, { ...auditSource(req), action: 'member.import', entity: 'member', summary: `从 Excel 导入委员 ${rows.length} 名` });
  });
  return { imported: rows.length };
}
