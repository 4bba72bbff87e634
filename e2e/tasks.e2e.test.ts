/**
 * 落实事项 end to end: staff assign a task with a measure target to 县交通运输局; the unit's handler signs it in
 * 我的任务, sees why 报请核验 is closed, reports progress with a value and an evidence file, and submits; staff
 * verify it. An admin opens 定时任务. Each page is captured into /tmp/task-shots/ (1440 px, and 我的任务 at 390 px).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { button, startApp, type Running } from './harness.ts';

const SHOTS = '/tmp/task-shots';
const TITLE = `测试路段安全隐患整改 ${Date.now() % 100000}`;
/** A valid 1×1 PNG, so the upload passes a content check. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
let app: Running;
let evidence: string;

beforeAll(async () => {
  app = await startApp();
  fs.mkdirSync(SHOTS, { recursive: true });
  evidence = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'xs-task-file-')), '整改照片.png');
  fs.writeFileSync(evidence, PNG);
});

afterAll(async () => {
  await app?.stop();
  if (evidence) fs.rmSync(path.dirname(evidence), { recursive: true, force: true });
});

async function shoot(page: Page, name: string) {
  await page.mouse.move(0, 0);
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
  await page.screenshot({ path: `${SHOTS}/${name}-full.png`, fullPage: true });
}

async function signIn(page: Page, username: string, to: string, heading: string | RegExp) {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${app.baseUrl}${to}`);
  await page.waitForURL(/\/login/);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('Demo@2026');
  await page.getByRole('button', { name: button('登录') }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

/** Run `body` on a fresh page, failing on any uncaught page error and attaching the server log. */
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

const actions = (page: Page) => page.getByRole('group', { name: '可执行的操作' });

