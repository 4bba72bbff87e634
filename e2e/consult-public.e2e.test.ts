/**
 * 协商活动 and 协商成果 on a 360 px phone, in a real chromium: from the county's home page a citizen opens the
 * upcoming open meetings, sees every missing field named in Chinese, signs up as 群众代表, cannot sign up twice
 * with the same phone; staff confirm the sign-up in the console and the citizen joins the participants. From the
 * board the citizen opens the published outcomes and one outcome's tasks against their targets. The same pages in
 * 长辈模式 (text ≥ 24 px, targets ≥ 60 px), no horizontal scrolling, and axe finds no serious or critical
 * violation. Staff drill from a dashboard figure to its list. Screenshots go to /tmp/consult-public-shots/.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { button, startApp, type Running } from './harness.ts';

const SHOTS = '/tmp/consult-public-shots';
const VIEWPORT = { width: 360, height: 740 };
const MEETING = '城区学前教育资源布局协商会';
const OUTCOME = '城区滨河路、平安街、幸福路拥堵改造';
const PHONE = '13903791234';
let app: Running;
let countyId: number;

beforeAll(async () => {
  app = await startApp();
  fs.mkdirSync(SHOTS, { recursive: true });
  const { items } = (await (await fetch(`${app.baseUrl}/api/v1/public/counties`)).json()) as { items: { id: number; name: string }[] };
  countyId = items.find((c) => c.name === '嵩县政协')!.id;
});
afterAll(async () => app?.stop());

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

async function onPhone(body: (page: Page) => Promise<void>, viewport = VIEWPORT) {
  const page = await app.newPage();
  await page.setViewportSize(viewport);
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

async function noSideways(page: Page, where: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `horizontal scrolling on ${where}`).toBeLessThanOrEqual(0);
}

async function expectAccessible(page: Page, where: string) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`).join('\n'), `axe on ${where}`).toBe('');
}

/** In 长辈模式 every link and button is at least 60 × 60 px and the text at least 24 px. */
async function expectElderSizes(page: Page, where: string) {
  const problems = await page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('main a, main button, header a, label.xs-chip, label.xs-toggle, label.xs-check, main .xs-control')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.height < 60 || r.width < 60) out.push(`${el.tagName}.${el.className} “${el.textContent?.trim().slice(0, 12)}” ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    for (const el of document.querySelectorAll<HTMLElement>('main p, main label, main legend, main li, main dd, main dt, main span, main textarea, main input, main strong')) {
      // Hidden text, and icons beside their words (aria-hidden), are not text to read.
      if (!el.getClientRects().length || el.closest('.xs-visually-hidden, [aria-hidden="true"]')) continue;
      if (el instanceof HTMLInputElement && ['radio', 'checkbox'].includes(el.type)) continue;
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim());
      if (!own && !['TEXTAREA', 'INPUT'].includes(el.tagName)) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < 23.9) out.push(`text ${size}px: “${(el.textContent ?? '').trim().slice(0, 12)}”`);
    }
    return out;
  });
  expect(problems.slice(0, 15).join('\n'), `长辈模式 sizes on ${where}`).toBe('');
}

describe('协商活动 and 协商成果 on a phone', () => {
  it('a citizen finds an open meeting from the home page and signs up as 群众代表, once per phone', async () => {
    await onPhone(async (page) => {
      await page.goto(`${app.baseUrl}/h5?c=${countyId}`);
      await page.getByRole('link', { name: /协商活动/ }).click();
      await page.getByRole('heading', { level: 1, name: '协商活动' }).waitFor();
      await page.getByRole('heading', { level: 2, name: MEETING }).waitFor();
      await expect(page.getByText('正在报名 · 还有 9 个名额').first().isVisible()).resolves.toBe(true);
      await noSideways(page, 'meetings');
      await expectAccessible(page, 'meetings');
      await shoot(page, '1-meetings-360');

      await page.getByRole('link', { name: MEETING }).click();
      await page.getByRole('heading', { level: 1, name: MEETING }).waitFor();
      await page.getByText('城北片区幼儿园学位紧张').waitFor();
      // Nothing filled in: each field says what is wrong, in Chinese, and nothing is sent.
      await page.getByRole('button', { name: '提交报名' }).click();
      await page.getByText('请填写您的姓名').waitFor();
      await page.getByText(/请填写手机号/).waitFor();
      await page.getByText('请先阅读并勾选同意上面的说明').waitFor();
      await shoot(page, '2-signup-errors-360');
      await page.getByLabel('您的姓名').fill('王秀英');
      await page.getByLabel('手机号').fill('1390379');
      await page.getByRole('button', { name: '提交报名' }).click();
      await page.getByText('请输入 11 位手机号').waitFor();
      await page.getByLabel('手机号').fill(PHONE);
      await page.getByLabel('想说的话').fill('家住城北，孩子明年上幼儿园，想问问新幼儿园什么时候建好。');
      await page.getByLabel('我已阅读并同意上面的说明').check();
      await noSideways(page, 'meeting detail');
      await expectAccessible(page, 'meeting detail with the form');
      await page.getByRole('button', { name: '提交报名' }).click();
      await page.locator('.xs-notice.is-success .xs-notice-title', { hasText: '报名已提交' }).waitFor();
      await page.getByText(/工作人员确认后会发短信/).waitFor();
      await shoot(page, '3-signed-up-360');
      // A reload still says it went through (kept in this tab's history entry, not the URL).
      await page.reload();
      await page.locator('.xs-notice.is-success .xs-notice-title', { hasText: '报名已提交' }).waitFor();
    });
    // The same phone again, from a fresh phone page: refused, the field says why.
    await onPhone(async (page) => {
      await page.goto(`${app.baseUrl}/h5/meetings?c=${countyId}`);
      await page.getByRole('link', { name: MEETING }).click();
      await page.getByLabel('您的姓名').fill('王秀英');
      await page.getByLabel('手机号').fill(PHONE);
      await page.getByLabel('我已阅读并同意上面的说明').check();
      await page.getByRole('button', { name: '提交报名' }).click();
      await page.getByText('这个手机号已经报名过这次活动', { exact: true }).waitFor();
      await shoot(page, '4-signup-duplicate-360');
    });
  });

  it('staff see the sign-up in the meeting and confirm it: the citizen becomes a 群众代表 participant', async () => {
    await onPhone(async (page) => {
      await page.goto(`${app.baseUrl}/consultations/meetings`);
      await page.waitForURL(/\/login/);
      await page.getByLabel('用户名').fill('songxian.staff');
      await page.getByLabel('密码').fill('Demo@2026');
      await page.getByRole('button', { name: button('登录') }).click();
      await page.getByRole('heading', { level: 1, name: '协商活动' }).waitFor();
      const today = new Date().toISOString().slice(0, 10);
      const { items } = await page.evaluate(async (from) => (await fetch(`/api/v1/consultations/meetings?from=${from}`)).json(), today) as { items: { id: number; title: string }[] };
      const meetingId = items.find((m) => m.title === MEETING)!.id;
      await page.goto(`${app.baseUrl}/consultations/meetings/${meetingId}`);
      const card = page.locator('.ant-card').filter({ hasText: '群众代表报名' });
      await card.getByRole('cell', { name: '王秀英', exact: true }).waitFor();
      await card.getByRole('cell', { name: PHONE, exact: true }).waitFor();
      await shoot(page, '5-console-signups');
      await card.getByRole('button', { name: '确认王秀英参加' }).click();
      await page.getByText('已确认参加，已短信通知本人').waitFor();
      await card.getByText('已确认参加').first().waitFor();
      const people = page.locator('.ant-card').filter({ hasText: '参加人员' }).first();
      await people.getByRole('row').filter({ hasText: '王秀英' }).getByText('群众代表').waitFor();
      await shoot(page, '6-console-accepted');
    }, { width: 1440, height: 900 });
  });

  it('from the board a citizen opens the published outcomes and one outcome\'s progress', async () => {
    await onPhone(async (page) => {
      await page.goto(`${app.baseUrl}/h5/board?c=${countyId}`);
      await page.getByRole('heading', { level: 1, name: '办理公开' }).waitFor();
      await page.getByRole('link', { name: /协商成果：/ }).click();
      await page.getByRole('heading', { level: 1, name: '协商成果' }).waitFor();
      await page.getByRole('heading', { level: 2, name: OUTCOME }).waitFor();
      await noSideways(page, 'outcomes');
      await expectAccessible(page, 'outcomes');
      await shoot(page, '7-outcomes-360');
      await page.getByRole('link', { name: OUTCOME }).click();
      await page.getByRole('heading', { level: 1, name: OUTCOME }).waitFor();
      await page.getByText('党政决议：').waitFor();
      await expect(page.locator('.xs-progress-text').allTextContents()).resolves.toEqual(expect.arrayContaining(['落实事项已办结：1 / 2', '完成改造的道路：1 / 3']));
      await page.getByText(/✓ 施工期间设置临时停车点和绕行指引/).waitFor();
      const text = await page.locator('main').textContent() ?? '';
      // No person's phone, and nothing staff kept internal (the 批示, the outcome report).
      expect(text).not.toMatch(/1[3-9]\d{9}|请县住建局抓紧实施/);
      await noSideways(page, 'outcome');
      await expectAccessible(page, 'outcome detail');
      await shoot(page, '8-outcome-360');
    });
  });

  it('the same pages in 长辈模式: large type, large targets, still no sideways scrolling', async () => {
    await onPhone(async (page) => {
      await page.goto(`${app.baseUrl}/h5?c=${countyId}`);
      await page.getByRole('switch', { name: /长辈模式/ }).check();
      await shoot(page, '9-home-elder');
      await page.getByRole('link', { name: /协商活动/ }).click();
      await page.getByRole('heading', { level: 2, name: MEETING }).waitFor();
      await expectElderSizes(page, 'meetings, 长辈模式');
      await noSideways(page, 'meetings, 长辈模式');
      await shoot(page, '10-meetings-elder');
      await page.getByRole('link', { name: MEETING }).click();
      await page.getByRole('button', { name: '提交报名' }).waitFor();
      await page.getByRole('button', { name: '提交报名' }).click();
      await page.getByText('请填写您的姓名').waitFor();
      await expectElderSizes(page, 'meeting and form, 长辈模式');
      await noSideways(page, 'meeting, 长辈模式');
      await expectAccessible(page, 'meeting, 长辈模式');
      await shoot(page, '11-meeting-elder');
      await page.goto(`${app.baseUrl}/h5/outcomes?c=${countyId}`);
      await page.getByRole('link', { name: OUTCOME }).click();
      await page.getByRole('heading', { level: 1, name: OUTCOME }).waitFor();
      await expectElderSizes(page, 'outcome, 长辈模式');
      await noSideways(page, 'outcome, 长辈模式');
      await expectAccessible(page, 'outcome, 长辈模式');
      await shoot(page, '12-outcome-elder');
    });
  });

  it('staff drill from a dashboard figure to its list, which exports to Excel', async () => {
    await onPhone(async (page) => {
      await page.goto(`${app.baseUrl}/consultations/dashboard`);
      await page.waitForURL(/\/login/);
      await page.getByLabel('用户名').fill('songxian.staff');
      await page.getByLabel('密码').fill('Demo@2026');
      await page.getByRole('button', { name: button('登录') }).click();
      await page.getByRole('heading', { level: 1, name: '协商统计' }).waitFor();
      await page.locator('canvas').first().waitFor();
      await shoot(page, '13-dashboard');
      const figure = page.getByRole('link', { name: /^反馈公开 \d+，查看清单$/ });
      const n = Number(/反馈公开 (\d+)/.exec((await figure.getAttribute('aria-label'))!)![1]);
      expect(n).toBeGreaterThan(0);
      await figure.click();
      await page.getByRole('heading', { level: 1, name: '协商议题' }).waitFor();
      await page.getByText(/公开于 .* 至 /).waitFor();
      await page.getByText(`共 ${n} 个议题`).waitFor();
      await shoot(page, '14-drill-published');
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: /导出 Excel/ }).click();
      expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);
      await page.goBack();
      await page.getByRole('link', { name: /^解决问题 \d+，查看清单$/ }).click();
      await page.getByRole('heading', { level: 1, name: '解决问题' }).waitFor();
      await shoot(page, '15-drill-solved');
    }, { width: 1440, height: 900 });
  });
});
