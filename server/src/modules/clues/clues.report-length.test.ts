/**
 * Short reports: a QR-code note of 5–9 characters is a report (「德亭中学宿舍没热水」), and a refused text field
 * gets one message, not one per rule it breaks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClueSubmitSchema } from '@xs/core/schemas/clues.ts';
import { text } from '@xs/core/validation.ts';
import { createTestApp, type TestEnv } from '../../test/helper.ts';
import { CHINESE, clueBody, createClueWorld, postClue, type ClueWorld } from './clues.factory.ts';

let env: TestEnv;
let w: ClueWorld;

beforeAll(async () => {
  env = await createTestApp();
  w = await createClueWorld(env);
});
afterAll(async () => env.close());

const contentIssues = (res: { json: () => { fields?: { path: string; message: string }[] } }) =>
  (res.json().fields ?? []).filter((f) => f.path === 'content').map((f) => f.message);

describe('the shortest report', () => {
  it('takes a 9-character and a 5-character report', async () => {
    for (const content of ['德亭中学宿舍没热水', '路灯不亮了']) {
      const res = await postClue(env, w.county.id, clueBody(w.county, { content }));
      expect(res.statusCode, res.body).toBe(201);
      expect((await env.db.selectFrom('clues').select('content').where('code', '=', res.json().code).executeTakeFirstOrThrow()).content).toBe(content);
    }
  });

  it('refuses 4 characters with one Chinese message on content', async () => {
    const res = await postClue(env, w.county.id, clueBody(w.county, { content: '没热水了' }));
    expect(res.statusCode).toBe(400);
    const messages = contentIssues(res);
    expect(messages).toEqual(['请至少写 5 个字，说清楚是什么问题']);
    expect(messages[0]).toMatch(CHINESE);
  });

  it('counts what is visible: 4 characters padded with spaces and zero-width characters are still 4', async () => {
    const res = await postClue(env, w.county.id, clueBody(w.county, { content: '  没\u200B热\u200B水\u200B了\u200B  ' }));
    expect(res.statusCode).toBe(400);
    expect(contentIssues(res)).toHaveLength(1);
  });
});

describe('one message per refused field', () => {
  it('says one thing about a text that breaks several rules at once', () => {
    const cases: [string, string][] = [
      ['', '请至少写 5 个字，说清楚是什么问题'],
      ['没\u0001水', '请至少写 5 个字，说清楚是什么问题'],
      ['路灯不亮\u0001\u0002已经两周', '含有不允许的控制字符'],
      ['长'.repeat(2001), '不能超过 2000 个字'],
    ];
    for (const [content, message] of cases) {
      const r = ClueSubmitSchema.safeParse({ category: 'roads', townshipId: 1, content });
      expect(r.success, JSON.stringify(content)).toBe(false);
      expect(r.error!.issues.filter((i) => i.path[0] === 'content').map((i) => i.message), JSON.stringify(content)).toEqual([message]);
    }
    // Every text field of every form: an empty required field is 「不能为空」 alone.
    expect(text(20).safeParse('').error?.issues.map((i) => i.message)).toEqual(['不能为空']);
    expect(text(20, 3).safeParse('\u0001').error?.issues.map((i) => i.message)).toEqual(['至少 3 个字']);
  });

  it('answers a short report through the API with one entry for content and one for each other bad field', async () => {
    const res = await postClue(env, w.county.id, { ...clueBody(w.county), content: '短', category: 'nope' });
    expect(res.statusCode).toBe(400);
    const paths = (res.json().fields as { path: string }[]).map((f) => f.path).sort();
    expect(paths).toEqual(['category', 'content']);
  });
});
