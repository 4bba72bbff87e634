/**
 * The office path end to end: staff enter a hotline call (代录) for a citizen, the citizen is told by SMS, staff
 * accept and forward it and download its 交办单 (.docx, opened and checked here); the clue and audit exports carry
 * Beijing time; the unit figures and the city's county comparison are looked at. Screenshots at 1440 px go to
 * /tmp/office-shots/.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { button, startApp, type Running } from './harness.ts';

const SHOTS = '/tmp/office-shots';
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

async function shoot(page: Page, name: string) {
  await page.mouse.move(0, 0);
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
  await page.screenshot({ path: `${SHOTS}/${name}-full.png`, fullPage: true });
}

/** An antd Select: open it by its label and pick the option by its title. */
async function pick(page: Page, label: string, option: string) {
  const select = page.getByLabel(label, { exact: true });
  await select.click();
  await select.fill(option).catch(() => undefined);
  await page.locator(`.ant-select-item-option[title="${option}"]`).first().click();
}

/** Beijing wall-clock time of an ISO instant, as the exports write it. */
const beijing = (iso: string, seconds = false) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, seconds ? 19 : 16).replace('T', ' ');

async function sheet(buf: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))));
  return rows;
}

async function docxText(buf: Buffer): Promise<string> {
  const xml = await (await JSZip.loadAsync(buf)).file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('\n');
}

