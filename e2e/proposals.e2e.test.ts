/**
 * 提案 end to end: 李建国 writes a joint proposal on his phone (360 px, the draft saves itself) and submits it;
 * 王秀兰 confirms co-signing on hers; staff register it (第N号) and assign it to 县交通运输局 with 县住建局 as co-unit;
 * the co-unit sends its views, the lead contacts the proposer and replies with class B and the letter; 王秀兰 is
 * 不满意, so it goes back for rehandling; after the second reply both are 满意 and it is closed.
 * Pages are captured into /tmp/proposal-shots/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { button, startApp, type Running } from './harness.ts';

const SHOTS = '/tmp/proposal-shots';
const TITLE = `关于在城关镇增设公共停车场的建议${Date.now() % 10000}`;
let app: Running;
let letter: string;

beforeAll(async () => {
  app = await startApp();
  fs.mkdirSync(SHOTS, { recursive: true });
  letter = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'xs-letter-')), '答复函.pdf');
  fs.writeFileSync(letter, '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
}, 180_000);

afterAll(async () => {
  await app?.stop();
  if (letter) fs.rmSync(path.dirname(letter), { recursive: true, force: true });
});

async function shoot(page: Page, name: string) {
  await page.mouse.move(0, 0);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

async function signIn(page: Page, username: string, to: string, phone = false) {
  await page.setViewportSize(phone ? { width: 360, height: 740 } : { width: 1440, height: 900 });
  await page.goto(`${app.baseUrl}${to}`);
  await page.waitForURL(/\/login/);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('Demo@2026');
  await page.getByRole('button', { name: button('登录') }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

async function onPage(body: (page: Page) => Promise<void>) {
  const page = await app.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  try {
    await body(page);
    expect(problems).toEqual([]);
  } catch (err) {
    throw new Error(`${String(err)}\n--- server log ---\n${app.log()}`);
  } finally {
    await page.context().close();
  }
}

/**
 * Type into a select of the dialog and click the named option in that select's own dropdown, then wait until the
 * dialog shows it chosen. Not Enter on whatever is highlighted: under load the options may still be loading or
 * filtering, and another select's dropdown may still be closing with the same names in it (the dropdown is found
 * by the listbox the input controls, `<id>_list`). The click waits for the option itself to be there.
 */
async function pickOption(page: Page, dialog: Locator, label: string, typed: string, name: string) {
  const input = dialog.getByLabel(label);
  await input.fill(typed);
  const id = await input.getAttribute('id');
  const dropdown = page.locator('.ant-select-dropdown', { has: page.locator(`[id="${id}_list"]`) });
  await dropdown.locator('.ant-select-item-option', { hasText: name }).click();
  // The chosen value as shown (the select also announces it in a hidden live region).
  await dialog.getByText(name, { exact: true }).filter({ visible: true }).first().waitFor();
}

interface Detail { id: number; state: string; code: string; number: number | null; assignments: { id: number; role: string; state: string }[] }
const detail = async (page: Page, id: number) => (await (await page.request.get(`${app.baseUrl}/api/v1/proposals/${id}`)).json()) as Detail;

async function evaluate(page: Page, username: string, id: number, handling: number, result: number, name: string) {
  await signIn(page, username, `/m/proposals/${id}`, true);
  await page.getByText('请评价办理情况').waitFor();
  await page.locator('.adm-radio').nth(handling).click();
  await page.locator('.adm-radio').nth(3 + result).click();
  if (result === 2) await page.locator('#proposal-comment').fill('停车场选址离居民区太远');
  await shoot(page, name);
  await page.getByRole('button', { name: '提交评价' }).click();
  await page.getByText('评价已提交').waitFor();
  await page.getByText('请评价办理情况').waitFor({ state: 'detached' });
}

