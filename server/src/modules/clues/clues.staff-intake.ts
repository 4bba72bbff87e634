/**
 * 代录: staff enter a clue on a citizen's behalf — a hotline call, a letter (the scan attached), a visit, a 12345
 * referral, a member's report. The clue starts where a citizen's own report starts (待受理) with the channel
 * recorded, and the citizen is told the tracking code and secret by SMS through the outbox, in the same transaction.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import { CLUE_CATEGORIES } from '@xs/core/schemas/clues.ts';
import { STAFF_INTAKE_CHANNELS, type ClueStaffIntake } from '@xs/core/schemas/clues-office.ts';
import type { Actor } from '@xs/core/workflow.ts';
import { stripInvisible } from '@xs/core/validation.ts';
import type { Database } from '../../db/database.ts';
import { isUniqueViolation } from '../../platform/db-errors.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { writeAudit } from '../../platform/audit.ts';
import { enqueueMessage } from '../../platform/notify.ts';
import { activeMember, names, placesOf, requireCounty } from '../orgs/orgs.read.ts';
import { clueSearchTokens, ensurePlaceNames } from './clues.similar.ts';
import type { ClueIntakesTable } from './clues.office.table.ts';
import './clues.office.table.ts';
import { firstClocks, writeFirstClocks } from './clues.clocks.ts';

const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const normalise = (text: string) => stripInvisible(text).normalize('NFKC').replace(/[\s\p{P}\p{S}]+/gu, '').toLowerCase();

/** The same code shape as a citizen's own report (YYMMDD + 4), so the H5 tracking page takes it. */
function newCode(now: Date): string {
  const d = new Date(now.getTime() + 8 * 3600_000).toISOString();
  let tail = '';
  for (let i = 0; i < 4; i++) tail += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${d.slice(2, 4)}${d.slice(5, 7)}${d.slice(8, 10)}${tail}`;
}

function newSecret(): string {
  let s = '';
  for (const b of randomBytes(8)) s += CODE_ALPHABET[b % CODE_ALPHABET.length];
  return s;
}

export interface StaffIntakeContext {
  tenantId: number;
  actor: Actor;
  ip: string | null;
}

/**
 * Enter a clue for a citizen. Returns its id, tracking code and secret (staff read them out on the phone or
 * write them on the reply slip); with a phone and `notifyBySms`, the citizen also gets them by SMS.
 */
export async function enterClueForCitizen(db: Kysely<Database>, ctx: StaffIntakeContext, input: ClueStaffIntake) {
  const { tenantId } = ctx;
  const county = await requireCounty(db, tenantId);
  const places = await placesOf(db, tenantId);
  const township = places.find((p) => p.id === input.townshipId && p.kind === 'township');
  const village = input.villageId ? places.find((p) => p.id === input.villageId && p.kind === 'village') : undefined;
  const member = input.memberId ? await activeMember(db, tenantId, input.memberId) : null;
  const letter = input.letterFileId
    ? await db.selectFrom('files').select(['id', 'uploaded_by', 'mime']).where('id', '=', input.letterFileId).where('tenant_id', '=', tenantId).executeTakeFirst()
    : undefined;
  const letterTaken = letter
    ? await db.selectFrom('clue_intakes').select('clue_id').where('letter_file_id', '=', letter.id).executeTakeFirst()
    : undefined;
  const issues = [
    ...(township ? [] : [{ path: 'townshipId', message: '所选乡镇/街道不存在' }]),
    ...(input.villageId && !village ? [{ path: 'villageId', message: '所选村/社区不存在' }] : []),
    ...(village && township && village.parentId !== township.id ? [{ path: 'villageId', message: '所选村/社区不属于所选乡镇/街道' }] : []),
    ...(input.memberId && !member ? [{ path: 'memberId', message: '所选委员不存在' }] : []),
    ...(input.letterFileId && (!letter || letter.uploaded_by !== ctx.actor.id) ? [{ path: 'letterFileId', message: '来信扫描件不存在，请重新上传' }] : []),
    ...(letterTaken ? [{ path: 'letterFileId', message: '这份来信扫描件已登记在另一条线索上' }] : []),
    ...(input.letterFileId && input.channel !== 'letter' ? [{ path: 'letterFileId', message: '只有群众来信才附来信扫描件' }] : []),
  ];
  if (issues.length) throw invalid(issues);

  const now = new Date();
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
  // The office's time to accept runs from when the call or letter is entered.
  const first = await firstClocks(db, tenantId, now);
  await ensurePlaceNames(db, tenantId);
  const tokens = clueSearchTokens({ content: input.content, place: input.place, townshipName: township!.name, villageName: village?.name,
    tenantId, townshipId: input.townshipId });
  const secret = newSecret();
  const channelLabel = STAFF_INTAKE_CHANNELS[input.channel];
  const sms = !!(input.contactPhone && input.notifyBySms);

  for (let attempt = 0; ; attempt++) {
    const code = newCode(now);
    try {
      const id = await db.transaction().execute(async (trx) => {
        const row = await trx.insertInto('clues').values({
          tenant_id: tenantId, code, secret_hash: sha256(secret), kind: input.kind, category: input.category, channel: input.channel,
          content: input.content, township_id: input.townshipId, village_id: input.villageId ?? null, place: input.place ?? null,
          venue_id: null, member_id: member?.id ?? null, contact_name: input.contactName ?? null, contact_phone: input.contactPhone ?? null,
          consent_at: input.consent ? now.toISOString() : null, state: 'submitted', version: 1,
          due_at: first.dueAt, unit_id: null, merged_into_id: null, reply_text: null, rating: null,
          rating_comment: null, supporters: 0, published: 0, public_summary: null, recheck_due_at: null, recheck_result: null, reminded_at: null,
          extension_days: 0, search_tokens: tokens, content_hash: sha256(`${input.townshipId}|${normalise(input.content)}`),
          created_at: receivedAt.toISOString(), accepted_at: null, forwarded_at: null, replied_at: null, resolved_at: null, closed_at: null,
        }).returning('id').executeTakeFirstOrThrow();
        await writeFirstClocks(trx, tenantId, row.id, first.clocks);
        await trx.insertInto('clue_intakes').values({
          clue_id: row.id, tenant_id: tenantId, channel: input.channel, received_at: receivedAt.toISOString(), reference_no: input.referenceNo ?? null,
          letter_file_id: letter?.id ?? null, entered_by: ctx.actor.id, entered_by_name: ctx.actor.name, sms_sent: sms ? 1 : 0, created_at: now.toISOString(),
        }).execute();
        await trx.insertInto('case_events').values({
          tenant_id: tenantId, case_type: 'clue', case_id: row.id, transition: 'submit', label: `代录（${channelLabel}）`, from_state: null, to_state: 'submitted',
          actor_kind: 'user', actor_id: ctx.actor.id, actor_name: ctx.actor.name, note: input.referenceNo ? `编号 ${input.referenceNo}` : null,
          data_json: JSON.stringify({ channel: input.channel, memberId: member?.id ?? null }), at: now.toISOString(),
        }).execute();
        await writeAudit(trx, { tenantId, ip: ctx.ip, actorId: ctx.actor.id, actorName: ctx.actor.name, action: 'clue.staff_intake', entity: 'clue', entityId: row.id,
          summary: `代录线索「${code}」（${channelLabel}，${CLUE_CATEGORIES[input.category]}）` });
        if (sms) {
          await enqueueMessage(trx, { tenantId, channel: 'sms', recipient: input.contactPhone!, template: 'clue.staff_intake',
            payload: { county: county.name, channel: channelLabel, code, secret } });
        }
        return row.id;
      });
      return { id, code, secret, smsSent: sms, createdAt: receivedAt.toISOString() };
    } catch (err) {
      if (isUniqueViolation(err) && attempt < 5) continue;
      throw err;
    }
  }
}

/** How a clue came in, when staff entered it; null for a citizen's own report. */
export async function clueIntakeOf(db: Kysely<Database>, tenantId: number, clueId: number) {
  const clue = await db.selectFrom('clues').select(['id', 'member_id']).where('id', '=', clueId).where('tenant_id', '=', tenantId).executeTakeFirst();
  if (!clue) throw notFound('线索');
  const row = await db.selectFrom('clue_intakes').selectAll().where('clue_id', '=', clueId).where('tenant_id', '=', tenantId).executeTakeFirst();
  if (!row) return { intake: null };
  const memberName = clue.member_id ? (await names(db, tenantId, { members: [clue.member_id] })).members.get(clue.member_id) ?? null : null;
  return { intake: toIntake(row, memberName) };
}

function toIntake(r: ClueIntakesTable, memberName: string | null) {
  return {
    channel: r.channel, channelLabel: STAFF_INTAKE_CHANNELS[r.channel], receivedAt: r.received_at, referenceNo: r.reference_no,
    letterFileId: r.letter_file_id, enteredByName: r.entered_by_name, smsSent: r.sms_sent === 1, memberName,
  };
}