describe('直通政协 as an office runs it', () => {
  it('代录 of a hotline call → 交办单 .docx → exports in Beijing time → figures and the city comparison', async () => {
    const problems: string[] = [];
    const suffix = String(Date.now()).slice(-6);
    const content = `来电反映：城关镇人民路菜市场门口的下水道堵塞，污水漫到路面，气味很大（热线${suffix}）。`;
    const phoneNo = `139${suffix}88`.slice(0, 11);

    // ---- Staff enter the call. ----
    const staff = await app.newPage();
    staff.on('pageerror', (e) => problems.push(`staff: ${e.message}`));
    await login(staff, 'songxian.staff');
    await staff.goto(`${app.baseUrl}/clues/intake`);
    await staff.getByRole('heading', { level: 1, name: '代录线索' }).waitFor();
    await staff.getByRole('radio', { name: '热线电话' }).check();
    await staff.getByLabel('反映内容').fill(content);
    await pick(staff, '问题类别', '环境卫生');
    await pick(staff, '乡镇/街道', '城关镇');
    await staff.getByLabel('具体地点').fill('人民路菜市场门口');
    await staff.getByLabel('群众姓名').fill('刘大爷');
    await staff.getByLabel('联系电话').fill(phoneNo);
    await staff.getByLabel('群众已同意留下姓名和电话').check();
    await shoot(staff, 'intake-form');
    await staff.getByRole('button', { name: button('登记线索') }).click();
    await staff.getByText('线索已登记，进入待受理').waitFor();
    await staff.getByText('查询码和查询密码已通过短信发给群众。').waitFor();
    await shoot(staff, 'intake-done');
    await staff.getByRole('button', { name: button('查看这条线索') }).click();
    const heading = staff.getByRole('heading', { level: 1, name: /^线索 [0-9A-Z]{10}$/ });
    await heading.waitFor();
    const code = (await heading.textContent())!.replace('线索 ', '').trim();
    await staff.getByText('热线电话').first().waitFor();

    // ---- Accept and forward, then download the 交办单. ----
    const actions = staff.getByRole('group', { name: '可执行的操作' });
    await actions.getByRole('button', { name: /采纳受理/ }).click();
    let dialog = staff.getByRole('dialog', { name: `采纳受理 · 线索 ${code}` });
    await dialog.getByRole('button', { name: /采纳受理/ }).click();
    await staff.getByText(`已采纳受理：线索 ${code}，当前状态「已采纳」`).waitFor();
    await actions.getByRole('button', { name: button('转办') }).click();
    dialog = staff.getByRole('dialog', { name: `转办 · 线索 ${code}` });
    const unitSelect = dialog.getByRole('combobox');
    await unitSelect.click();
    await unitSelect.fill('县交通运输局');
    await staff.locator('.ant-select-item-option[title="县交通运输局"]').click();
    await dialog.getByRole('button', { name: button('转办') }).click();
    await staff.getByText(`已转办：线索 ${code}，当前状态「办理中」`).waitFor();

    await staff.getByRole('button', { name: button('文书') }).click();
    const [download] = await Promise.all([
      staff.waitForEvent('download'),
      staff.getByRole('menuitem', { name: /交办单/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`交办单-${code}.docx`);
    const docx = fs.readFileSync((await download.path())!);
    const text = await docxText(docx);
    expect(text).toContain('嵩县政协民意线索交办单');
    expect(text).toContain(`编号：${code}`);
    expect(text).toContain('县交通运输局');
    expect(text).toContain(content);
    expect(text).toContain('热线电话');
    expect(text).not.toContain(phoneNo);

    // ---- Printed, the detail page is the page alone: no menu, no top bar, no buttons. ----
    await staff.emulateMedia({ media: 'print' });
    expect(await staff.locator('.ant-layout-sider').isVisible()).toBe(false);
    expect(await staff.locator('.ant-layout-header').isVisible()).toBe(false);
    expect(await staff.getByRole('button', { name: button('文书') }).isVisible()).toBe(false);
    expect(await heading.isVisible()).toBe(true);
    await staff.screenshot({ path: `${SHOTS}/detail-print.png`, fullPage: true });
    await staff.emulateMedia({ media: 'screen' });

    // ---- The clue export in Beijing time. ----
    const detail = await (await staff.request.get(`${app.baseUrl}/api/v1/clues?q=${code}`)).json() as { items: { code: string; createdAt: string }[] };
    const createdAt = detail.items.find((i) => i.code === code)!.createdAt;
    const exported = await staff.request.get(`${app.baseUrl}/api/v1/clues/export?q=${code}`);
    expect(exported.status()).toBe(200);
    const rows = await sheet(Buffer.from(await exported.body()));
    const at = rows[0]!.indexOf('提交时间');
    const row = rows.find((r) => r[0] === code)!;
    expect(row[at]).toBe(beijing(createdAt));
    expect(row[rows[0]!.indexOf('渠道')]).toBe('热线电话');
    expect(row[rows[0]!.indexOf('承办单位')]).toBe('县交通运输局');

    // ---- The audit export in Beijing time with Chinese action names. ----
    const admin = await app.newPage();
    await login(admin, 'songxian.admin');
    const audit = await sheet(Buffer.from(await (await admin.request.get(`${app.baseUrl}/api/v1/audit/export?q=${code}`)).body()));
    expect(audit[0]![0]).toBe('时间（北京时间）');
    const actionsCol = audit.slice(1).map((r) => r[3]);
    expect(actionsCol).toEqual(expect.arrayContaining(['民意线索·工作人员代录', '民意线索·转办']));
    const entries = await (await admin.request.get(`${app.baseUrl}/api/v1/audit?q=${code}`)).json() as { items: { at: string }[] };
    expect(audit[1]![0]).toBe(beijing(entries.items[0]!.at, true));

    // ---- Unit figures, and the city's comparison of its 15 counties. ----
    await staff.goto(`${app.baseUrl}/clues/units?period=all`);
    await staff.getByRole('heading', { level: 1, name: '单位办理情况' }).waitFor();
    await staff.getByRole('table', { name: '承办单位办理情况排名' }).getByText('县交通运输局').waitFor();
    await staff.locator('canvas').first().waitFor();
    await staff.waitForTimeout(800);
    await shoot(staff, 'unit-figures');

    const city = await app.newPage();
    city.on('pageerror', (e) => problems.push(`city: ${e.message}`));
    await login(city, 'luoyang.admin');
    await city.goto(`${app.baseUrl}/clues/stats?period=all`);
    await city.getByRole('heading', { level: 1, name: '各县区对比' }).waitFor();
    const ranking = city.getByRole('table', { name: '各县区排名' });
    await ranking.getByText('嵩县').waitFor();
    expect(await ranking.locator('tbody tr.ant-table-row').count()).toBe(15);
    await city.locator('canvas').nth(1).waitFor();
    await city.waitForTimeout(800);
    await shoot(city, 'city-comparison');

    // ---- The citizen's side: the H5 form asks what happened first; the board searches and filters. ----
    const counties = await (await fetch(`${app.baseUrl}/api/v1/public/counties`)).json() as { items: { id: number; name: string }[] };
    const c = counties.items.find((x) => x.name.startsWith('嵩县'))!.id;
    const phone = await app.newPage();
    phone.on('pageerror', (e) => problems.push(`phone: ${e.message}`));
    await phone.setViewportSize({ width: 360, height: 740 });
    await phone.goto(`${app.baseUrl}/h5/report?c=${c}`);
    await phone.getByRole('heading', { level: 1, name: '我要反映' }).waitFor();
    const textBox = await phone.getByLabel(/遇到了什么问题/).boundingBox();
    const categories = await phone.getByRole('group', { name: /是哪方面的事/ }).boundingBox();
    const townships = await phone.getByRole('group', { name: /发生在哪个乡镇/ }).boundingBox();
    expect(textBox!.y).toBeLessThan(categories!.y);
    expect(categories!.y).toBeLessThan(townships!.y);
    await phone.screenshot({ path: `${SHOTS}/h5-report-360.png` });

    await phone.goto(`${app.baseUrl}/h5/board?c=${c}`);
    await phone.getByRole('heading', { level: 1, name: '办理公开' }).waitFor();
    const all = await phone.getByRole('status').filter({ hasText: /共 \d+ 件/ }).textContent();
    const search = phone.getByRole('search', { name: '查找办理结果' });
    await search.getByLabel('查找').fill('路灯');
    await search.getByRole('button', { name: '搜索' }).click();
    const found = phone.getByRole('status').filter({ hasText: /找到 \d+ 件/ });
    await found.waitFor();
    const n = Number((await found.textContent())!.match(/\d+/)![0]);
    expect(n).toBeLessThan(Number(all!.match(/\d+/)![0]));
    if (n > 0) expect(await phone.locator('.xs-board-summary').first().textContent()).toContain('路灯');
    await phone.screenshot({ path: `${SHOTS}/h5-board-360.png`, fullPage: true });

    expect(problems).toEqual([]);
  });
});
