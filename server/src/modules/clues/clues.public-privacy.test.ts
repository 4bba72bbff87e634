/**
 * What citizens wrote, on the public endpoints: the similar-clues hint shows only a summary with personal
 * data taken out and no tracking code ("我也遇到了" goes by an opaque token); the board shows no codes and
 * no numbers or names in a unit's reply.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, nextAddress, type TestEnv } from '../../test/helper.ts';
import { clueAt, createClueWorld, must, publicPost, submitClue, type ClueWorld } from './clues.factory.ts';
import { REDACTED, redactPersonal } from './clues.redact.ts';

let env: TestEnv;
let w: ClueWorld;

beforeAll(async () => {
  env = await createTestApp();
  w = await createClueWorld(env);
});
afterAll(async () => env.close());

describe('redactPersonal', () => {
  const cases: [string, string, string][] = [
    ['a mobile number', '路灯坏了，电话13812345678，请联系', '13812345678'],
    ['a mobile number with spaces and +86', '有事打+86 138 1234 5678', '5678'],
    ['a mobile number in full-width digits', '电话１３８１２３４５６７８', '５６７８'],
    ['a landline with its area code', '联系电话0379-65123456', '65123456'],
    ['an 18-character ID number', '我的身份证号41032319900101123X，补贴没发', '41032319900101123X'],
    ['a 15-digit ID number', '老身份证号410323900101123', '410323900101123'],
    ['an e-mail address', '结果发到wang.xm@example.com', 'wang.xm@example.com'],
    ['a bank card number', '补贴打到卡号6222020200112233445', '6222020200112233445'],
    ['the name after 我叫', '我叫王小明，家门口的路灯不亮', '王小明'],
    ['the name after 联系人', '联系人：李建国，住东街', '李建国'],
    ['the name after 姓名', '姓名 赵四，反映停车难', '赵四'],
    ['the surname after 姓', '我姓钱，住在东街', '钱'],
    ['the name after 本人', '本人孙丽，反映学校门口拥堵', '孙丽'],
    ['the name after 名叫', '我爸名叫周大山，低保没批', '周大山'],
  ];
  for (const [what, input, secret] of cases) {
    it(`takes out ${what}`, () => {
      const out = redactPersonal(input);
      expect(out).not.toContain(secret);
      expect(out).toContain(REDACTED);
    });
  }

  it('takes out the name the reporter left in the contact field, wherever it stands', () => {
    expect(redactPersonal('东街的路灯坏了，吴德明说修过一次又坏了', ['吴德明'])).toBe(`东街的路灯坏了，${REDACTED}说修过一次又坏了`);
  });

  it('leaves a report without personal data as it was', () => {
    for (const text of ['德亭中学宿舍没热水', '东街路口的路灯不亮已经两个星期了，3号楼门口最暗', '老百姓反映滨河路积水', '2026年11月起公交停运']) {
      expect(redactPersonal(text)).toBe(text);
    }
  });
});

describe('the similar-clues hint', () => {
  const PERSONAL = '我叫王小明，电话13812345678，身份证41032319900101123X';

  async function hint(content = '东街路口的路灯不亮了，晚上很黑') {
    const res = await env.app.inject({ method: 'POST', url: `/api/v1/public/counties/${w.county.id}/clues/similar`,
      payload: { content, townshipId: w.county.townshipId }, remoteAddress: nextAddress() });
    expect(res.statusCode, res.body).toBe(200);
    return res;
  }

  it('shows an untriaged report only as a summary without personal data, and without its code', async () => {
    const c = await submitClue(env, w.county, { content: `东街路口的路灯不亮已经两个星期了，${PERSONAL}`, contactName: '王德发', contactPhone: '13900001111', consent: true });
    const res = await hint();
    const items = res.json().items as Record<string, unknown>[];
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(Object.keys(item).sort()).toEqual(['categoryLabel', 'createdAt', 'likely', 'score', 'stateLabel', 'summary', 'supporters', 'token']);
    const mine = items.find((i) => String(i.summary).startsWith('东街路口的路灯不亮已经两个星期了'));
    expect(mine?.summary).toBe(`东街路口的路灯不亮已经两个星期了，我叫${REDACTED}，电话${REDACTED}，身份证${REDACTED}`);
    for (const secret of [c.code, c.secret, '王小明', '13812345678', '5678', '41032319900101123X', '王德发', '13900001111', '1111']) {
      expect(res.body, secret).not.toContain(secret);
    }
  });

  it('says which offered reports are likely the same problem and which are only the township\'s other open reports of its kind', async () => {
    await submitClue(env, w.county, { content: '滨河路从桥头到学校那一段，十几盏路灯坏了一个多月，晚上黑得看不见路' });
    const item = async (content: string) => ((await hint(content)).json().items as { summary: string; likely: boolean; score: number }[])
      .find((i) => i.summary.startsWith('滨河路从桥头到学校那一段'));
    const same = await item('滨河路桥头到学校那截路灯全坏了，一个多月了');
    expect(same?.likely).toBe(true);
    // Another street's lights: offered to the citizen, who decides, but not said to be the same.
    const other = await item('文昌街灯不亮了');
    expect(other?.likely).toBe(false);
    expect(other!.score).toBeLessThan(same!.score);
  });

  it('hands out a stable, random token that "我也遇到了" takes, and refuses the code', async () => {
    const c = await submitClue(env, w.county, { content: '东街路口的路灯不亮，晚上出门看不见路，请尽快修理' });
    const mine = async () => {
      const row = await env.db.selectFrom('clues').select('support_token').where('id', '=', c.id).executeTakeFirstOrThrow();
      return row.support_token;
    };
    await hint();
    const token = await mine();
    expect(token).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(token).not.toContain(c.code);
    const items = (await hint()).json().items as { token: string }[];
    expect(items.map((i) => i.token)).toContain(token);
    expect(await mine()).toBe(token);

    expect((await publicPost(env, '/clues/support', { token })).json()).toEqual({ supporters: 1 });
    const byCode = await publicPost(env, '/clues/support', { code: c.code });
    expect(byCode.statusCode).toBe(400);
    const guessed = await publicPost(env, '/clues/support', { token: 'A'.repeat(24) });
    expect(guessed.statusCode).toBe(404);
    expect((await env.db.selectFrom('clues').select('supporters').where('id', '=', c.id).executeTakeFirstOrThrow()).supporters).toBe(1);
  });
});

describe('the public board', () => {
  it('shows no tracking code, and no phone, ID number or reporter name in a unit\'s reply', async () => {
    const c = await clueAt(env, w, 'replied', { contactName: '郑秀英', contactPhone: '13700002222', consent: true });
    // The unit's reply quotes the citizen; staff publish the clue with their own summary.
    await env.db.updateTable('clues').set({ reply_text: '已联系郑秀英（13700002222，身份证41032319900101123X），路灯已修复，可拨0379-65123456回访。' })
      .where('id', '=', c.id).execute();
    await must(env, w.staff, c.id, 'resolve');
    const pub = await w.staff.post(`/api/v1/clues/${c.id}/publish`, { summary: '群众反映东街路灯不亮，已修复。', publish: true });
    expect(pub.statusCode, pub.body).toBe(200);
    const board = await env.app.inject({ url: `/api/v1/public/counties/${w.county.id}/board`, remoteAddress: nextAddress() });
    expect(board.statusCode).toBe(200);
    const item = (board.json().items as Record<string, unknown>[]).find((i) => i.summary === '群众反映东街路灯不亮，已修复。');
    expect(item).toBeDefined();
    expect(item).not.toHaveProperty('code');
    expect(item!.reply).toBe(`已联系${REDACTED}（${REDACTED}，身份证${REDACTED}），路灯已修复，可拨${REDACTED}回访。`);
    for (const secret of [c.code, '郑秀英', '13700002222', '2222', '41032319900101123X', '65123456']) expect(board.body, secret).not.toContain(secret);
  });
});
