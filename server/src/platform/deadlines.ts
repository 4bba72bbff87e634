/**
 * The one deadline job: over the running clocks of every registered case type it flags overdue clocks,
 * sends 催办 notices to whoever the case type names as responsible, and escalates by how late the clock is.
 * Each clock is reminded at most once per period, however many processes run the job.
 */
import type { Kysely } from 'kysely';
import { cstDate } from '@xs/core/calendar.ts';
import type { Database } from '../db/database.ts';
import { affected } from '../db/database.ts';
import type { CaseType } from './cases.ts';
import { writeAudit } from './audit.ts';
import { notifyUsers } from './notify.ts';
import { defineSettings, getSetting, numberSetting, type SettingValuesOf } from './settings.ts';
import type { CaseRow } from './workflow.ts';

const DAY = 86_400_000;

const group = '催办与督办';
const DEADLINE_SETTINGS = defineSettings({
  'case.remindEveryDays': numberSetting({ label: '超期后催办间隔', group, default: 1, min: 1, max: 30, unit: '天',
    description: '事项超期后，每隔这么多天再向责任单位发一次催办。' }),
  'case.escalate1Days': numberSetting({ label: '超期多少天起报机关督办', group, default: 3, min: 1, max: 90, unit: '天',
    description: '超期达到这么多天，催办同时告知机关工作人员督办。' }),
  'case.escalate2Days': numberSetting({ label: '超期多少天起报领导督办', group, default: 10, min: 1, max: 180, unit: '天',
    description: '超期达到这么多天，催办同时报领导督办。' }),
});

declare module './settings.ts' {
  interface SettingValues extends SettingValuesOf<typeof DEADLINE_SETTINGS> {}
}

const LEVEL_ROLES: Record<number, string[]> = { 0: [], 1: ['staff'], 2: ['staff', 'leader'] };
const LEVEL_TEXT: Record<number, string> = { 0: '催办', 1: '督办', 2: '领导督办' };

type LooseDb = Kysely<Record<string, CaseRow>>;

/** One pass over the overdue running clocks; returns how many reminders went out. */
export async function runDeadlines(db: Kysely<Database>, now: Date, types: readonly CaseType[], batch = 500): Promise<number> {
  const byName = new Map(types.map((t) => [t.name, t]));
  if (byName.size === 0) return 0;
  // A clock declared `remind: false` is not chased (its module handles the lapse); it is left out of the scan
  // itself, so clocks nobody chases never fill the batch.
  const chased = types.map((t) => {
    const quiet = Object.entries(t.def.clocks ?? {}).filter(([, c]) => c.remind === false).map(([n]) => n);
    return { name: t.name, quiet };
  });
  const clocks = await db.selectFrom('case_clocks').selectAll().where('stopped_at', 'is', null).where('due_at', '<', now.toISOString())
    .where((eb) => eb.or(chased.map((t) => (t.quiet.length
      ? eb.and([eb('case_type', '=', t.name), eb('name', 'not in', t.quiet)])
      : eb('case_type', '=', t.name)))))
    .orderBy('due_at').limit(batch).execute();
  let sent = 0;
  for (const k of clocks) {
    const type = byName.get(k.case_type)!;
    const [every, esc1, esc2] = await Promise.all((['case.remindEveryDays', 'case.escalate1Days', 'case.escalate2Days'] as const).map((key) => getSetting(db, k.tenant_id, key)));
    const lateDays = Math.floor((now.getTime() - Date.parse(k.due_at)) / DAY);
    const level = lateDays >= esc2! ? 2 : lateDays >= esc1! ? 1 : 0;
    const cutoff = new Date(now.getTime() - every! * DAY + 60_000).toISOString();
    const reminded = await db.transaction().execute(async (trx) => {
      // The claim: only the process whose update matched sends this period's reminder.
      const claim = await trx.updateTable('case_clocks')
        .set({ overdue_at: k.overdue_at ?? now.toISOString(), last_reminded_at: now.toISOString(), escalation: Math.max(level, k.escalation) })
        .where('id', '=', k.id).where('stopped_at', 'is', null).where('due_at', '=', k.due_at)
        .where((eb) => eb.or([eb('last_reminded_at', 'is', null), eb('last_reminded_at', '<', cutoff)])).executeTakeFirst();
      if (affected(claim) === 0) return false;
      const row = (await (trx as unknown as LooseDb).selectFrom(type.table).selectAll().where('id', '=', k.case_id)
        .where('tenant_id', '=', k.tenant_id).executeTakeFirst()) as CaseRow | undefined;
      if (!row) return false;
      const clockLabel = type.def.clocks?.[k.name]?.label ?? k.name;
      const title = type.title?.(row) ?? String(row.code ?? row.title ?? row.id);
      const word = LEVEL_TEXT[level]!;
      const due = cstDate(new Date(k.due_at));
      const target = await type.responsible(trx, row);
      const notice = { title: `${word}：${type.label}已超期`, body: `${type.label}「${title}」的${clockLabel}期限 ${due} 已过，已超期 ${lateDays + 1} 天，请尽快办理`, link: type.path?.(row) };
      const unitNotice = { ...notice, link: type.unitPath?.(row) ?? notice.link };
      for (const unitId of target.unitIds ?? []) await notifyUsers(trx, k.tenant_id, { unitId }, unitNotice);
      if (target.userIds?.length) await notifyUsers(trx, k.tenant_id, { userIds: target.userIds }, notice);
      const roles = [...new Set([...(target.roles ?? []), ...LEVEL_ROLES[level]!])];
      if (roles.length) await notifyUsers(trx, k.tenant_id, { roles }, notice);
      // A system reminder writes the timeline without bumping the version: it changes nothing a person decides on,
      // and must never make a form someone has open stale.
      await trx.insertInto('case_events').values({
        tenant_id: k.tenant_id, case_type: type.name, case_id: row.id, transition: 'remind', label: word, from_state: row.state, to_state: row.state,
        actor_kind: 'system', actor_id: null, actor_name: '系统', note: `「${clockLabel}」已超过期限 ${due}`,
        data_json: JSON.stringify({ clock: k.name, level, lateDays: lateDays + 1 }), at: now.toISOString(),
      }).execute();
      await writeAudit(trx, { tenantId: k.tenant_id, actorName: '系统', action: `${type.name}.remind`, entity: type.name, entityId: row.id,
        summary: `${type.label}「${title}」${clockLabel}超期${word}（第 ${level} 级）` });
      await type.reminded?.(trx, row, { clock: k.name, level, lateDays: lateDays + 1, dueAt: k.due_at, at: now, target });
      return true;
    });
    if (reminded) sent += 1;
  }
  return sent;
}
