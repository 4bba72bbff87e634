import { chromium } from 'playwright-core';
const [base, out, ...specs] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
for (const spec of specs) {
  const [user, path, width, height] = spec.split('|');
  const ctx = await browser.newContext({ viewport: { width: Number(width), height: Number(height ?? 900) } });
  const page = await ctx.newPage();
  await page.goto(`${base}/login`);
  await page.getByLabel('用户名').fill(user);
  await page.getByLabel('密码').fill('Demo@2026');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(1500);
  await page.goto(`${base}${path}`);
  await page.waitForTimeout(2500);
  const name = `${user}${path.replaceAll('/', '_')}-${width}`;
  await page.screenshot({ path: `${out}/${name}.png`, fullPage: true });
  console.log('shot', name);
  await ctx.close();
}
await browser.close();
