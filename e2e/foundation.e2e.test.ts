/**
 * The console's foundation end to end: a county admin logs in, adds a township and a member through
 * the forms, and finds both additions in the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { button, startApp, type Running } from './harness.ts';

let app: Running;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.stop();
});


async function openAdminPage(page: Page, label: string) {
  const link = page.getByRole('link', { name: label, exact: true });
  if (!(await link.isVisible())) await page.getByRole('menuitem', { name: '系统管理' }).click();
  await link.click();
  await page.getByRole('heading', { level: 1, name: label }).waitFor();
}

/** Pick an option of an Ant Design select as a keyboard user does (type, Enter), and check the form shows it. */
async function choose(page: Page, scope: Locator, label: string, option: string) {
  const input = scope.getByLabel(label);
  // The typed search text is the input's value, not its text: text content shows only a chosen option.
  const item = scope.locator('.ant-form-item').filter({ has: page.locator(`label[title="${label}"]`) });
  await expect.poll(async () => {
    if ((await item.textContent())?.includes(option)) return true;
    await input.click();
    await input.fill(option);
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option-active', { hasText: option }).waitFor();
    await input.press('Enter');
    return (await item.textContent())?.includes(option) ?? false;
  }, { timeout: 20_000 }).toBe(true);
}

describe('console foundation', () => {
  it('adds a township and a member through the UI and shows both in the audit log', async () => {
    const page = await app.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    const suffix = String(Date.now()).slice(-5);
    const township = `测试${suffix}镇`;
    const member = `测试委员${suffix}`;
    try {
      await page.goto(`${app.baseUrl}/admin/places`);
      // Not logged in: the console sends us to the login page and back afterwards.
      await page.waitForURL(/\/login\?next=/);
      await page.getByLabel('用户名').fill('songxian.admin');
      await page.getByLabel('密码').fill('Demo@2026');
      await page.getByRole('button', { name: button('登录') }).click();
      await page.getByRole('heading', { level: 1, name: '乡镇/村' }).waitFor();
      await page.getByText('嵩县政协', { exact: true }).waitFor();

      // A township.
      await page.getByRole('button', { name: /新增乡镇\/村/ }).click();
      let dialog = page.getByRole('dialog', { name: '新增乡镇/村' });
      await dialog.getByLabel('乡镇/街道').check();
      await dialog.getByLabel('名称').fill(township);
      await dialog.getByRole('button', { name: button('保存') }).click();
      await page.getByText(`已新增乡镇/村「${township}」`).waitFor();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('cell', { name: township, exact: true }).waitFor();

      // A member in that township's group (the new township must already be offered).
      await openAdminPage(page, '委员');
      await page.getByRole('button', { name: /新增委员/ }).click();
      dialog = page.getByRole('dialog', { name: '新增委员' });
      await dialog.getByLabel('姓名').fill(member);
      await dialog.getByLabel('女').check();
      await choose(page, dialog, '履职小组（乡镇/街道）', township);
      await choose(page, dialog, '界别', '医药卫生界');
      await dialog.getByLabel('手机号').fill('13900001234');
      await dialog.getByRole('button', { name: button('保存') }).click();
      await page.getByText(`已新增委员「${member}」`).waitFor();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('searchbox', { name: '按姓名搜索' }).fill(member);
      await page.getByRole('searchbox', { name: '按姓名搜索' }).press('Enter');
      const row = page.getByRole('row', { name: new RegExp(member) });
      await row.waitFor();
      expect(await row.textContent()).toContain(township);
      // The list shows numbers masked; the whole number is only in the edit form of those who manage members.
      expect(await row.textContent()).toContain('139****1234');

      // Both additions are in the audit log, with what was submitted.
      await openAdminPage(page, '审计日志');
      // The scheduler also writes entries; narrow the log to this test's names.
      await page.getByRole('searchbox', { name: '关键词（描述、操作、操作人）' }).fill(suffix);
      await page.getByRole('searchbox', { name: '关键词（描述、操作、操作人）' }).press('Enter');
      await page.getByRole('cell', { name: `新增乡镇/村「${township}」`, exact: true }).waitFor();
      await page.getByRole('cell', { name: `新增委员「${member}」`, exact: true }).waitFor();
      const memberEntry = page.getByRole('row', { name: new RegExp(`新增委员「${member}」`) });
      await memberEntry.getByRole('button', { name: /展开/ }).click();
      await page.getByRole('region', { name: '修改后 / 提交内容' }).or(page.locator('pre[aria-label="修改后 / 提交内容"]')).first().waitFor();
      expect(await page.locator('pre[aria-label="修改后 / 提交内容"]').first().textContent()).toContain(member);

      expect(problems).toEqual([]);
    } catch (err) {
      await page.screenshot({ path: `${process.env.TMPDIR ?? '/tmp'}/xs-e2e-foundation-failure.png`, fullPage: true }).catch(() => undefined);
      throw new Error(`${String(err)}\n--- server log ---\n${app.log()}`);
    } finally {
      await page.close();
    }
  });
});
