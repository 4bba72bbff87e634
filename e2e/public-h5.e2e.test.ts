/**
 * 直通政协 H5 end to end, at 360 px in a real chromium: a citizen reports a problem with a photo (and
 * sees similar open clues first), gets the code and one-time password, tracks it, switches to 长辈模式;
 * a QR code opens a pre-filled form; a resolved clue is rated, a needs_info clue supplemented; the
 * public board shows no personal data. Axe finds no serious or critical violation in either mode, and
 * the report page's JavaScript stays within 150 KB gzipped.
 */
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { startApp, type Running } from './harness.ts';

let app: Running;
let countyId: number;
const VIEWPORT = { width: 360, height: 740 };

beforeAll(async () => {
  app = await startApp();
  const res = await fetch(`${app.baseUrl}/api/v1/public/counties`);
  const { items } = (await res.json()) as { items: { id: number; name: string }[] };
  countyId = items.find((c) => c.name === '嵩县政协')!.id;
});

afterAll(async () => {
  await app?.stop();
});

/** A small valid PNG, made here so the test needs no fixture file. */
function png(width: number, height: number, [r, g, b]: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set([r, g, b], 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function mobilePage(): Promise<Page> {
  const page = await app.newPage();
  await page.setViewportSize(VIEWPORT);
  return page;
}

/** Axe over the whole page: no serious or critical violation. */
async function expectAccessible(page: Page, where: string) {
  // A toast fading in or out has no stable contrast: let it go first.
  await page.locator('.adm-toast-mask').waitFor({ state: 'detached', timeout: 5000 });
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n  ')}`).join('\n');
  expect(report, `axe on ${where}`).toBe('');
}

/** In 长辈模式 every control is at least 60 × 60 px and the text at least 24 px. */
async function expectElderSizes(page: Page, where: string) {
  const problems = await page.evaluate(() => {
    const out: string[] = [];
    const sel = 'main a, main button, header a, label.xs-chip, label.xs-toggle, label.xs-check, label.xs-add-photo, main .xs-control';
    for (const el of document.querySelectorAll<HTMLElement>(sel)) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue; // not shown
      if (el.closest('.xs-skip')) continue;
      if (r.height < 60 || r.width < 60) out.push(`${el.tagName}.${el.className} “${el.textContent?.trim().slice(0, 12)}” ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    for (const el of document.querySelectorAll<HTMLElement>('main p, main label, main legend, main li, main dd, main dt, main span, main textarea, main input')) {
      if (!el.getClientRects().length || el.closest('.xs-visually-hidden')) continue;
      if (el instanceof HTMLInputElement && ['radio', 'checkbox', 'file'].includes(el.type)) continue; // drawn by their labels
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim());
      if (!own && !['TEXTAREA', 'INPUT'].includes(el.tagName)) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      const lh = getComputedStyle(el).lineHeight;
      if (size < 23.9) out.push(`text ${size}px: “${(el.textContent ?? '').trim().slice(0, 12)}”`);
      if (lh !== 'normal' && parseFloat(lh) / size < 1.3) out.push(`line-height ${lh} for ${size}px: “${(el.textContent ?? '').trim().slice(0, 12)}”`);
    }
    return out;
  });
  expect(problems.slice(0, 15).join('\n'), `长辈模式 sizes on ${where}`).toBe('');
}

async function staffSession(): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${app.baseUrl}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'songxian.staff', password: 'Demo@2026' }),
  });
  expect(res.status).toBe(200);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

/** A demo clue in `state` that has a phone, with the phone's last four digits (which also open it). */
async function demoClueWithPhone(state: string): Promise<{ code: string; last4: string }> {
  const s = await staffSession();
  const list = await fetch(`${app.baseUrl}/api/v1/clues?state=${state}&pageSize=50`, { headers: { cookie: s.cookie } });
  const { items } = (await list.json()) as { items: { id: number; code: string; contactPhoneMasked: string | null }[] };
  const clue = items.find((i) => i.contactPhoneMasked);
  expect(clue, `a demo clue in ${state} with a phone`).toBeTruthy();
  return { code: clue!.code, last4: clue!.contactPhoneMasked!.slice(-4) };
}

/** A closed demo clue whose recheck (回访) is due, found through the public track view. */
async function closedClueToRecheck(): Promise<{ code: string; last4: string }> {
  const s = await staffSession();
  const list = await fetch(`${app.baseUrl}/api/v1/clues?state=closed&pageSize=100`, { headers: { cookie: s.cookie } });
  const { items } = (await list.json()) as { items: { code: string; contactPhoneMasked: string | null }[] };
  for (const i of items) {
    if (!i.contactPhoneMasked) continue;
    const last4 = i.contactPhoneMasked.slice(-4);
    const r = await fetch(`${app.baseUrl}/api/v1/public/clues/track`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: i.code, secret: last4 }),
    });
    if (r.ok && ((await r.json()) as { canRecheck: boolean }).canRecheck) return { code: i.code, last4 };
  }
  throw new Error('no closed demo clue is due for a recheck');
}

describe('直通政协 H5', () => {
  it('keeps the report page within 150 KB of gzipped JavaScript', async () => {
    const page = await mobilePage();
    const js: { url: string; gz: number }[] = [];
    const pending: Promise<void>[] = [];
    page.on('response', (r) => {
      if (!/\.js(\?|$)/.test(r.url())) return;
      pending.push(r.body().then((b) => { js.push({ url: r.url(), gz: zlib.gzipSync(b, { level: 9 }).length }); }));
    });
    await page.goto(`${app.baseUrl}/h5/report?c=${countyId}`);
    await page.getByRole('group', { name: /是哪方面的事/ }).waitFor();
    await page.waitForLoadState('networkidle');
    await Promise.all(pending);
    const total = js.reduce((n, f) => n + f.gz, 0);
    console.log(`H5 report page JS: ${js.length} files, ${(total / 1024).toFixed(1)} KiB gzipped`);
    expect(js.length).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(150 * 1024);
    await page.context().close();
  });

  it('reports a problem with a photo, shows similar clues, gives a code, tracks it, and works in 长辈模式', async () => {
    // An open clue already filed in 何村乡, so the form can point to it.
    const stamp = String(Date.now()).slice(-6);
    const form = (await (await fetch(`${app.baseUrl}/api/v1/public/counties/${countyId}/form`)).json()) as { townships: { id: number; name: string }[] };
    const hecun = form.townships.find((t) => t.name === '何村乡')!;
    const first = await fetch(`${app.baseUrl}/api/v1/public/counties/${countyId}/clues`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ category: 'roads', content: `何村乡卫生院门口的桥面护栏断了${stamp}，晚上路过很危险，请尽快修复护栏`, townshipId: hecun.id }),
    });
    expect(first.status).toBe(201);
    const firstCode = ((await first.json()) as { code: string }).code;

    const page = await mobilePage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto(`${app.baseUrl}/h5`);
    await page.getByRole('heading', { level: 1, name: '请选择您所在的县（区）' }).waitFor();
    await page.getByRole('link', { name: /嵩县政协/ }).click();
    await page.getByRole('link', { name: /我要反映/ }).click();
    await page.getByRole('heading', { level: 1, name: '我要反映' }).waitFor();
    await expectAccessible(page, 'empty report form');

    await page.getByRole('radio', { name: '道路设施' }).check();
    await page.getByRole('radio', { name: '何村乡' }).check();
    // Another problem at the same place: the open clue is offered as one of the township's, not said to be the same problem.
    await page.getByLabel('遇到了什么问题').fill('何村乡卫生院门口晚上没有路灯，黑得很，老人出门摔了');
    const nearby = page.getByRole('region', { name: '本乡镇还有这些反映，看看是不是同一件事' });
    await nearby.waitFor({ timeout: 10_000 });
    expect(await nearby.textContent()).toContain('护栏');
    await page.getByLabel('遇到了什么问题').fill('何村乡卫生院门口桥上的护栏断了，晚上走路很危险，希望赶紧修好护栏');
    // 已有群众反映: the open clue is offered, and “我也遇到了” adds a voice to it.
    const similar = page.getByRole('region', { name: '已有群众反映过类似问题' });
    await similar.waitFor({ timeout: 10_000 });
    expect(await similar.textContent()).toContain('护栏');
    await similar.getByRole('button', { name: '我也遇到了' }).first().click();
    await similar.getByText(/已记上您的一份，现在另有 1 人也遇到了/).waitFor();
    const wrong = await fetch(`${app.baseUrl}/api/v1/public/clues/track`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: firstCode, secret: '0000' }),
    });
    expect(wrong.status).not.toBe(200); // a wrong password opens nothing

    // A photo, uploaded on its own with progress, then the contact fields without consent.
    await page.locator('input[type=file]').setInputFiles({ name: 'guardrail.png', mimeType: 'image/png', buffer: png(80, 60, [180, 40, 40]) });
    await page.getByText('✓ 已上传').waitFor({ timeout: 15_000 });
    await page.getByLabel('手机号').fill('13912345678');
    await page.getByRole('button', { name: '提交' }).click();
    await page.locator('[data-field=consent]').getByText(/请先阅读并勾选同意/).waitFor();

    // A server field error shows next to its field (the server is asked once, answered by this stub).
    await page.route('**/api/v1/public/counties/*/clues', (route) => route.fulfill({
      status: 400, contentType: 'application/json',
      body: JSON.stringify({ error: 'validation_failed', message: '输入有误，请检查标出的项', fields: [{ path: 'place', message: '地点写得太长了' }] }),
    }), { times: 1 });
    await page.getByLabel('我已阅读并同意上面的说明').check();
    await page.getByRole('button', { name: '提交' }).click();
    await page.locator('[data-field=place]').getByText('地点写得太长了').waitFor();
    await expectAccessible(page, 'report form with errors, similar clues and a photo');

    // The real submission.
    const submitted = page.waitForRequest((r) => r.method() === 'POST' && /\/clues$/.test(r.url()));
    await page.getByLabel('具体地点').fill('卫生院门口小桥');
    await page.getByRole('button', { name: '提交' }).click();
    const body = (await submitted).postDataJSON() as Record<string, unknown>;
    expect(body).toMatchObject({ category: 'roads', townshipId: hecun.id, channel: 'h5', contactPhone: '13912345678', consent: true, place: '卫生院门口小桥' });
    expect((body.photoTokens as string[]).length).toBe(1);
    await page.getByRole('heading', { level: 1, name: '提交成功' }).waitFor();
    const code = (await page.getByTestId('clue-code').textContent())!.trim();
    const secret = (await page.getByTestId('clue-secret').textContent())!.trim();
    expect(code).toMatch(/^[0-9A-Z]{10}$/);
    expect(secret).toMatch(/^[A-Za-z0-9]{8}$/);
    await page.getByText('手机号的后 4 位').waitFor();
    await page.getByRole('button', { name: /复制\s*查询码/ }).click();
    await page.locator('.adm-toast-main').getByText(/复制/).waitFor(); // antd-mobile Toast renders on React 19
    await page.locator('.adm-toast-main').waitFor({ state: 'detached', timeout: 5000 });
    await expectAccessible(page, 'success page');

    // Track it straight from the success page.
    await page.getByRole('button', { name: '查看办理进度' }).click();
    await page.getByRole('heading', { level: 1, name: '办理进度' }).waitFor();
    await page.getByText('待受理').first().waitFor();
    await page.getByText('卫生院门口桥上的护栏断了').waitFor();
    await page.getByText('群众提交').waitFor();
    await expectAccessible(page, 'track page');

    // 长辈模式: switched on from the header, remembered, large and simple.
    await page.getByRole('switch', { name: /长辈模式/ }).check();
    expect(await page.evaluate(() => document.documentElement.classList.contains('elder'))).toBe(true);
    await page.reload();
    expect(await page.getByRole('switch', { name: /长辈模式/ }).isChecked()).toBe(true);
    await page.getByRole('link', { name: /返回首页/ }).click();
    await page.getByRole('link', { name: /查询进度/ }).click();
    // …and the last four digits of the phone open the clue too.
    await page.getByLabel('查询码').fill(code);
    await page.getByLabel('查询密码').fill('5678');
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByRole('heading', { level: 1, name: '办理进度' }).waitFor({ timeout: 10_000 }).catch(async (e: unknown) => {
      await page.screenshot({ path: '/tmp/shots-h5/fail-track.png', fullPage: true });
      throw e;
    });
    const bodyFont = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    expect(bodyFont).toBeGreaterThanOrEqual(24);
    await expectAccessible(page, 'track page, 长辈模式');
    await expectElderSizes(page, 'track page');

    await page.goto(`${app.baseUrl}/h5/report?c=${countyId}`);
    await page.getByRole('radio', { name: '道路设施' }).check();
    await page.getByRole('radio', { name: '何村乡' }).check();
    await page.getByLabel('遇到了什么问题').fill('何村乡卫生院门口桥上的护栏断了，晚上走路很危险');
    await page.getByRole('region', { name: '已有群众反映过类似问题' }).waitFor({ timeout: 10_000 });
    await page.locator('input[type=file]').setInputFiles({ name: 'a.png', mimeType: 'image/png', buffer: png(40, 40, [40, 90, 200]) });
    await page.getByText('✓ 已上传').waitFor({ timeout: 15_000 });
    expect(await page.locator('.adm-toast-main').count()).toBe(0);
    await expectAccessible(page, 'report form, 长辈模式');
    await expectElderSizes(page, 'report form');
    await page.goto(`${app.baseUrl}/h5?c=${countyId}`);
    await page.getByRole('link', { name: /我要反映/ }).waitFor();
    await expectAccessible(page, 'home, 长辈模式');
    await expectElderSizes(page, 'home');

    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('opens a venue QR code with the venue, township and channel filled in', async () => {
    const s = await staffSession();
    const venues = (await (await fetch(`${app.baseUrl}/api/v1/orgs/venues`, { headers: { cookie: s.cookie } })).json()) as
      { items: { id: number; name: string; townshipId: number | null }[] };
    const venue = venues.items.find((v) => v.name === '城关镇委员会客厅')!;
    const page = await mobilePage();
    await page.goto(`${app.baseUrl}/h5/report?c=${countyId}&v=${venue.id}`);
    await page.getByText('您正在通过「城关镇委员会客厅」反映问题').waitFor();
    expect(await page.getByRole('radio', { name: '城关镇' }).isChecked()).toBe(true);
    await page.getByRole('radio', { name: '交通出行' }).check();
    await page.getByLabel('遇到了什么问题').fill(`城关镇人民路早上七点半校门口堵车严重，建议错峰放学${Date.now() % 1000}`);
    // WeChat may reload the page (e.g. after the camera): what was written comes back.
    await page.reload();
    await page.getByText('已恢复您上次没写完的内容').waitFor();
    expect(await page.getByLabel('遇到了什么问题').inputValue()).toContain('城关镇人民路早上七点半');
    expect(await page.getByRole('radio', { name: '交通出行' }).isChecked()).toBe(true);
    const submitted = page.waitForRequest((r) => r.method() === 'POST' && /\/clues$/.test(r.url()));
    await page.getByRole('button', { name: '提交' }).click();
    expect((await submitted).postDataJSON()).toMatchObject({ channel: 'qr_venue', venueId: venue.id, townshipId: venue.townshipId });
    await page.getByRole('heading', { level: 1, name: '提交成功' }).waitFor();
    await page.context().close();
  });

  it('shows the public board without names or phone numbers', async () => {
    const page = await mobilePage();
    await page.goto(`${app.baseUrl}/h5/board?c=${countyId}`);
    await page.getByRole('heading', { level: 1, name: '办理公开' }).waitFor();
    await page.locator('.xs-board-item').first().waitFor();
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toMatch(/1[3-9]\d{9}/);
    expect(text).not.toMatch(/1[3-9]\d\*{4}\d{4}/);
    await expectAccessible(page, 'board');
    await page.getByRole('switch', { name: /长辈模式/ }).check();
    await expectAccessible(page, 'board, 长辈模式');
    await page.context().close();
  });
  it('lets the citizen add information when asked, and confirm a fix weeks later', async () => {
    const needsInfo = await demoClueWithPhone('needs_info');
    const page = await mobilePage();
    await page.goto(`${app.baseUrl}/h5/track?c=${countyId}&code=${needsInfo.code}`);
    expect(await page.getByLabel('查询码').inputValue()).toBe(needsInfo.code);
    await page.getByLabel('查询密码').fill(needsInfo.last4);
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByText('待补充').first().waitFor();
    await expectAccessible(page, 'track page of a needs_info clue');
    await page.getByLabel('补充情况').fill('位置在平安街 18 号门口，旁边是邮政所');
    await page.getByRole('button', { name: '提交补充' }).click();
    await page.getByText('已补充，工作人员会尽快查看').waitFor();
    await page.getByText('待受理').first().waitFor();
    expect(await page.getByLabel('补充情况').count()).toBe(0);

    // 回访: a closed clue past its recheck date asks “问题是否真的解决了？”.
    const recheck = await closedClueToRecheck();
    await page.getByRole('button', { name: '查询别的问题' }).click();
    await page.getByLabel('查询码').fill(recheck.code);
    await page.getByLabel('查询密码').fill(recheck.last4);
    await page.getByRole('button', { name: '查询' }).click();
    const box = page.getByRole('form', { name: '问题是否真的解决了？' });
    await box.waitFor();
    await expectAccessible(page, 'track page asking for a recheck');
    await box.getByRole('radio', { name: '已经解决了' }).check();
    await box.getByRole('button', { name: '提交' }).click();
    await page.getByText('谢谢您的回复，很高兴问题解决了').waitFor();
    expect(await box.count()).toBe(0);
    await page.context().close();
  });

  it('lets the citizen rate a resolved clue', async () => {
    const resolved = await demoClueWithPhone('resolved');
    const page = await mobilePage();
    await page.goto(`${app.baseUrl}/h5/track?c=${countyId}&code=${resolved.code}`);
    await page.getByLabel('查询密码').fill(resolved.last4);
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByText('已办结').first().waitFor();
    await page.getByRole('heading', { name: '办理答复' }).waitFor();
    await page.getByRole('heading', { name: '您对办理结果满意吗？' }).waitFor();
    await expectAccessible(page, 'track page of a resolved clue');
    await page.getByRole('radio', { name: '基本满意', exact: true }).check();
    await page.getByLabel('还想说的话').fill('路灯修好了，谢谢');
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByText('谢谢您的评价').waitFor();
    await page.getByText('✓ 您的评价：基本满意（路灯修好了，谢谢）').waitFor();
    await page.getByText('已归档').first().waitFor();
    expect(await page.getByRole('heading', { name: '您对办理结果满意吗？' }).count()).toBe(0);
    await expectAccessible(page, 'track page after rating');
    await page.context().close();
  });
});
