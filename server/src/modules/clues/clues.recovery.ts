/**
 * A citizen who lost the tracking secret gets back in with an SMS code sent to the phone they left with the clue.
 * The request answers the same whatever the code and phone (a code alone reveals nothing); codes are limited per
 * clue and day (a county setting), expire in minutes, take five wrong tries at most and are used once. A right
 * code issues a new secret: the lost one stops working.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { cstDate, endOfCstDay } from '@xs/core/calendar.ts';
import type { Database } from '../../db/database.ts';
import { isPostgres } from '../../db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { writeAudit } from '../../platform/audit.ts';
import { enqueueMessage } from '../../platform/notify.ts';
import { getSetting } from '../../platform/settings.ts';
import { requireCounty } from '../orgs/orgs.read.ts';
import './clues.office.table.ts';

const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const MAX_TRIES = 5;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const codeHash = (clueId: number, digits: string) => sha256(`${clueId}:${digits}`);

export const RECOVERY_SENT = '如果查询码和手机号与提交时留下的一致，验证码已通过短信发到这个手机，请在几分钟内填写。';

/** Send a six-digit code to the clue's phone when code and phone match; the same answer either way. */
export async function requestRecoveryCode(db: Kysely<Database>, code: string, phone: string, ip: string | null, now = new Date()) {
  const clue = await db.selectFrom('clues').select(['id', 'tenant_id', 'contact_phone', 'code']).where('code', '=', code).executeTakeFirst();
  if (!clue || !clue.contact_phone || clue.contact_phone !== phone) return { message: RECOVERY_SENT };
  const [perDay, minutes] = await Promise.all([getSetting(db, clue.tenant_id, 'clue.recovery.perDay'), getSetting(db, clue.tenant_id, 'clue.recovery.minutes')]);
  const county = await requireCounty(db, clue.tenant_id);
  const dayStart = new Date(endOfCstDay(cstDate(now)).getTime() + 1 - 86_400_000).toISOString();
  const digits = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await db.transaction().execute(async (trx) => {
    // Two requests at once must not both pass the daily count.
    if (isPostgres(db)) await sql`SELECT pg_advisory_xact_lock(${clue.tenant_id}, hashtext(${`recover:${clue.id}`}))`.execute(trx);
    const sent = await trx.selectFrom('clue_recovery_codes').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('clue_id', '=', clue.id).where('created_at', '>=', dayStart).executeTakeFirstOrThrow();
    if (Number(sent.n) >= perDay) throw new AppError('rate_limited', `今天已经发送过 ${perDay} 次验证码，请明天再试，或联系县政协`);
    await trx.insertInto('clue_recovery_codes').values({
      tenant_id: clue.tenant_id, clue_id: clue.id, code_hash: codeHash(clue.id, digits), created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + minutes * 60_000).toISOString(), attempts: 0, used_at: null,
    }).execute();
    await enqueueMessage(trx, { tenantId: clue.tenant_id, channel: 'sms', recipient: phone, template: 'clue.recovery_code',
      payload: { county: county.name, code: clue.code, digits, minutes } });
    await writeAudit(trx, { tenantId: clue.tenant_id, ip, actorName: '群众', action: 'clue.recovery_request', entity: 'clue', entityId: clue.id,
      summary: `群众申请找回线索「${clue.code}」的查询密码，验证码已发送` });
  });
  return { message: RECOVERY_SENT };
}

/** Check the SMS code; a right one gives the clue a new secret, returned once. */
export async function verifyRecoveryCode(db: Kysely<Database>, code: string, phone: string, digits: string, ip: string | null, now = new Date()) {
  const wrong = () => new AppError('validation_failed', '验证码不正确或已过期，请重新获取', [{ path: 'smsCode', message: '验证码不正确或已过期' }]);
  const clue = await db.selectFrom('clues').select(['id', 'tenant_id', 'contact_phone', 'code']).where('code', '=', code).executeTakeFirst();
  if (!clue || clue.contact_phone !== phone) throw wrong();
  const row = await db.selectFrom('clue_recovery_codes').selectAll().where('clue_id', '=', clue.id).where('used_at', 'is', null)
    .where('expires_at', '>', now.toISOString()).orderBy('id', 'desc').executeTakeFirst();
  if (!row) throw wrong();
  // The try is counted before the digits are compared: however many arrive at once, no more than five are compared.
  const claimed = await db.updateTable('clue_recovery_codes').set({ attempts: sql<number>`attempts + 1` })
    .where('id', '=', row.id).where('attempts', '<', MAX_TRIES).where('used_at', 'is', null).executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) throw wrong();
  const a = Buffer.from(codeHash(clue.id, digits));
  const b = Buffer.from(row.code_hash);
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw wrong();
  let secret = '';
  for (const byte of randomBytes(8)) secret += CODE_ALPHABET[byte % CODE_ALPHABET.length];
  await db.transaction().execute(async (trx) => {
    const used = await trx.updateTable('clue_recovery_codes').set({ used_at: now.toISOString() }).where('id', '=', row.id).where('used_at', 'is', null).executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) throw wrong();
    await trx.updateTable('clues').set({ secret_hash: sha256(secret) }).where('id', '=', clue.id).execute();
    await writeAudit(trx, { tenantId: clue.tenant_id, ip, actorName: '群众', action: 'clue.recovery', entity: 'clue', entityId: clue.id,
      summary: `群众凭短信验证码找回线索「${clue.code}」，已换发新的查询密码` });
  });
  return { code: clue.code, secret };
}
