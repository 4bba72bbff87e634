import type { Db } from '../../db/database.ts';

/** Counts of a tenant's organisation data; for the city, one row per county side by side. */
export async function orgOverview(db: Db, tenantId: number) {
  const tenant = await db.selectFrom('orgs').select(['id', 'name', 'kind']).where('id', '=', tenantId).executeTakeFirstOrThrow();
  const ids = tenant.kind === 'city'
    ? (await db.selectFrom('orgs').select('id').where('parent_id', '=', tenantId).where('kind', '=', 'county').orderBy('sort').orderBy('id').execute()).map((r) => r.id)
    : [tenantId];
  if (ids.length === 0) return { tenant, rows: [] };
  const count = async (table: 'members' | 'units' | 'venues' | 'sectors') => {
    const rows = await db.selectFrom(table).select(['tenant_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('tenant_id', 'in', ids).groupBy('tenant_id').execute();
    return new Map(rows.map((r) => [r.tenant_id, Number(r.n)]));
  };
  const [members, units, venues, sectors] = await Promise.all([count('members'), count('units'), count('venues'), count('sectors')]);
  const places = await db.selectFrom('orgs').select(['tenant_id', 'kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where('tenant_id', 'in', ids).where('kind', 'in', ['township', 'village']).groupBy(['tenant_id', 'kind']).execute();
  const names = await db.selectFrom('orgs').select(['id', 'name']).where('id', 'in', ids).execute();
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  return {
    tenant,
    rows: ids.map((id) => ({
      tenantId: id,
      name: nameOf.get(id) ?? '',
      townships: Number(places.find((p) => p.tenant_id === id && p.kind === 'township')?.n ?? 0),
      villages: Number(places.find((p) => p.tenant_id === id && p.kind === 'village')?.n ?? 0),
      members: members.get(id) ?? 0,
      units: units.get(id) ?? 0,
      venues: venues.get(id) ?? 0,
      sectors: sectors.get(id) ?? 0,
    })),
  };
}
