/** The org read API other modules use: scoped to one county, 404 or null for anything else. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCounty, createMember, createSector, createTestApp, createUnit, createVenue, rejectionOf, type TestEnv } from '../../test/helper.ts';
import { activeMember, activeMembers, activeUnit, membersOfSector, sectorsOfMembers, countiesOf, names, placesOf, requireCity, requireCounty, unitsOf, venueOf } from './orgs.read.ts';

let env: TestEnv;
let a: Awaited<ReturnType<typeof createCounty>>;
let b: Awaited<ReturnType<typeof createCounty>>;

beforeAll(async () => {
  env = await createTestApp();
  a = await createCounty(env.db);
  b = await createCounty(env.db);
});
afterAll(async () => env.close());

describe('orgs read API', () => {
  it('finds a county by id and answers 404 for a township, a city or nothing', async () => {
    expect(await requireCounty(env.db, a.id)).toEqual({ id: a.id, name: a.name });
    for (const id of [a.townshipId, a.cityId, 2_147_483_647]) {
      expect(await rejectionOf(requireCounty(env.db, id))).toMatchObject({ code: 'not_found', message: '县区不存在' });
    }
    expect((await countiesOf(env.db, a.cityId)).map((c) => c.id)).toEqual(expect.arrayContaining([a.id, b.id]));
  });

  it('refuses city-only use inside a county with the reason, and allows it in the city', async () => {
    expect(await rejectionOf(requireCity(env.db, a.id, '各县区对比'))).toMatchObject({ code: 'forbidden', message: '各县区对比仅限市政协使用' });
    await expect(requireCity(env.db, a.cityId)).resolves.toBeUndefined();
  });

  it('gives names only of the asked county\'s rows', async () => {
    const unitA = await createUnit(env.db, a.id);
    const unitB = await createUnit(env.db, b.id);
    const venueA = await createVenue(env.db, a.id);
    const memberB = await createMember(env.db, b.id);
    const n = await names(env.db, a.id, { orgs: [a.townshipId, b.townshipId, null], units: [unitA.id, unitB.id], venues: [venueA.id], members: [memberB.id] });
    expect([...n.orgs.keys()]).toEqual([a.townshipId]);
    expect([...n.units.entries()]).toEqual([[unitA.id, unitA.name]]);
    expect(n.venues.get(venueA.id)).toBe(venueA.name);
    expect(n.members.size).toBe(0);
  });

  it('reads a unit, venue or member only when it is the county\'s own and in use', async () => {
    const unit = await createUnit(env.db, a.id);
    const retired = await createUnit(env.db, a.id);
    await env.db.updateTable('units').set({ active: 0 }).where('id', '=', retired.id).execute();
    expect(await activeUnit(env.db, a.id, unit.id)).toMatchObject({ id: unit.id, name: unit.name });
    expect(await activeUnit(env.db, b.id, unit.id)).toBeNull();
    expect(await activeUnit(env.db, a.id, retired.id)).toBeNull();
    expect((await unitsOf(env.db, a.id)).map((u) => u.id)).not.toContain(retired.id);
    expect((await unitsOf(env.db, a.id, { includeInactive: true })).map((u) => u.id)).toContain(retired.id);

    const venue = await createVenue(env.db, a.id);
    expect(await venueOf(env.db, a.id, venue.id)).toMatchObject({ id: venue.id });
    expect(await venueOf(env.db, b.id, venue.id)).toBeNull();
    const member = await createMember(env.db, a.id);
    expect(await activeMember(env.db, a.id, member.id)).toMatchObject({ id: member.id });
    expect(await activeMember(env.db, b.id, member.id)).toBeNull();
  });

  it('lists a county\'s active members by name, narrowed to given ids, and their sectors only within the county', async () => {
    const c = await createCounty(env.db);
    const sector = await createSector(env.db, c.id, '经济界');
    const zhang = await createMember(env.db, c.id, { name: '张委员', sectorId: sector.id });
    const li = await createMember(env.db, c.id, { name: '李委员' });
    const gone = await createMember(env.db, c.id, { name: '王委员', sectorId: sector.id });
    await env.db.updateTable('members').set({ status: 'left' }).where('id', '=', gone.id).execute();
    const foreign = await createMember(env.db, b.id, { name: '外县委员' });
    const all = await activeMembers(env.db, c.id);
    expect(all.map((m) => m.id).sort()).toEqual([zhang.id, li.id].sort());
    expect(all[0]).toEqual({ id: expect.any(Number), name: expect.any(String) });
    expect(await activeMembers(env.db, c.id, { except: zhang.id })).toEqual([{ id: li.id, name: '李委员' }]);
    expect((await activeMembers(env.db, c.id, { ids: [zhang.id, gone.id, foreign.id] })).map((m) => m.id)).toEqual([zhang.id]);
    expect(await activeMembers(env.db, c.id, { ids: [] })).toEqual([]);
    // A sector's figures count members who have left, never another county's.
    expect((await membersOfSector(env.db, c.id, sector.id)).sort()).toEqual([zhang.id, gone.id].sort());
    expect(await membersOfSector(env.db, b.id, sector.id)).toEqual([]);
    const sectors = await sectorsOfMembers(env.db, c.id, [zhang.id, li.id, gone.id, foreign.id, null]);
    expect([...sectors.entries()].sort()).toEqual([[zhang.id, sector.id], [gone.id, sector.id]].sort());
  });

  it('lists a county\'s townships and villages with their parents', async () => {
    const places = await placesOf(env.db, a.id);
    expect(places).toEqual(expect.arrayContaining([
      expect.objectContaining({ id: a.townshipId, kind: 'township', parentId: a.id }),
      expect.objectContaining({ id: a.villageId, kind: 'village', parentId: a.townshipId }),
    ]));
    expect((await placesOf(env.db, a.id, ['township'])).every((p) => p.kind === 'township')).toBe(true);
  });
});
