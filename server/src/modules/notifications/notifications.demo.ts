/**
 * Demo inbox: the notices 嵩县's staff and its transport bureau's handler would have received about the demo
 * clues (forwards and replies; overdue reminders come from the deadline job itself), a few already read, each linking to its clue.
 */
import type { Db } from '../../db/database.ts';

export async function seedDemoNotices(db: Db, ctx: { songxianId: number; now: Date }): Promise<void> {
  const tenantId = ctx.songxianId;
  if (!tenantId) return;
  const users = await db.selectFrom('users').select(['id', 'roles', 'unit_id']).where('tenant_id', '=', tenantId).execute();
  const staff = users.filter((u) => u.roles.includes('"staff"'));
  const handlers = users.filter((u) => u.unit_id !== null);
  const clues = await db.selectFrom('clues').select(['id', 'code', 'state', 'unit_id', 'content', 'due_at'])
    .where('tenant_id', '=', tenantId).where('state', 'in', ['forwarded', 'replied']).orderBy('id', 'desc').limit(40).execute();
  const rows: { tenant_id: number; user_id: number; title: string; body: string; link: string; read_at: string | null; created_at: string }[] = [];
  const at = (hoursAgo: number) => new Date(ctx.now.getTime() - hoursAgo * 3_600_000).toISOString();
  const short = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);
  let n = 0;
  for (const c of clues.filter((x) => x.state === 'replied').slice(0, 4)) {
    n += 1;
    for (const u of staff) {
      rows.push({ tenant_id: tenantId, user_id: u.id, title: '承办单位已答复', body: `线索 ${c.code} 已答复，请审核办结`, link: `/clues/${c.id}`,
        read_at: n > 2 ? at(n * 5 - 1) : null, created_at: at(n * 5) });
    }
  }
  for (const h of handlers) {
    for (const [i, c] of clues.filter((x) => x.state === 'forwarded' && x.unit_id === h.unit_id).slice(0, 3).entries()) {
      rows.push({ tenant_id: tenantId, user_id: h.id, title: '新转办线索', body: `线索 ${c.code}：${short(c.content)}，请于 ${c.due_at?.slice(0, 10) ?? '期限'} 前答复`,
        link: `/unit/clues/${c.id}`, read_at: i > 0 ? at(i * 7 - 1) : null, created_at: at(i * 7 + 1) });
    }
  }
  if (rows.length) await db.insertInto('notifications').values(rows).execute();
}
