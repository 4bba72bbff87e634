/**
 * 直通政协 end to end: a citizen reports a problem on a phone, staff find it by its code, accept and
 * forward it, the unit replies with an attachment, staff resolve and publish it, the citizen tracks and
 * rates it 满意, and the published summary is on the public board.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { button, startApp, type Running } from './harness.ts';

let app: Running;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.stop();
});


/** A 1×1 PNG, a valid reply attachment. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC', 'base64');

async function login(page: Page, username: string) {
  await page.goto(`${app.baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('Demo@2026');
  await page.getByRole('button', { name: button('登录') }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

function watch(page: Page, problems: string[], who: string) {
  page.on('pageerror', (e) => problems.push(`${who}: ${e.message}`));
}

describe('直通政协 clue flow', () => {
  it('goes from a phone report to a rated, published result', async () => {
    const problems: string[] = [];
    const suffix = String(Date.now()).slice(-6);
    const content = `城关镇滨河路与人民路交叉口的红绿灯坏了三天，早晚高峰车辆拥堵，行人过马路很危险，请尽快修复（编号${suffix}）。`;
    const published = `城关镇滨河路与人民路交叉口红绿灯损坏，群众反映后已修复（编号${suffix}）。`;
    const reply = `经现场核实，该路口信号灯控制器故障，我局已于当天更换控制器，信号灯恢复正常（编号${suffix}）。`;

    const counties = await (await fetch(`${app.baseUrl}/api/v1/public/counties`)).json() as { items: { id: number; name: string }[] };
    const county = counties.items.find((c) => c.name.startsWith('嵩县'));
    expect(county, '嵩县 is in the demo').toBeTruthy();
    const c = county!.id;

    // ---- The citizen reports on a phone-sized page. ----
    const phone = await app.newPage();
    watch(phone, problems, 'phone');
    await phone.setViewportSize({ width: 360, height: 740 });
    await phone.goto(`${app.baseUrl}/h5/report?c=${c}`);
    await phone.getByRole('heading', { level: 1, name: '我要反映' }).waitFor();
    await phone.getByRole('group', { name: /是哪方面的事/ }).getByRole('radio', { name: '交通出行' }).check();
    await phone.getByRole('group', { name: /发生在哪个乡镇/ }).getByRole('radio', { name: '城关镇' }).check();
    await phone.getByLabel(/具体地点/).fill('滨河路与人民路交叉口');
    await phone.getByLabel(/遇到了什么问题/).fill(content);
    await phone.getByLabel(/怎么称呼您/).fill('赵先生');
    await phone.getByLabel(/手机号/).fill('13912345678');
    await phone.getByLabel(/我已阅读并同意/).check();
    await phone.getByRole('button', { name: '提交', exact: true }).click();
    await phone.getByRole('heading', { level: 1, name: '提交成功' }).waitFor();
    const code = (await phone.getByTestId('clue-code').textContent())!.trim();
    const secret = (await phone.getByTestId('clue-secret').textContent())!.trim();
    expect(code).toMatch(/^[0-9A-Z]{10}$/);
    expect(secret).toMatch(/^[0-9A-Z]{8}$/);

    // ---- Staff find it by its code, accept it and forward it to 县交通运输局. ----
    const staff = await app.newPage();
    watch(staff, problems, 'staff');
    await login(staff, 'songxian.staff');
    await staff.goto(`${app.baseUrl}/clues`);
    await staff.getByRole('heading', { level: 1, name: '线索分拣' }).waitFor();
    const search = staff.getByRole('searchbox', { name: /全文搜索/ });
    await search.fill(code);
    await search.press('Enter');
    await expect.poll(() => new URL(staff.url()).searchParams.get('q')).toBe(code);
    const row = staff.getByRole('row', { name: new RegExp(code) });
    await row.waitFor();
    expect(await row.textContent()).toContain('待受理');
    // The list may re-render under the click (its refetch after the search): click until the clue's page opens.
    const open = row.getByRole('link', { name: `打开线索 ${code}` });
    const onClue = () => /^\/clues\/\d+$/.test(new URL(staff.url()).pathname);
    await expect.poll(async () => {
      if (!onClue()) await open.click({ timeout: 5_000 }).catch(() => undefined);
      return onClue();
    }, { intervals: [1_000] }).toBe(true);
    await staff.getByRole('heading', { level: 1, name: `线索 ${code}` }).waitFor();
    await staff.getByText('139****5678').waitFor();
    expect(await staff.getByText('13912345678').count()).toBe(0);

    const actions = staff.getByRole('group', { name: '可执行的操作' });
    await actions.getByRole('button', { name: /采纳受理/ }).click();
    let dialog = staff.getByRole('dialog', { name: `采纳受理 · 线索 ${code}` });
    await dialog.getByRole('button', { name: /采纳受理/ }).click();
    await staff.getByText(`已采纳受理：线索 ${code}，当前状态「已采纳」`).waitFor();

    await actions.getByRole('button', { name: button('转办') }).click();
    dialog = staff.getByRole('dialog', { name: `转办 · 线索 ${code}` });
    await dialog.getByText('推荐承办单位').waitFor();
    const unitSelect = dialog.getByRole('combobox');
    await unitSelect.click();
    await unitSelect.fill('县交通运输局');
    await staff.locator('.ant-select-item-option[title="县交通运输局"]').click();
    await dialog.getByRole('button', { name: button('转办') }).click();
    await staff.getByText(`已转办：线索 ${code}，当前状态「办理中」`).waitFor();
    await staff.getByText('县交通运输局').first().waitFor();

    // ---- The unit replies, with an attachment. ----
    const unit = await app.newPage();
    watch(unit, problems, 'unit');
    await login(unit, 'songxian.unit');
    await unit.goto(`${app.baseUrl}/unit/clues`);
    await unit.getByRole('heading', { level: 1, name: '承办办理' }).waitFor();
    await unit.getByRole('link', { name: `办理线索 ${code}` }).click();
    await unit.getByRole('heading', { level: 1, name: `办理线索 ${code}` }).waitFor();
    expect(await unit.getByText('139****5678').count(), 'the unit sees no contact data').toBe(0);
    await unit.getByRole('group', { name: '可执行的操作' }).getByRole('button', { name: button('答复') }).click();
    dialog = unit.getByRole('dialog', { name: `单位答复 · 线索 ${code}` });
    await dialog.getByLabel('答复内容').fill(reply);
    await dialog.locator('input[type="file"]').setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: PNG });
    await dialog.getByText('现场照片.png').waitFor();
    await expect.poll(() => dialog.locator('.ant-upload-list-item-done').count()).toBe(1);
    await dialog.getByRole('button', { name: /提交答复/ }).click();
    await unit.getByText(`已单位答复：线索 ${code}，当前状态「已答复」`).waitFor();
    await unit.getByRole('link', { name: /现场照片\.png/ }).waitFor();

    // ---- Staff resolve it and publish it to the board. ----
    await staff.reload();
    await staff.getByText(reply).waitFor();
    await staff.getByRole('link', { name: /现场照片\.png/ }).waitFor();
    await actions.getByRole('button', { name: button('办结') }).click();
    dialog = staff.getByRole('dialog', { name: `办结 · 线索 ${code}` });
    await dialog.getByRole('button', { name: button('办结') }).click();
    await staff.getByText(`已办结：线索 ${code}，当前状态「已办结」`).waitFor();
    const summary = staff.getByLabel('公开的问题摘要');
    expect(await summary.inputValue()).toBe(content);
    await summary.fill(published);
    await staff.getByRole('button', { name: /公开到反馈公开栏/ }).click();
    await staff.getByText('已公开到「反馈公开」栏').waitFor();
    await staff.getByText('已公开', { exact: true }).waitFor();

    // ---- The citizen tracks it with code and password, and rates it 满意. ----
    await phone.goto(`${app.baseUrl}/h5/track?c=${c}`);
    await phone.getByRole('heading', { level: 1, name: '查询进度' }).waitFor();
    await phone.getByLabel(/查询码/).fill(code);
    await phone.getByLabel(/查询密码/).fill(secret);
    await phone.getByRole('button', { name: '查询', exact: true }).click();
    await phone.getByRole('heading', { level: 1, name: '办理进度' }).waitFor();
    await phone.getByText(reply).waitFor();
    await phone.getByRole('radio', { name: '满意', exact: true }).check();
    await phone.getByRole('button', { name: '提交评价' }).click();
    await phone.getByText('✓ 您的评价：满意').waitFor();

    // ---- The published summary is on the public board, without the name or the phone. ----
    await phone.goto(`${app.baseUrl}/h5/board?c=${c}`);
    await phone.getByRole('heading', { level: 1, name: '办理公开' }).waitFor();
    const item = phone.locator('li', { hasText: published });
    await item.waitFor();
    const text = (await item.textContent()) ?? '';
    expect(text).toContain(reply);
    expect(text).toContain('县交通运输局');
    expect(text).not.toContain('赵先生');
    expect(text).not.toContain('13912345678');

    expect(problems, app.log()).toEqual([]);
  }, 240_000);
});