describe('a joint proposal from a phone draft to 满意', () => {
  let id = 0;
  let lead = 0;
  let co = 0;

  it('the member writes the draft on a phone, it saves itself, and he submits it jointly', async () => {
    await onPage(async (page) => {
      await signIn(page, 'songxian.member', '/m/proposals/new', true);
      await page.locator('#proposal-title').fill(TITLE);
      await page.locator('.adm-selector-item', { hasText: '社会建设' }).click();
      await page.locator('#proposal-reason').fill('城关镇老街区停车位严重不足，车辆占道停放，影响通行和消防安全。');
      await page.locator('#proposal-suggestion').fill('一是利用闲置地块建设公共停车场；二是推行机关单位停车位错时开放。');
      await page.locator('.adm-selector-item', { hasText: '王秀兰' }).click();
      await page.getByText(/已自动保存/).waitFor();
      id = Number(/\/m\/proposals\/(\d+)/.exec(page.url())?.[1]);
      expect(id).toBeGreaterThan(0);
      await shoot(page, '1-member-draft-360');
      // Reopening the draft shows what was saved.
      await page.reload();
      await expect.poll(() => page.locator('#proposal-title').inputValue()).toBe(TITLE);
      await page.getByRole('button', { name: '提交' }).click();
      await page.getByText('联名确认中').waitFor();
      await shoot(page, '2-member-submitted-360');
    });
  });

  it('the co-signer confirms on her phone', async () => {
    await onPage(async (page) => {
      await signIn(page, 'songxian.member2', '/m/proposals', true);
      await page.getByText(TITLE).click();
      await page.getByText('邀请您联名').waitFor();
      await shoot(page, '3-cosign-360');
      await page.getByRole('button', { name: '确认联名' }).click();
      await page.getByText('待审查').waitFor();
    });
  });

  it('staff register it with the next number and assign a lead and a co-unit', async () => {
    await onPage(async (page) => {
      await signIn(page, 'songxian.staff', `/proposals/${id}`);
      await page.getByRole('heading', { level: 1, name: new RegExp(TITLE) }).waitFor();
      await page.getByText('相似的往期提案').waitFor();
      await shoot(page, '4-staff-review');
      const actions = page.getByRole('group', { name: '可执行的操作' });
      await actions.getByRole('button', { name: button('立案') }).click();
      await page.getByText(/已立案/).first().waitFor();
      const registered = await detail(page, id);
      expect(registered.code).toBe(`十一届五次会议第${registered.number}号`);
      await actions.getByRole('button', { name: button('交办') }).click();
      const dialog = page.getByRole('dialog', { name: '交办' });
      await pickOption(page, dialog, '主办单位', '交通运输', '县交通运输局');
      await pickOption(page, dialog, '会办单位', '住建', '县住建局');
      await dialog.getByText('交办方式').click();
      await dialog.getByRole('button', { name: button('确定') }).click();
      await page.getByText('县住建局（会办）').waitFor();
      await shoot(page, '5-staff-assigned');
      const d = await detail(page, id);
      expect(d.state).toBe('assigned');
      lead = d.assignments.find((a) => a.role === 'lead')!.id;
      co = d.assignments.find((a) => a.role === 'co')!.id;
    });
  });

  it('the co-unit sends its views to the lead', async () => {
    await onPage(async (page) => {
      await signIn(page, 'songxian.unit2', `/unit/proposals/${co}`);
      await page.getByRole('button', { name: '提出会办意见' }).click();
      await page.getByRole('dialog').getByLabel('会办意见').fill('同意在老街区改造中预留停车用地，配合规划选址。');
      await page.getByRole('dialog').getByRole('button', { name: button('提交') }).click();
      await page.getByText(/当前状态「已提会办意见」/).waitFor();
    });
  });

  it('the lead contacts the proposer and replies with class B and the letter', async () => {
    await onPage(async (page) => {
      await signIn(page, 'songxian.unit', `/unit/proposals/${lead}`);
      await page.getByRole('button', { name: '联系提案人' }).click();
      await page.getByRole('dialog').getByLabel('联系情况').fill('已电话联系李建国委员，当面听取意见。');
      await page.getByRole('dialog').getByRole('button', { name: button('提交') }).click();
      await page.getByText('答复提案人', { exact: true }).first().waitFor();
      await page.getByText(/同意在老街区改造中预留停车用地/).waitFor();
      await page.getByLabel('B 正在解决').check();
      await page.getByLabel('答复要点').fill('已将城关镇公共停车场列入今年城建计划，正在选址。');
      await page.locator('input[type=file]').setInputFiles(letter);
      await page.getByText(/已上传：答复函\.pdf/).waitFor();
      await shoot(page, '6-unit-reply');
      await page.getByRole('button', { name: button('答复提案人') }).click();
      await page.getByText('已答复提案人').waitFor();
    });
  });

  it('王秀兰 is 不满意, so it goes back for rehandling', async () => {
    await onPage((page) => evaluate(page, 'songxian.member', id, 0, 0, '7-evaluate-satisfied-360'));
    await onPage((page) => evaluate(page, 'songxian.member2', id, 1, 2, '8-evaluate-unsatisfied-360'));
    await onPage(async (page) => {
      await signIn(page, 'songxian.staff', `/proposals/${id}`);
      await page.getByText('重新办理').first().waitFor();
      expect((await detail(page, id)).state).toBe('rehandling');
    });
  });

  it('after the second reply both are 满意 and it is closed', async () => {
    await onPage(async (page) => {
      await signIn(page, 'songxian.unit', `/unit/proposals/${lead}`);
      await page.getByLabel('B 正在解决').check();
      await page.getByLabel('答复要点').fill('停车场已改选在老街区北侧，已开工建设。');
      await page.locator('input[type=file]').setInputFiles(letter);
      await page.getByText(/已上传：答复函\.pdf/).waitFor();
      await page.getByRole('button', { name: button('答复提案人') }).click();
      await page.getByText('已答复提案人').waitFor();
    });
    await onPage((page) => evaluate(page, 'songxian.member', id, 0, 0, '9-evaluate-again-360'));
    await onPage((page) => evaluate(page, 'songxian.member2', id, 0, 0, '10-evaluate-cosigner-360'));
    await onPage(async (page) => {
      await signIn(page, 'songxian.staff', `/proposals/${id}`);
      await page.getByText('已办结').first().waitFor();
      expect((await detail(page, id)).state).toBe('closed');
      await shoot(page, '11-staff-closed');
      await page.goto(`${app.baseUrl}/proposal-figures`);
      await page.getByText('按会议').waitFor();
      await page.waitForTimeout(800);
      await shoot(page, '12-figures');
      // The 不满意 figure drills down to its list, where 王秀兰's first-round verdict stands with what became of it.
      await page.getByRole('link', { name: '查看不满意评价清单' }).click();
      await page.waitForURL(/\/proposal-unsatisfied/);
      const row = page.getByRole('row').filter({ hasText: TITLE });
      await row.getByText('停车场选址离居民区太远').waitFor();
      await row.getByText('已重新办理').waitFor();
      await shoot(page, '12a-unsatisfied');
      await page.goto(`${app.baseUrl}/proposal-overdue`);
      await page.getByText(/共 \d+ 项|没有超期事项/).first().waitFor();
      await shoot(page, '12b-overdue');
      await page.goto(`${app.baseUrl}/proposals`);
      await page.getByText(/共 \d+ 件/).waitFor();
      await shoot(page, '13-list');
    });
  });
});
