/**
 * 协商议事 end to end: staff open a topic and take it through the eight steps in the console — each closed
 * button shows its reason — with a research visit and a roundtable meeting; a member checks in by the meeting's
 * QR link on a 360 px phone; a 共提共答 commitment becomes a task with one click; the unit reports progress, staff
 * verify, and the topic is published; the public page shows the outcome. Screenshots go to /tmp/consult-shots/.
 * (The clue → topic conversion link is made by the clue module's conversion, which is another branch; its
 * completion by this module is tested at the API level in consultations.test.ts.)
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { button, chooseOption, startApp, type Running } from './harness.ts';

const SHOTS = '/tmp/consult-shots';
const TITLE = `城区背街小巷路灯照明 ${Date.now() % 100000}`;
let app: Running;

beforeAll(async () => {
  app = await startApp();
  fs.mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => app?.stop());

async function shoot(page: Page, name: string) {
  await page.mouse.move(0, 0);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

async function signIn(page: Page, username: string, to: string, heading: string | RegExp, width = 1440) {
  await page.setViewportSize({ width, height: 900 });
  await page.goto(`${app.baseUrl}${to}`);
  await page.waitForURL(/\/login/);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('Demo@2026');
  await page.getByRole('button', { name: button('登录') }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
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

/** A call to the API with the page's session (meetings are arranged this way to keep the test short). */
async function apiCall<T>(page: Page, method: string, url: string, body?: unknown): Promise<T> {
  return page.evaluate(async ({ method, url, body }) => {
    const me = await (await fetch('/api/v1/auth/me')).json() as { csrfToken: string };
    const res = await fetch(`/api/v1${url}`, { method, headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: body ? JSON.stringify(body) : undefined });
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
    return res.json();
  }, { method, url, body }) as Promise<T>;
}

const actions = (page: Page) => page.getByRole('group', { name: '可执行的操作' });
async function press(page: Page, label: string, fill?: Record<string, string>) {
  await actions(page).getByRole('button', { name: button(label) }).click();
  if (fill) {
    const dialog = page.getByRole('dialog', { name: label });
    for (const [field, value] of Object.entries(fill)) await dialog.getByLabel(field).fill(value);
    await dialog.getByRole('button', { name: button(label) }).click();
    await dialog.waitFor({ state: 'hidden' });
  }
  // The success message, then the page's refetch, so the next action sends the new version.
  await page.getByText(new RegExp(`^已${label}`)).first().waitFor();
  await page.waitForLoadState('networkidle');
}
async function closedWith(page: Page, label: string, reason: string) {
  expect(await actions(page).getByRole('button', { name: button(label) }).isDisabled()).toBe(true);
  await page.getByText(`「${label}」暂不可用：${reason}`).waitFor();
}
const expectStage = async (page: Page, label: string) => page.getByLabel(`当前阶段：${label}`).waitFor();

