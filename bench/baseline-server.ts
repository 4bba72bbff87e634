/**
 * The ceiling of the intake benchmark: a bare Fastify route that validates the same submission body with
 * Zod (the app's own ClueSubmitSchema, through fastify-type-provider-zod like the app) and inserts one row
 * into a SQLite table (WAL, synchronous=FULL, one transaction per request) — nothing else.
 * Env: PORT, DB_FILE.
 */
import Fastify from 'fastify';
import SQLite from 'better-sqlite3';
import { z } from 'zod';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { ClueSubmitSchema } from '@xs/core/schemas/clues.ts';

const db = new SQLite(process.env.DB_FILE ?? '/tmp/bench-baseline.db');
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec(`CREATE TABLE IF NOT EXISTS reports (
  id INTEGER PRIMARY KEY, tenant_id INTEGER NOT NULL, kind TEXT NOT NULL, category TEXT NOT NULL, channel TEXT NOT NULL,
  content TEXT NOT NULL, township_id INTEGER NOT NULL, village_id INTEGER, place TEXT, contact_phone TEXT, created_at TEXT NOT NULL)`);
const insert = db.prepare(`INSERT INTO reports (tenant_id, kind, category, channel, content, township_id, village_id, place, contact_phone, created_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);

const app = Fastify({ logger: false, bodyLimit: 256 * 1024 }).withTypeProvider<ZodTypeProvider>();
app.setValidatorCompiler(validatorCompiler);
app.setSerializerCompiler(serializerCompiler);
app.get('/health', async () => ({ status: 'ok' }));
app.post('/counties/:countyId/reports', {
  schema: { params: z.strictObject({ countyId: z.coerce.number().int().positive() }), body: ClueSubmitSchema },
}, async (req, reply) => {
  const b = req.body;
  const createdAt = new Date().toISOString();
  const r = insert.run(req.params.countyId, b.kind, b.category, b.channel, b.content, b.townshipId, b.villageId ?? null, b.place ?? null, b.contactPhone ?? null, createdAt);
  reply.status(201);
  return { id: Number(r.lastInsertRowid), createdAt };
});
await app.listen({ port: Number(process.env.PORT ?? 3902), host: '127.0.0.1' });
console.log('baseline listening');
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => void app.close().then(() => { db.close(); process.exit(0); }));
