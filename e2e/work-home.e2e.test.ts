/**
 * My work first (issue 9) and the console kit (issue 8): staff and a unit land on their own queues, whose counts
 * open 我的待办 filtered to that queue; a list's filters live in the URL and survive a reload; the task detail
 * runs on the generic case detail. Screens go to /tmp/home-shots/ (the homes at 1440 px, the unit's also at 390 px).
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { button, startApp, type Running } from './harness.ts';

const SHOTS = '/tmp/home-shots';
let app: Running;

beforeAll(async () => {
  app = await startApp();
  fs.mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await app?.stop();
});

async function shoot(page: Page, name: string) {
  await page.mouse.move(0, 0);
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
  await page.screenshot({ path: `${SHOTS}/${name}-full.png`, fullPage: true });
}

async function signIn(page: Page, username: string) {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${app.baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('Demo@2026');
  await page.getByRole('button', { name: button('登录') }).click();
  await page.getByRole('heading', { level: 1, name: '工作台' }).waitFor();
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

/** The number on one queue card of the home page. */
async function queueCount(page: Page, label: string): Promise<number> {
  const link = page.getByRole('link', { name: new RegExp(`^${label} \\d+ 项，查看$`) });
  await link.waitFor();
  return Number(/ (\d+) 项/.exec((await link.getAttribute('aria-label')) ?? '')?.[1]);
}

describe('my work first', () => {
  it('staff land on their queues; a count opens 我的待办 filtered to it', async () => {
    await onPage(async (page) => {
      await signIn(page, 'songxian.staff');
      const queues = page.getByRole('list', { name: '我的工作队列' });
      for (const label of ['待受理', '今天到期', '超期', '延期申请待审', '待公开']) await queues.getByText(label, { exact: true }).waitFor();
      const toAccept = await queueCount(page, '待受理');
      const overdue = await queueCount(page, '超期');
      // The demo county has clues waiting in every state.
      expect(toAccept).toBeGreaterThan(0);
      expect(overdue).toBeGreaterThan(0);
      await page.getByText('最紧急的待办').waitFor();
      // Organisation counts are no longer the staff's home.
      expect(await page.getByText('乡镇/街道', { exact: true }).count()).toBe(0);
      await shoot(page, 'staff-home');

      await page.getByRole('link', { name: new RegExp(`^超期 ${overdue} 项，查看$`) }).click();
      await page.getByRole('heading', { level: 1, name: '我的待办' }).waitFor();
      expect(new URL(page.url()).searchParams.get('tag')).toBe('overdue');
      await page.getByText(`共 ${overdue} 项`).waitFor();
      const rows = page.locator('.ant-table-row');
      await rows.first().waitFor();
      expect(await rows.first().textContent()).toContain('超期');
      await shoot(page, 'staff-work-overdue');
    });
  });

  it('a unit lands on 新交办 / 即将到期 / 被退回 and its 我的待办 lists clues and tasks with links into its portal', async () => {
    await onPage(async (page) => {
      await signIn(page, 'songxian.unit');
      const queues = page.getByRole('list', { name: '我的工作队列' });
      for (const label of ['新交办', '即将到期', '超期', '被退回']) await queues.getByText(label, { exact: true }).waitFor();
      await page.getByText('最紧急的待办').waitFor();
      await shoot(page, 'unit-home');
      await page.setViewportSize({ width: 390, height: 844 });
      await page.waitForTimeout(800);
      await shoot(page, 'unit-home-390');
      await page.setViewportSize({ width: 1440, height: 900 });

      // The unit's menu has no reference-data pages and no modules it will never use.
      const menu = page.getByRole('menu').first();
      await menu.getByText('我的待办').waitFor();
      expect(await menu.getByText('系统管理').count()).toBe(0);
      expect(await menu.getByText('协商议事').count()).toBe(0);

      await page.goto(`${app.baseUrl}/work`);
      await page.getByRole('heading', { level: 1, name: '我的待办' }).waitFor();
      const links = page.getByRole('link', { name: /^办理(民意线索|落实事项) / });
      await links.first().waitFor();
      const hrefs = await links.evaluateAll((els) => els.map((e) => e.getAttribute('href') ?? ''));
      expect(hrefs.length).toBeGreaterThan(0);
      expect(hrefs.every((h) => h.startsWith('/unit/clues/') || h.startsWith('/unit/tasks/'))).toBe(true);
      await shoot(page, 'unit-work');
      await page.setViewportSize({ width: 390, height: 844 });
      await page.waitForTimeout(800);
      await shoot(page, 'unit-work-390');
    });
  });

  it('a leader sees the figures and the key proposals; a member what waits on them and the invitations', async () => {
    await onPage(async (page) => {
      await signIn(page, 'songxian.leader');
      await page.getByText('收到线索').waitFor();
      await page.getByRole('heading', { level: 2, name: '我督办的线索' }).waitFor();
      await page.getByRole('heading', { level: 2, name: '重点提案办理' }).waitFor();
      await shoot(page, 'leader-home');
    });
    await onPage(async (page) => {
      await signIn(page, 'songxian.member');
      await page.getByRole('heading', { level: 2, name: '等我办理' }).waitFor();
      await page.getByRole('heading', { level: 2, name: '我的协商活动邀请' }).waitFor();
      const menu = page.getByRole('menu').first();
      expect(await menu.getByText('系统管理').count()).toBe(0);
      await shoot(page, 'member-home');
    });
  });
});

