/**
 * A richer 转办 end to end (issue 9): staff 采纳并转办 a waiting clue with a chosen deadline, 紧急, 交办意见 and a
 * co-unit; the 交办单 carries them; the lead unit cannot reply while the co-unit's views are out, its 负责人 gives the
 * clue to a handler, who finds it first in 我的待办; the office stops waiting for the views and the unit may reply;
 * one extension request at a time. Screenshots at 1440 px go to /tmp/forward-shots/.
 */
import fs from 'node:fs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { button, startApp, type Running } from './harness.ts';

const SHOTS = '/tmp/forward-shots';
let app: Running;

beforeAll(async () => {
  app = await startApp();
  fs.mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await app?.stop();
});

async function login(page: Page, username: string) {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${app.baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('Demo@2026');
  await page.getByRole('button', { name: button('登录') }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

async function shoot(page: Page, name: string, fullPage = false) {
  await page.mouse.move(0, 0);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage });
}

async function docxText(buf: Buffer): Promise<string> {
  const xml = await (await JSZip.loadAsync(buf)).file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('\n');
}

describe('直通政协: a richer 转办', () => {
  it('采纳并转办 with date, urgency, 交办意见 and a co-unit → 交办单 → 分派 → 不再等待会办意见 → reply opens', async () => {
    const problems: string[] = [];
    const staff = await app.newPage();
    staff.on('pageerror', (e) => problems.push(`staff: ${e.message}`));
    await login(staff, 'songxian.staff');

    // A clue waiting for triage, and the dates the county allows today.
    const waiting = await (await staff.request.get(`${app.baseUrl}/api/v1/clues?state=submitted&pageSize=1`)).json() as { items: { id: number; code: string }[] };
    const { id, code } = waiting.items[0]!;
    const rules = await (await staff.request.get(`${app.baseUrl}/api/v1/clues/forward-rules`)).json() as { minDate: string; maxDate: string; defaultDate: { normal: string; urgent: string } };
    // Another date than the urgency's default, within the rules.
    const chosen = rules.defaultDate.normal;

    await staff.goto(`${app.baseUrl}/clues/${id}`);
    await staff.getByRole('heading', { level: 1, name: `线索 ${code}` }).waitFor();
    const actions = staff.getByRole('group', { name: '可执行的操作' });
    await actions.getByRole('button', { name: /采纳并转办/ }).click();
    const dialog = staff.getByRole('dialog', { name: `采纳并转办 · 线索 ${code}` });
    await dialog.getByText('推荐承办单位').waitFor();
    const unitSelect = dialog.getByRole('combobox');
    await unitSelect.click();
    await unitSelect.fill('县交通运输局');
    await staff.locator('.ant-select-item-option[title="县交通运输局"]').click();
    await dialog.getByText('紧急', { exact: true }).click();
    // The date follows the urgency…
    await expect.poll(() => dialog.getByLabel('办理期限').inputValue()).toBe(rules.defaultDate.urgent);
    // …until staff choose one.
    const date = dialog.getByLabel('办理期限');
    await date.click();
    await date.fill(chosen);
    await date.press('Enter');
    await dialog.getByLabel('交办意见（可选）').fill('请会同交警大队现场核查，先行设置警示标志');
    await dialog.getByRole('button', { name: /添加会办单位/ }).click();
    const coSelect = dialog.getByRole('combobox', { name: '会办单位' });
    await coSelect.click();
    await coSelect.fill('交警');
    await staff.locator('.ant-select-item-option[title="县公安局交警大队"]').click();
    await dialog.getByText(`采纳并转办 · 线索 ${code}`).click();
    await staff.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
    await shoot(staff, 'forward-dialog', true);
    await dialog.getByRole('button', { name: button('采纳并转办') }).click();
    await staff.getByText(`已采纳并转办：线索 ${code}，当前状态「办理中」`).waitFor();
    const after = await (await staff.request.get(`${app.baseUrl}/api/v1/clues/${id}`)).json() as { dueAt: string; urgency: string };
    expect(after.urgency).toBe('urgent');
    expect(new Date(Date.parse(after.dueAt) + 8 * 3600_000).toISOString().slice(0, 10)).toBe(chosen);

    // The detail: 紧急, 交办意见, the co-unit waited for; the 交办单 carries them.
    await staff.getByText('请会同交警大队现场核查，先行设置警示标志').first().waitFor();
    const coCard = staff.locator('.ant-card').filter({ hasText: '会办单位意见' });
    await coCard.getByText('县公安局交警大队').waitFor();
    await coCard.getByText('待提会办意见').waitFor();
    await shoot(staff, 'forward-detail', true);
    const doc = await staff.request.get(`${app.baseUrl}/api/v1/clues/${id}/documents/assignment`);
    const text = await docxText(Buffer.from(await doc.body()));
    expect(text).toContain('紧急');
    expect(text).toContain('请会同交警大队现场核查，先行设置警示标志');
    expect(text).toContain('县公安局交警大队');

    // The unit's 负责人: the reply waits for the co-unit; the clue goes to its handler.
    const unit = await app.newPage();
    unit.on('pageerror', (e) => problems.push(`unit: ${e.message}`));
    await login(unit, 'songxian.unit');
    await unit.goto(`${app.baseUrl}/unit/clues/${id}`);
    await unit.getByRole('heading', { level: 1, name: `办理线索 ${code}` }).waitFor();
    const unitActions = unit.getByRole('group', { name: '可执行的操作' });
    expect(await unitActions.getByRole('button', { name: button('答复') }).isDisabled()).toBe(true);
    await unit.getByText(/会办单位意见尚未全部送达/).first().waitFor();
    await unitActions.getByRole('button', { name: /分派经办人/ }).click();
    const assign = unit.getByRole('dialog', { name: `分派经办人 · 线索 ${code}` });
    await assign.getByRole('combobox').click();
    await unit.locator('.ant-select-item-option').filter({ hasText: '王敏' }).click();
    await assign.getByRole('button', { name: button('分派') }).click();
    await unit.getByText(`已分派经办人：线索 ${code}`).waitFor();
    await unit.getByText('县交通运输局经办人王敏').first().waitFor();
    await shoot(unit, 'unit-detail', true);

    // The handler finds it first in 我的待办, marked 分派给我.
    const handler = await app.newPage();
    handler.on('pageerror', (e) => problems.push(`handler: ${e.message}`));
    await login(handler, 'songxian.handler');
    await handler.goto(`${app.baseUrl}/work`);
    await handler.getByRole('heading', { level: 1, name: '我的待办' }).waitFor();
    const first = handler.locator('.ant-table-row').first();
    await first.waitFor();
    expect(await first.textContent()).toContain('分派给我');
    const mine = handler.locator('.ant-table-row').filter({ hasText: code });
    expect(await mine.textContent()).toContain('分派给我');
    await shoot(handler, 'handler-work');

    // The office stops waiting for the views: the unit may reply.
    await staff.reload();
    await actions.getByRole('button', { name: /不再等待会办意见/ }).click();
    const waive = staff.getByRole('dialog', { name: `不再等待会办意见 · 线索 ${code}` });
    await waive.getByLabel('不再等待的理由').fill('群众反映强烈，请主办单位先行答复');
    await waive.getByRole('button', { name: button('不再等待会办意见') }).click();
    await staff.getByText(`已不再等待会办意见：线索 ${code}`).waitFor();
    await unit.reload();
    await unit.getByRole('heading', { level: 1, name: `办理线索 ${code}` }).waitFor();
    expect(await unitActions.getByRole('button', { name: button('答复') }).isDisabled()).toBe(false);

    // One extension request at a time.
    await unitActions.getByRole('button', { name: /申请延期/ }).click();
    const ask = unit.getByRole('dialog', { name: `申请延期 · 线索 ${code}` });
    await ask.getByLabel('延期理由').fill('需协调交警大队施工');
    await ask.getByRole('button', { name: button('申请延期') }).click();
    await unit.getByText(`已申请延期：线索 ${code}`).waitFor();
    expect(await unitActions.getByRole('button', { name: /申请延期/ }).isDisabled()).toBe(true);

    // The unit portal list marks the clue 紧急.
    await unit.goto(`${app.baseUrl}/unit/clues`);
    const row = unit.getByRole('row', { name: new RegExp(code) });
    await row.waitFor();
    expect(await row.textContent()).toContain('紧急');
    await shoot(unit, 'unit-list');

    expect(problems).toEqual([]);
  });

  it('超期通报: overdue clues by unit with days late and 催办 counts, a unit reminded in bulk, the Excel export; marks on the lists', async () => {
    const problems: string[] = [];
    const staff = await app.newPage();
    staff.on('pageerror', (e) => problems.push(`staff: ${e.message}`));
    await login(staff, 'songxian.staff');
    await staff.goto(`${app.baseUrl}/clues/overdue`);
    await staff.getByRole('heading', { level: 1, name: '超期通报' }).waitFor();
    const summary = staff.getByRole('table', { name: '超期线索按承办单位汇总' });
    const jt = summary.locator('tr.ant-table-row-level-0').filter({ hasText: '县交通运输局' });
    await jt.waitFor();
    const before = await (await staff.request.get(`${app.baseUrl}/api/v1/clues/overdue-report`)).json() as { units: { unitName: string; count: number; reminders: number }[] };
    const unit = before.units.find((u) => u.unitName === '县交通运输局')!;
    expect(unit.count).toBeGreaterThan(0);
    await staff.getByRole('table', { name: '县交通运输局的超期线索' }).waitFor();
    await shoot(staff, 'overdue-report');
    await shoot(staff, 'overdue-report-full', true);

    await jt.getByRole('checkbox', { name: '选择县交通运输局' }).check();
    await staff.getByRole('button', { name: new RegExp(`批量催办（${unit.count} 件）`) }).click();
    const dialog = staff.getByRole('dialog', { name: `批量催办（${unit.count} 条）` });
    await dialog.getByLabel('催办内容（发给各承办单位）').fill('以下线索已超期，请本周五前答复');
    await dialog.getByRole('button', { name: button('确定') }).click();
    await staff.getByText(`已催办 ${unit.count} 条线索`).waitFor();
    // The deadline job may remind the same clues meanwhile (it runs in this server), so count the staff's own 催办:
    // one by a person, with the text typed above, on every clue of the unit.
    const after = await (await staff.request.get(`${app.baseUrl}/api/v1/clues/overdue-report`)).json() as typeof before & { units: { items: { id: number }[] }[] };
    const items = after.units.find((u) => u.unitName === '县交通运输局')!.items;
    expect(items.length).toBe(unit.count);
    for (const item of items) {
      const detail = await (await staff.request.get(`${app.baseUrl}/api/v1/clues/${item.id}`)).json() as { timeline: { transition: string; actorKind: string; note: string | null }[] };
      const mine = detail.timeline.filter((e) => e.transition === 'remind' && e.actorKind === 'user' && e.note?.includes('以下线索已超期，请本周五前答复'));
      expect(mine.length).toBe(1);
    }
    expect(after.units.find((u) => u.unitName === '县交通运输局')!.reminders).toBeGreaterThanOrEqual(unit.reminders + unit.count);

    const [download] = await Promise.all([staff.waitForEvent('download'), staff.getByRole('button', { name: /导出 Excel/ }).click()]);
    expect(download.suggestedFilename()).toBe('超期通报.xlsx');

    // The marks: red and yellow on the triage list, in words.
    await staff.goto(`${app.baseUrl}/clues?state=forwarded&overdue=1`);
    await staff.getByRole('heading', { level: 1, name: '线索分拣' }).waitFor();
    await staff.locator('tr.xs-mark-red').first().waitFor();
    expect(await staff.locator('tr.xs-mark-red').first().textContent()).toContain('超期');
    await shoot(staff, 'triage-marks');

    // The unit portal at 1440 px.
    const unitPage = await app.newPage();
    unitPage.on('pageerror', (e) => problems.push(`unit: ${e.message}`));
    await login(unitPage, 'songxian.unit');
    await unitPage.goto(`${app.baseUrl}/unit/clues`);
    await unitPage.getByRole('heading', { level: 1, name: '承办办理' }).waitFor();
    await unitPage.locator('.ant-table-row').first().waitFor();
    await shoot(unitPage, 'unit-portal');
    expect(problems).toEqual([]);
  });
});
