/**
 * The organisation data other modules may read: counties, places, units, venues, members and their
 * names. Feature modules call these instead of querying the org tables, so the tables can change
 * behind one small API and every read is scoped to a tenant. Each takes `db` or a transaction.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';

type Reader = Kysely<Database>;

export interface Named {
  id: number;
  name: string;
}

/** A county by id, or 404 (a citizen's page names the county in its URL). */
export async function requireCounty(db: Reader, id: number): Promise<Named> {
  const c = await db.selectFrom('orgs').select(['id', 'name']).where('id', '=', id).where('kind', '=', 'county').executeTakeFirst();
  if (!c) throw notFound('县区');
  return c;
}

/** Every county, in the city's order (a citizen picks one). */
export async function listCounties(db: Reader): Promise<Named[]> {
  return db.selectFrom('orgs').select(['id', 'name']).where('kind', '=', 'county').orderBy('sort').orderBy('id').execute();
}

/** The counties under a city, in the city's order. */
export async function countiesOf(db: Reader, cityId: number): Promise<Named[]> {
  return db.selectFrom('orgs').select(['id', 'name']).where('parent_id', '=', cityId).where('kind', '=', 'county')
    .orderBy('sort').orderBy('id').execute();
}

/** The kind of the tenant a request acts in. */
export async function tenantKind(db: Reader, tenantId: number): Promise<'city' | 'county'> {
  const t = await db.selectFrom('orgs').select('kind').where('id', '=', tenantId).executeTakeFirstOrThrow();
  return t.kind === 'city' ? 'city' : 'county';
}

/** City-only figures and actions: refused with the domain's reason inside a county. */
export async function requireCity(db: Reader, tenantId: number, what = '该功能'): Promise<void> {
  if ((await tenantKind(db, tenantId)) !== 'city') throw new AppError('forbidden', `${what}仅限市政协使用`);
}

export interface Place extends Named {
  kind: 'township' | 'village';
  parentId: number | null;
}

/** A county's townships and villages. */
export async function placesOf(db: Reader, tenantId: number, kinds: readonly ('township' | 'village')[] = ['township', 'village']): Promise<Place[]> {
  const rows = await db.selectFrom('orgs').select(['id', 'name', 'kind', 'parent_id']).where('tenant_id', '=', tenantId)
    .where('kind', 'in', kinds).orderBy('sort').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind as Place['kind'], parentId: r.parent_id }));
}

export interface UnitInfo extends Named {
  kind: string;
  townshipId: number | null;
  contactPhone: string | null;
  /** 职能 (UNIT_DUTIES key) as the county set it, or null. */
  duty: string | null;
}

/** A county's units (the active ones unless asked). */
export async function unitsOf(db: Reader, tenantId: number, opts: { includeInactive?: boolean } = {}): Promise<UnitInfo[]> {
  let q = db.selectFrom('units').select(['id', 'name', 'kind', 'township_id', 'contact_phone', 'duty']).where('tenant_id', '=', tenantId);
  if (!opts.includeInactive) q = q.where('active', '=', 1);
  const rows = await q.orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, townshipId: r.township_id, contactPhone: r.contact_phone, duty: r.duty }));
}

/** An active unit of the county, or null (a unit from another county or a retired one is not there). */
export async function activeUnit(db: Reader, tenantId: number, unitId: number): Promise<UnitInfo | null> {
  const r = await db.selectFrom('units').select(['id', 'name', 'kind', 'township_id', 'contact_phone', 'duty'])
    .where('id', '=', unitId).where('tenant_id', '=', tenantId).where('active', '=', 1).executeTakeFirst();
  return r ? { id: r.id, name: r.name, kind: r.kind, townshipId: r.township_id, contactPhone: r.contact_phone, duty: r.duty } : null;
}

/** A venue of the county, or null. */
export async function venueOf(db: Reader, tenantId: number, id: number) {
  const r = await db.selectFrom('venues').select(['id', 'name', 'kind', 'theme', 'township_id']).where('id', '=', id).where('tenant_id', '=', tenantId).executeTakeFirst();
  return r ? { id: r.id, name: r.name, kind: r.kind, theme: r.theme, townshipId: r.township_id } : null;
}

