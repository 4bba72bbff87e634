/**
 * Command line: start | migrate | demo | reindex
 *   start    serve the API and the web on PORT (default 3000)
 *   migrate  bring the database schema up to date
 *   demo     migrate and seed the Luoyang demo into an empty database, then print the accounts
 *   reindex  re-index the clues of counties whose search entries are stale now (the server also does it every 10 minutes)
 */
import { configWarnings, loadConfig } from './config.ts';
import { createDb } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { buildApp } from './app.ts';
import { seedDemo } from './demo/seed.ts';
import { DEMO_PASSWORD } from './demo/luoyang.data.ts';
import { reindexStale } from './modules/clues/clues.jobs.ts';

const command = process.argv[2] ?? 'start';
const config = loadConfig();

async function main(): Promise<void> {
  if (command === 'reindex') {
    const db = await createDb(config);
    await migrateToLatest(db);
    const changed = await reindexStale(db, new Date());
    console.log(`已重建 ${changed} 条线索的检索索引。`);
    await db.destroy();
    return;
  }
  if (command === 'migrate' || command === 'demo') {
    const db = await createDb(config);
    await migrateToLatest(db);
    if (command === 'demo') {
      const accounts = await seedDemo(db);
      if (!accounts) console.log('演示数据已存在，跳过初始化。');
      else {
        console.log(`演示数据已生成。所有演示账号的密码：${DEMO_PASSWORD}`);
        for (const a of accounts) console.log(`  ${a.username.padEnd(20)} ${a.role.padEnd(14)} ${a.org}`);
      }
    }
    await db.destroy();
    return;
  }
  if (command !== 'start') {
    console.error(`未知命令：${command}（可用：start | migrate | demo | reindex）`);
    process.exit(2);
  }
  const app = await buildApp(config, { scheduler: true });
  await app.listen({ port: config.port, host: config.host });
  console.log(`协商 Xieshang 已启动：http://localhost:${config.port}`);
  for (const warning of configWarnings(config)) console.warn(`警告：${warning}`);
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => void app.close().then(() => process.exit(0)));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