describe('协商议事 in the browser', () => {
  let topicPath = '';
  let meetingId = 0;
  let token = '';
  let taskId = 0;

  it('staff take a topic from 知情明政 to 督促落实, each closed step saying why', async () => {
    await onPage(async (page) => {
      await signIn(page, 'songxian.staff', '/consultations/topics', '协商议题');
      await shoot(page, 'topics-list');
      await page.getByRole('button', { name: /新建议题/ }).click();
      const dialog = page.getByRole('dialog', { name: '新建协商议题' });
      await dialog.getByLabel('议题', { exact: true }).fill(TITLE);
      await dialog.getByLabel('背景和说明').fill('群众多次反映城区背街小巷夜间照明不足。');
      await dialog.getByRole('button', { name: button('新建') }).click();
      await page.waitForURL(/\/consultations\/topics\/\d+$/);
      topicPath = new URL(page.url()).pathname;
      const topicId = Number(topicPath.split('/').pop());
      await expectStage(page, '知情明政');
      await closedWith(page, '进入收集民意', '知情明政：请先上传或填写情况通报材料');
      await shoot(page, 'topic-informing');
      await press(page, '情况通报', { 情况通报材料: '县城市管理局通报：城区背街小巷 46 条，其中 19 条路灯缺失或损坏。' });
      await press(page, '进入收集民意');
      await closedWith(page, '进入提出议题', '收集民意：请先关联民意线索或填写民意调查情况');
      await press(page, '民意调查', { 民意调查情况: '委员走访 5 个社区，收集意见 38 条。' });
      await press(page, '进入提出议题');
      await closedWith(page, '进入充分调研', '提出议题：议题尚未经审定同意');
      await press(page, '审定议题');
      await press(page, '进入充分调研');
      await closedWith(page, '进入圆桌协商', '充分调研：至少要有一条已开展并写明调研发现的调研或视察记录');
      const research = await apiCall<{ id: number; version: number }>(page, 'POST', '/consultations/meetings', { kind: 'research', title: '背街小巷照明调研', topicId, startsAt: new Date().toISOString() });
      await apiCall(page, 'POST', `/consultations/meetings/${research.id}/hold`, { version: research.version, findings: '19 条小巷无灯，6 条灯杆老化。' });
      await page.reload();
      await press(page, '进入圆桌协商');
      await closedWith(page, '进入党政决议', '圆桌协商：还没有已召开并有会议纪要的协商会');
      const member = await apiCall<{ items: { id: number; name: string }[] }>(page, 'GET', '/members?pageSize=200');
      const li = member.items.find((m) => m.name === '李建国')!;
      const m = await apiCall<{ id: number; checkinPath: string }>(page, 'POST', '/consultations/meetings', {
        kind: 'consult', title: '背街小巷照明专题协商会', topicId, startsAt: new Date(Date.now() + 3600_000).toISOString(), memberIds: [li.id], agenda: '1. 城管局通报\n2. 委员发言\n3. 共提共答',
      });
      meetingId = m.id;
      token = m.checkinPath.split('/').pop()!;
      await shoot(page, 'topic-roundtable-closed');
    });
  });

  it('the member checks in on a 360 px phone by the meeting link', async () => {
    await onPage(async (page) => {
      await page.setViewportSize({ width: 360, height: 780 });
      await page.goto(`${app.baseUrl}/m/checkin/${token}`);
      await page.waitForURL(/\/login/);
      await page.getByLabel('用户名').fill('songxian.member');
      await page.getByLabel('密码').fill('Demo@2026');
      await page.getByRole('button', { name: button('登录') }).click();
      await page.getByText('签到成功').waitFor();
      await page.getByText('背街小巷照明专题协商会').first().waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await shoot(page, 'member-checkin-360');
    });
  });

  it('staff hold the meeting, turn a 共提共答 commitment into a task and move to 党政决议 and 督促落实', async () => {
    await onPage(async (page) => {
      await signIn(page, 'songxian.staff', `/consultations/meetings/${meetingId}`, '背街小巷照明专题协商会');
      await page.getByText('已签到 1 / 1 人').waitFor();
      await page.getByRole('button', { name: button('登记已召开') }).click();
      let dialog = page.getByRole('dialog', { name: '登记已召开' });
      await dialog.getByLabel('会议纪要').fill('与会各方同意年内完成 19 条小巷路灯安装和 6 条灯杆更换。');
      await dialog.getByRole('button', { name: button('保存') }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('button', { name: button('记录共提共答') }).click();
      dialog = page.getByRole('dialog', { name: '共提共答' });
      await dialog.getByLabel('问题').fill('背街小巷路灯什么时候能装好？');
      await dialog.getByLabel('提问人').fill('李建国');
      await chooseOption(page, dialog, '答复单位', '县交通运输局');
      await dialog.getByLabel('当场答复').fill('年内分两批完成安装。');
      await dialog.getByLabel(/承诺事项/).fill('背街小巷路灯安装和灯杆更换');
      await dialog.getByLabel('目标值').fill('25');
      await dialog.getByLabel('成效指标').fill('完成路段');
      await dialog.getByRole('button', { name: button('记录') }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('button', { name: button('转为落实事项') }).click();
      await page.getByRole('link', { name: '已转落实事项' }).waitFor();
      taskId = Number((await page.getByRole('link', { name: '已转落实事项' }).getAttribute('href'))!.split('/').pop());
      await shoot(page, 'meeting-detail');

      await page.goto(`${app.baseUrl}${topicPath}`);
      await expectStage(page, '圆桌协商');
      await closedWith(page, '进入党政决议', '圆桌协商：请先写明协商达成的成果');
      await press(page, '协商成果', { 协商达成的成果: '年内完成 19 条小巷路灯安装、6 条灯杆更换。' });
      await press(page, '进入党政决议');
      await closedWith(page, '进入督促落实', '党政决议：协商成果尚未报送党委政府');
      await press(page, '报送成果');
      await actions(page).getByRole('button', { name: button('登记决议') }).click();
      dialog = page.getByRole('dialog', { name: '登记决议' });
      await chooseOption(page, dialog, '党委政府决议', /^采纳$/);
      await dialog.getByLabel('领导批示').fill('请城管局抓紧落实。');
      await dialog.getByRole('button', { name: button('登记决议') }).click();
      await dialog.waitFor({ state: 'hidden' });
      await press(page, '进入督促落实');
      await press(page, '进入反馈公开');
      await closedWith(page, '反馈公开', '反馈公开：请先填写公开摘要');
      await press(page, '公开摘要', { '公开摘要（群众可见，不含个人信息）': '19 条背街小巷路灯已安装，6 条灯杆已更换。' });
      await closedWith(page, '反馈公开', '反馈公开：还有 1 项落实事项未办结，须写明提前公开的理由');
      await shoot(page, 'topic-feedback-closed');
    });
  });

  it('the unit reports progress, staff verify, and the topic is published for the public', async () => {
    await onPage(async (page) => {
      await signIn(page, 'songxian.unit', `/unit/tasks/${taskId}`, /背街小巷路灯/);
      const t1 = await apiCall<{ version: number }>(page, 'GET', `/unit/tasks/${taskId}`);
      await apiCall(page, 'POST', `/unit/tasks/${taskId}/transitions/start`, { version: t1.version });
      const t2 = await apiCall<{ version: number }>(page, 'GET', `/unit/tasks/${taskId}`);
      await apiCall(page, 'POST', `/unit/tasks/${taskId}/progress`, { version: t2.version, note: '25 条路段全部完成', value: 25 });
      const t3 = await apiCall<{ version: number }>(page, 'GET', `/unit/tasks/${taskId}`);
      await apiCall(page, 'POST', `/unit/tasks/${taskId}/transitions/submit`, { version: t3.version, reason: '已全部完成' });
    });
    await onPage(async (page) => {
      await signIn(page, 'songxian.staff', `/tasks/${taskId}`, /背街小巷路灯/);
      await actions(page).getByRole('button', { name: button('核验通过') }).click();
      await page.getByText(/已核验通过/).waitFor();
      await page.goto(`${app.baseUrl}${topicPath}`);
      await expectStage(page, '反馈公开');
      await press(page, '反馈公开');
      await page.getByText(/已于 .* 反馈公开/).waitFor();
      await shoot(page, 'topic-published');
      const countyId = (await apiCall<{ tenant: { id: number } }>(page, 'GET', '/auth/me')).tenant.id;
      const topicId = topicPath.split('/').pop();
      const pub = await page.evaluate(async (u) => (await fetch(u)).json(), `/api/v1/public/counties/${countyId}/outcomes/${topicId}`) as { summary: string; tasks: { stateLabel: string }[] };
      expect(pub).toMatchObject({ summary: '19 条背街小巷路灯已安装，6 条灯杆已更换。', tasks: [{ stateLabel: '已核验' }] });
      // The public phone page of the outcome (the link in the citizens' SMS).
      await page.setViewportSize({ width: 360, height: 780 });
      await page.goto(`${app.baseUrl}/h5/outcomes/${topicId}?c=${countyId}`);
      await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      await page.getByText('19 条背街小巷路灯已安装，6 条灯杆已更换。').waitFor();
      await page.getByText('完成路段：25 / 25 ✓').waitFor();
      await shoot(page, 'public-outcome-360');
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.goto(`${app.baseUrl}/consultations/dashboard`);
      await page.getByRole('heading', { level: 1, name: '协商统计' }).waitFor();
      await page.locator('canvas').first().waitFor();
      await shoot(page, 'dashboard');
      await page.goto(`${app.baseUrl}/consultations/plan`);
      await page.getByRole('heading', { level: 1, name: '年度协商计划' }).waitFor();
      await shoot(page, 'plan');
      await page.goto(`${app.baseUrl}/consultations/meetings`);
      await page.getByRole('heading', { level: 1, name: '协商活动' }).waitFor();
      await shoot(page, 'meetings');
    });
  });
});
