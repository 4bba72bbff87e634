/** The inbox: a user's own notices only, the unread count the header bell polls, marking one or all read. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, createCounty, createTestApp, type TestEnv } from '../../test/helper.ts';
import { notifyUsers } from '../../platform/notify.ts';

let env: TestEnv;
beforeAll(async () => { env = await createTestApp(); });
afterAll(async () => env.close());

describe('the inbox', () => {
  it('lists the user\'s notices newest first with the unread count; marks one and then all read', async () => {
    const county = await createCounty(env.db);
    const me = await clientFor(env, county.id, ['staff']);
    const other = await clientFor(env, county.id, ['staff']);
    await notifyUsers(env.db, county.id, { userIds: [me.user.id] }, { title: '新转办线索', body: '线索 A', link: '/clues/1' });
    await notifyUsers(env.db, county.id, { userIds: [me.user.id] }, { title: '线索超期', body: '线索 B', link: '/clues/2' });
    await notifyUsers(env.db, county.id, { userIds: [other.user.id] }, { title: '别人的消息', body: '线索 C' });

    expect((await me.client.get('/api/v1/notifications/unread-count')).json()).toEqual({ unread: 2 });
    const list = (await me.client.get('/api/v1/notifications')).json() as { unread: number; items: { id: number; title: string; link: string | null; readAt: string | null }[] };
    expect(list.unread).toBe(2);
    expect(list.items.map((n) => [n.title, n.link])).toEqual([['线索超期', '/clues/2'], ['新转办线索', '/clues/1']]);

    // Another user's notice is not found, and stays unread.
    const theirs = await env.db.selectFrom('notifications').select('id').where('user_id', '=', other.user.id).executeTakeFirstOrThrow();
    expect((await me.client.post(`/api/v1/notifications/${theirs.id}/read`)).statusCode).toBe(404);
    expect((await other.client.get('/api/v1/notifications/unread-count')).json()).toEqual({ unread: 1 });

    expect((await me.client.post(`/api/v1/notifications/${list.items[0]!.id}/read`)).statusCode).toBe(200);
    expect((await me.client.get('/api/v1/notifications/unread-count')).json()).toEqual({ unread: 1 });
    const unreadOnly = (await me.client.get('/api/v1/notifications?unread=1')).json() as { items: { title: string }[] };
    expect(unreadOnly.items.map((n) => n.title)).toEqual(['新转办线索']);

    expect((await me.client.post('/api/v1/notifications/read-all')).statusCode).toBe(200);
    expect((await me.client.get('/api/v1/notifications/unread-count')).json()).toEqual({ unread: 0 });
    expect((await other.client.get('/api/v1/notifications/unread-count')).json()).toEqual({ unread: 1 });
  });
});