/** An active member of the county, or null. */
export async function activeMember(db: Reader, tenantId: number, id: number) {
  const r = await db.selectFrom('members').select(['id', 'name', 'township_id']).where('id', '=', id).where('tenant_id', '=', tenantId)
    .where('status', '=', 'active').executeTakeFirst();
  return r ? { id: r.id, name: r.name, townshipId: r.township_id } : null;
}

/**
 * A county's active members, names only, ordered by name (a member picking co-signers, a form's dropdown).
 * `ids` narrows to those members (the ones of another county or no longer active are left out); `except` drops one.
 */
export async function activeMembers(db: Reader, tenantId: number, opts: { ids?: readonly number[]; except?: number; limit?: number } = {}): Promise<Named[]> {
  if (opts.ids && opts.ids.length === 0) return [];
  let q = db.selectFrom('members').select(['id', 'name']).where('tenant_id', '=', tenantId).where('status', '=', 'active');
  if (opts.ids) q = q.where('id', 'in', [...new Set(opts.ids)]);
  if (opts.except !== undefined) q = q.where('id', '!=', opts.except);
  return q.orderBy('name').orderBy('id').limit(opts.limit ?? 5000).execute();
}

/** The ids of a county's members in a sector (界别), active or not: figures and filters by sector count past members too. */
export async function membersOfSector(db: Reader, tenantId: number, sectorId: number): Promise<number[]> {
  const rows = await db.selectFrom('members').select('id').where('tenant_id', '=', tenantId).where('sector_id', '=', sectorId).execute();
  return rows.map((r) => r.id);
}

/** The sector of each given member of the county; members of another county or without a sector are left out. */
export async function sectorsOfMembers(db: Reader, tenantId: number, ids: readonly (number | null | undefined)[]): Promise<Map<number, number>> {
  const wanted = [...new Set(ids.filter((id): id is number => typeof id === 'number'))];
  if (wanted.length === 0) return new Map();
  const out = new Map<number, number>();
  // Chunks keep the statement under SQLite's and PostgreSQL's parameter limits for a county of any size.
  for (let i = 0; i < wanted.length; i += 5000) {
    const rows = await db.selectFrom('members').select(['id', 'sector_id']).where('tenant_id', '=', tenantId).where('id', 'in', wanted.slice(i, i + 5000))
      .where('sector_id', 'is not', null).execute();
    for (const r of rows) out.set(r.id, r.sector_id!);
  }
  return out;
}

export interface NameRequest {
  orgs?: readonly (number | null | undefined)[];
  units?: readonly (number | null | undefined)[];
  venues?: readonly (number | null | undefined)[];
  members?: readonly (number | null | undefined)[];
  sectors?: readonly (number | null | undefined)[];
  committees?: readonly (number | null | undefined)[];
}
export type NameMaps = { [K in keyof NameRequest]-?: Map<number, string> };

/** The names of the given rows of one county, one query per kind asked for (ids of other counties are left out). */
export async function names(db: Reader, tenantId: number, req: NameRequest): Promise<NameMaps> {
  const load = async (table: 'orgs' | 'units' | 'venues' | 'members' | 'sectors' | 'committees', ids: NameRequest[keyof NameRequest]) => {
    const wanted = [...new Set((ids ?? []).filter((id): id is number => typeof id === 'number'))];
    if (wanted.length === 0) return new Map<number, string>();
    const rows = await db.selectFrom(table).select(['id', 'name']).where('tenant_id', '=', tenantId).where('id', 'in', wanted).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  };
  const [orgs, units, venues, members, sectors, committees] = await Promise.all([load('orgs', req.orgs), load('units', req.units), load('venues', req.venues),
    load('members', req.members), load('sectors', req.sectors), load('committees', req.committees)]);
  return { orgs, units, venues, members, sectors, committees };
}