describe('lists in the URL and the case detail', () => {
  it('keeps the 落实事项 filters through a reload and the back button, and opens a task on the case detail', async () => {
    await onPage(async (page) => {
      await signIn(page, 'songxian.staff');
      await page.goto(`${app.baseUrl}/tasks`);
      await page.getByRole('heading', { level: 1, name: '落实事项' }).waitFor();
      await page.getByRole('search', { name: '筛选落实事项' }).getByText('全部', { exact: true }).click();
      await expect.poll(() => new URL(page.url()).searchParams.get('state')).toBe('all');
      await page.getByRole('checkbox', { name: '只看超期' }).click();
      await expect.poll(() => new URL(page.url()).searchParams.get('overdue')).toBe('1');
      const search = page.getByRole('searchbox', { name: '搜索事项或编号' });
      await search.fill('村');
      await search.press('Enter');
      await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('村');
      const url = new URL(page.url());
      expect(url.searchParams.get('state')).toBe('all');
      expect(url.searchParams.get('overdue')).toBe('1');

      await page.reload();
      await page.getByRole('heading', { level: 1, name: '落实事项' }).waitFor();
      expect(await page.getByRole('checkbox', { name: '只看超期' }).isChecked()).toBe(true);
      expect(await page.getByRole('radio', { name: '全部' }).isChecked()).toBe(true);
      expect(await page.getByRole('searchbox', { name: '搜索事项或编号' }).inputValue()).toBe('村');
      await shoot(page, 'task-list-filtered');

      // Back undoes the last filter.
      await page.goBack();
      await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(null);
      expect(new URL(page.url()).searchParams.get('overdue')).toBe('1');

      await page.goto(`${app.baseUrl}/tasks`);
      const first = page.getByRole('link', { name: /^查看落实事项 / }).first();
      await first.waitFor();
      await first.click();
      await page.waitForURL(/\/tasks\/\d+$/);
      await page.getByText('流转记录').waitFor();
      await page.getByRole('group', { name: '可执行的操作' }).or(page.getByText(/没有可执行的操作/)).first().waitFor();
      await page.getByLabel('状态').first().waitFor();
      await shoot(page, 'task-detail');

      // An action the definition gives fields: the modal asks for each by name (延期 needs days and a reason).
      await page.goto(`${app.baseUrl}/tasks`);
      // A demo task with room before its cap (the 滨河路 task is already at its latest date and would be refused).
      const doing = page.locator('.ant-table-row', { hasText: '农村公路“四好”示范路建设' }).first();
      await doing.waitFor();
      await doing.getByRole('link', { name: /^查看落实事项 / }).click();
      await page.waitForURL(/\/tasks\/\d+$/);
      await page.getByRole('group', { name: '可执行的操作' }).getByRole('button', { name: button('延期') }).click();
      const dialog = page.getByRole('dialog', { name: '延期' });
      await dialog.getByLabel('延长（个工作日）').waitFor();
      await dialog.getByLabel('说明').waitFor();
      await dialog.getByRole('button', { name: button('延期') }).click();
      await dialog.getByText('请填写延长（个工作日）').waitFor();
      await shoot(page, 'task-transition-modal');
      // What is typed reaches the request: the task's deadline moves and the timeline says why.
      await dialog.getByLabel('延长（个工作日）').fill('5');
      await dialog.getByLabel('说明').fill('雨季施工受阻，申请顺延');
      await dialog.getByRole('button', { name: button('延期') }).click();
      await page.getByText(/^已延期：/).waitFor();
      await page.getByText('雨季施工受阻，申请顺延').waitFor();
    });
  });

  it('keeps the audit log filters in the URL for an admin', async () => {
    await onPage(async (page) => {
      await signIn(page, 'songxian.admin');
      await page.goto(`${app.baseUrl}/admin/audit?result=success&q=${encodeURIComponent('登录')}`);
      await page.getByRole('heading', { level: 1, name: '审计日志' }).waitFor();
      expect(await page.getByRole('searchbox', { name: /关键词/ }).inputValue()).toBe('登录');
      await page.getByText('成功', { exact: true }).first().waitFor();
      await shoot(page, 'audit');
      await page.getByRole('button', { name: /清除筛选/ }).click();
      await expect.poll(() => new URL(page.url()).search).toBe('');
      await expect.poll(() => page.getByRole('searchbox', { name: /关键词/ }).inputValue()).toBe('');
      expect(await page.getByRole('button', { name: /清除筛选/ }).count()).toBe(0);
    });
  });
});
