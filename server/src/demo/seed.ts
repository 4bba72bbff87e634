/**
 * Seed the Luoyang demo into an empty database. Idempotent: does nothing when orgs already exist.
 * Feature modules add their own demo data through their manifests' `demo` seeders.
 */
import { PASSWORD_COST } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { Role } from '@xs/core/roles.ts';
import { hashPassword } from '../platform/auth.ts';
import { installModules, MODULES } from '../modules/index.ts';
import { NATIONAL_HOLIDAYS } from '../modules/settings/national-holidays.ts';
import { seedNationalHolidays } from '../modules/settings/settings.service.ts';
import { COMMITTEES, COUNTIES, DEMO_PASSWORD, OTHER_MEMBERS, SECTORS, SONG_MEMBERS } from './luoyang.data.ts';

export interface DemoAccount {
  username: string;
  role: string;
  org: string;
}

/** Each feature's demo data, seeded after the organisations in the order the modules ask for. */
const FEATURE_SEEDERS = MODULES.flatMap((m) => (m.demo ? [m.demo] : [])).sort((a, b) => a.order - b.order);

export async function seedDemo(db: Db): Promise<DemoAccount[] | null> {
  // `main.ts demo` seeds without starting the app: the modules' settings, jobs and case types are registered here.
  installModules();
  const existing = await db.selectFrom('orgs').select('id').limit(1).executeTakeFirst();
  if (existing) return null;
  const now = new Date().toISOString();
  const passwordHash = await hashPassword(DEMO_PASSWORD, PASSWORD_COST);
  const accounts: DemoAccount[] = [];
  let songxianId = 0;

  await db.transaction().execute(async (trx) => {
    const org = async (v: { parent_id: number | null; tenant_id: number | null; kind: 'city' | 'county' | 'township' | 'village'; name: string; sort: number }) => {
      const row = await trx.insertInto('orgs').values({ ...v, tenant_id: v.tenant_id ?? 0, code: null, created_at: now, version: 1 })
        .returning('id').executeTakeFirstOrThrow();
      if (v.tenant_id === null) await trx.updateTable('orgs').set({ tenant_id: row.id }).where('id', '=', row.id).execute();
      return row.id;
    };
    const user = async (tenantId: number, username: string, displayName: string, roles: Role[], orgName: string, extra: { unit_id?: number; member_id?: number; unit_lead?: boolean } = {}) => {
      await trx.insertInto('users').values({
        tenant_id: tenantId, username, display_name: displayName, phone: null, password_hash: passwordHash, roles: JSON.stringify(roles),
        unit_id: extra.unit_id ?? null, unit_lead: extra.unit_lead ? 1 : 0, member_id: extra.member_id ?? null, active: 1, failed_logins: 0, locked_until: null,
        password_changed_at: now, last_login_at: null, created_at: now, version: 1,
      }).execute();
      accounts.push({ username, role: roles.join(','), org: orgName });
    };

    const cityId = await org({ parent_id: null, tenant_id: null, kind: 'city', name: '洛阳市政协', sort: 0 });
    await user(cityId, 'luoyang.admin', '市政协管理员', ['city_admin'], '洛阳市政协');
    await user(cityId, 'luoyang.viewer', '市政协办公室', ['city_viewer'], '洛阳市政协');
    // The city sets the national holidays and 调休 once; every county inherits them.
    for (const y of NATIONAL_HOLIDAYS) await seedNationalHolidays(trx, cityId, y.year);

    for (const [i, c] of COUNTIES.entries()) {
      const countyId = await org({ parent_id: cityId, tenant_id: null, kind: 'county', name: c.name, sort: i + 1 });
      if (c.slug === 'songxian') songxianId = countyId;
      const townshipIds = new Map<string, number>();
      for (const [j, t] of c.townships.entries()) {
        const tid = await org({ parent_id: countyId, tenant_id: countyId, kind: 'township', name: t.name, sort: j + 1 });
        townshipIds.set(t.name, tid);
        for (const [k, v] of (t.villages ?? []).entries()) await org({ parent_id: tid, tenant_id: countyId, kind: 'village', name: v, sort: k + 1 });
      }
      const sectorIds = new Map<string, number>();
      for (const [j, s] of SECTORS.entries()) {
        const r = await trx.insertInto('sectors').values({ tenant_id: countyId, name: s, sort: j + 1 }).returning('id').executeTakeFirstOrThrow();
        sectorIds.set(s, r.id);
      }
      const committeeIds: number[] = [];
      for (const [j, s] of COMMITTEES.entries()) {
        committeeIds.push((await trx.insertInto('committees').values({ tenant_id: countyId, name: s, sort: j + 1 }).returning('id').executeTakeFirstOrThrow()).id);
      }
      const unitIds: number[] = [];
      for (const u of c.units ?? []) {
        unitIds.push((await trx.insertInto('units').values({ tenant_id: countyId, name: u, kind: 'department', township_id: null,
          contact_name: null, contact_phone: null, active: 1, version: 1 }).returning('id').executeTakeFirstOrThrow()).id);
      }
      for (const t of c.townships) {
        unitIds.push((await trx.insertInto('units').values({ tenant_id: countyId, name: `${t.name}人民政府`.replace('街道人民政府', '街道办事处'),
          kind: 'township_gov', township_id: townshipIds.get(t.name)!, contact_name: null, contact_phone: null, active: 1, version: 1 })
          .returning('id').executeTakeFirstOrThrow()).id);
      }
      const members = c.slug === 'songxian'
        ? SONG_MEMBERS.map(([name, gender, sector, township, title]) => ({ name, gender, sector, township, title }))
        : OTHER_MEMBERS.filter((m) => m[0] === c.name).map(([, name, sector, township]) => ({ name, gender: null, sector, township, title: null }));
      const memberIds = new Map<string, number>();
      for (const [j, m] of members.entries()) {
        const r = await trx.insertInto('members').values({
          tenant_id: countyId, name: m.name, gender: m.gender, phone: `139${String(37_000_000 + i * 1000 + j).padStart(8, '0')}`,
          sector_id: sectorIds.get(m.sector) ?? null, township_id: townshipIds.get(m.township) ?? null, term: '第十一届',
          title: m.title, status: 'active', version: 1, created_at: now,
        }).returning('id').executeTakeFirstOrThrow();
        memberIds.set(m.name, r.id);
        await trx.insertInto('member_committees').values({ tenant_id: countyId, member_id: r.id, committee_id: committeeIds[j % committeeIds.length]! }).execute();
      }
      for (const v of c.venues ?? []) {
        await trx.insertInto('venues').values({ tenant_id: countyId, name: v.name, kind: v.kind, theme: v.theme,
          township_id: townshipIds.get(v.township) ?? null, address: null,
          member_id: v.name.startsWith('刘洪峰') ? memberIds.get('刘洪峰') ?? null : null, version: 1, created_at: now }).execute();
      }
      await user(countyId, `${c.slug}.admin`, `${c.name}管理员`, ['county_admin'], c.name);
      if (c.slug === 'songxian') {
        await user(countyId, 'songxian.staff', '嵩县政协办公室', ['staff'], c.name);
        await user(countyId, 'songxian.leader', '嵩县政协主席', ['leader'], c.name);
        // 县交通运输局 has two accounts: its 负责人, who gives clues to a handler, and that handler.
        await user(countyId, 'songxian.unit', '县交通运输局办理员', ['unit_handler'], c.name, { unit_id: unitIds[0]!, unit_lead: true });
        await user(countyId, 'songxian.handler', '县交通运输局经办人王敏', ['unit_handler'], c.name, { unit_id: unitIds[0]! });
        await user(countyId, 'songxian.member', '李建国（委员）', ['member'], c.name, { member_id: memberIds.get('李建国')! });
      }
    }
  });
  for (const s of FEATURE_SEEDERS) await s.seed(db, { songxianId, now: new Date() });
  return accounts;
}