describe('落实事项 and 定时任务 in the browser', () => {
  let taskPath = '';

  it('staff assign a task with a measure target and see it in the list', async () => {
    await onPage(async (page) => {
      await signIn(page, 'songxian.staff', '/tasks', '落实事项');
      await page.getByRole('button', { name: /交办落实事项/ }).click();
      const dialog = page.getByRole('dialog', { name: '交办落实事项' });
      await dialog.getByLabel('事项', { exact: true }).fill(TITLE);
      await dialog.getByLabel('内容和要求').fill('排查并整改县道沿线护栏缺失路段。');
      await dialog.getByLabel('牵头单位', { exact: true }).click();
      await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '县交通运输局' }).first().click();
      await dialog.getByLabel('成效指标').fill('整改路段');
      await dialog.getByLabel('目标值').fill('10');
      await dialog.getByLabel('单位', { exact: true }).fill('处');
      await dialog.getByRole('button', { name: button('交办') }).click();
      await page.getByText(/^已交办：/).waitFor();

      const row = page.locator('.ant-table-row', { hasText: TITLE });
      await row.waitFor();
      await expect.poll(() => row.textContent()).toContain('县交通运输局');
      await expect.poll(() => row.textContent()).toContain('整改路段：0 / 10处');
      await expect.poll(() => row.textContent()).toContain('已交办');
      await shoot(page, 'staff-task-list');

      await row.getByRole('link', { name: /^查看落实事项 / }).click();
      await page.waitForURL(/\/tasks\/\d+$/);
      taskPath = new URL(page.url()).pathname;
      await page.getByRole('heading', { level: 1, name: new RegExp(TITLE) }).waitFor();
      await page.getByText('还没有报送进展').waitFor();
      await shoot(page, 'staff-task-detail');
    });
  });

  it('the unit signs it, sees why it cannot submit yet, reports progress with evidence and submits', async () => {
    expect(taskPath).toMatch(/^\/tasks\/\d+$/);
    const id = taskPath.split('/').pop()!;
    await onPage(async (page) => {
      await signIn(page, 'songxian.unit', '/unit/tasks', '我的任务');
      const row = page.locator('.ant-table-row', { hasText: TITLE });
      await row.waitFor();
      await expect.poll(() => row.textContent()).toContain('牵头');
      await shoot(page, 'unit-tasks');

      await page.setViewportSize({ width: 390, height: 844 });
      await row.waitFor();
      // The side menu folds away at this width; let it finish sliding before the picture.
      await page.waitForTimeout(800);
      await shoot(page, 'unit-tasks-390');
      await page.setViewportSize({ width: 1440, height: 900 });

      await row.getByRole('link', { name: /^查看落实事项 / }).click();
      await page.waitForURL(new RegExp(`/unit/tasks/${id}$`));
      await actions(page).getByRole('button', { name: button('签收') }).click();
      await page.getByText(/^已签收：.*当前状态「办理中」/).waitFor();

      // The gate: no progress yet, so 报请核验 is closed and says why, both on hover and in the text below.
      const submit = actions(page).getByRole('button', { name: button('报请核验') });
      await expect.poll(() => submit.isDisabled()).toBe(true);
      await page.getByText('「报请核验」暂不可用：请先报送至少一次办理进展').waitFor();
      await shoot(page, 'unit-task-detail-signed');
      await submit.hover({ force: true });
      await page.locator('.ant-tooltip:not(.ant-tooltip-hidden)', { hasText: '请先报送至少一次办理进展' }).waitFor();
      await shoot(page, 'unit-task-detail-gate');

      await page.getByLabel('进展说明').fill('已完成全部 10 处护栏补装，附现场照片。');
      await page.getByLabel(/整改路段当前完成值/).fill('10');
      await page.locator('.ant-upload input[type=file]').setInputFiles(evidence);
      await page.locator('.ant-upload-list-item-done', { hasText: '整改照片.png' }).waitFor();
      await page.getByRole('button', { name: button('报送') }).click();
      await page.getByText('进展已报送').waitFor();
      await page.getByText('完成值：10处').waitFor();
      await page.getByText('整改照片.png').first().waitFor();
      // No download route for units: the file is named, not linked to the staff-only route.
      expect(await page.getByRole('link', { name: '整改照片.png' }).count()).toBe(0);

      await expect.poll(() => submit.isEnabled()).toBe(true);
      await expect.poll(() => page.getByText('「报请核验」暂不可用').count()).toBe(0);
      await shoot(page, 'unit-task-detail');
      await submit.click();
      const dialog = page.getByRole('dialog', { name: '报请核验' });
      await dialog.getByLabel('说明').fill('整改完毕，请核验。');
      await dialog.getByRole('button', { name: button('报请核验') }).click();
      await page.getByText(/^已报请核验：.*当前状态「待核验」/).waitFor();
    });
  });

  it('staff verify the submitted task', async () => {
    expect(taskPath).toMatch(/^\/tasks\/\d+$/);
    await onPage(async (page) => {
      await signIn(page, 'songxian.staff', taskPath, new RegExp(TITLE));
      await page.getByText('整改路段：10 / 10处').waitFor();
      await page.getByRole('link', { name: '整改照片.png' }).waitFor();
      await actions(page).getByRole('button', { name: button('核验通过') }).click();
      await page.getByText(/^已核验通过：.*当前状态「已核验」/).waitFor();
      await page.getByText('「已核验」的落实事项没有可执行的操作。').waitFor();
      await shoot(page, 'staff-task-verified');

      await page.goto(`${app.baseUrl}/tasks`);
      await page.getByRole('search').getByText('已核验', { exact: true }).click();
      await expect.poll(() => page.locator('.ant-table-row', { hasText: TITLE }).textContent()).toContain('已核验');
    });
  });

  it('an admin sees the periodic jobs in 定时任务', async () => {
    await onPage(async (page) => {
      await signIn(page, 'songxian.admin', '/admin/jobs', '定时任务');
      await expect.poll(() => page.locator('.ant-table-row').count()).toBeGreaterThan(0);
      const text = await page.locator('.ant-table-tbody').textContent();
      expect(text).toMatch(/每 \d+ (小时|分钟|秒)/);
      await shoot(page, 'jobs');
      await page.setViewportSize({ width: 390, height: 844 });
      await page.waitForTimeout(800);
      await shoot(page, 'jobs-390');
    });
  });
});
