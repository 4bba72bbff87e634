/**
 * Login throttling (等保 login-failure handling) that limits guessing without handing anyone a lock on
 * somebody else's account:
 * - per account name and client address: after `security.lockout.maxFailures` wrong passwords that source may
 *   not try that account for `security.lockout.minutes`. The lock ends the window; the first attempt after it
 *   opens a new one. Other sources are not affected.
 * - per account, all sources together: from `security.slowdown.afterFailures` wrong passwords on, each further
 *   attempt must wait a delay that starts at `security.slowdown.firstSeconds` and doubles up to
 *   `security.slowdown.maxSeconds`. The account is slowed, never locked.
 * An attempt is claimed in both rows (counted as a failure) before its password is checked, each by one
 * conditional upsert, in one transaction: when either row refuses, neither counts and no password is checked.
 * So however many requests arrive at once, a source gets at most maxFailures checks per window. A correct
 * password then takes back what it claimed; it never clears a lock that other attempts set.
 */
import { sql, type Kysely } from 'kysely';
import type { Database, Db } from '../db/database.ts';
import { getSetting } from './settings.ts';
import { defineJob } from './scheduler.ts';

/** The source row that stands for every source of an account. */
const ACCOUNT = '*';
/** Rows untouched this long (and not blocked) are forgotten. */
const FORGET_AFTER_MS = 24 * 3600_000;

export interface ThrottleRules {
  maxFailures: number;
  lockMs: number;
  afterFailures: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

/** The county's rules; an unknown account name gets the defaults (tenant 0 has no rules of its own). */
export async function throttleRules(db: Db, tenantId: number): Promise<ThrottleRules> {
  const [maxFailures, minutes, afterFailures, first, max] = await Promise.all([
    getSetting(db, tenantId, 'security.lockout.maxFailures'),
    getSetting(db, tenantId, 'security.lockout.minutes'),
    getSetting(db, tenantId, 'security.slowdown.afterFailures'),
    getSetting(db, tenantId, 'security.slowdown.firstSeconds'),
    getSetting(db, tenantId, 'security.slowdown.maxSeconds'),
  ]);
  return { maxFailures, lockMs: minutes * 60_000, afterFailures, firstDelayMs: first * 1000, maxDelayMs: Math.max(max, first) * 1000 };
}

export type Claim =
  /** `source` and `account`: this attempt's number in each row, for the release after a correct password. */
  | { ok: true; source: number; account: number; locksSource: boolean }
  /** `scope`: which row refused; `until`: epoch ms when it will take an attempt again. */
  | { ok: false; scope: 'source' | 'account'; until: number };

class Refused extends Error {
  constructor(readonly scope: 'source' | 'account') {
    super(scope);
  }
}

const bigint = (n: number) => sql<number>`CAST(${n} AS bigint)`;

/**
 * Claim one password check for `username` from `source`. Call before checking the password; a refusal means
 * the password must not be checked at all.
 */
export async function claimAttempt(db: Db, username: string, source: string, rules: ThrottleRules, now = Date.now()): Promise<Claim> {
  try {
    return await db.transaction().execute(async (trx) => {
      // A row that was ever locked and whose lock has passed starts a new window at this attempt.
      const base = sql<number>`(CASE WHEN login_throttle.blocked_until > 0 THEN 0 ELSE login_throttle.failures END)`;
      const src = await trx.insertInto('login_throttle')
        .values({ username, source, failures: 1, blocked_until: rules.maxFailures <= 1 ? now + rules.lockMs : 0, delay_ms: 0, updated_at: now })
        .onConflict((oc) => oc.columns(['username', 'source']).doUpdateSet({
          failures: sql`${base} + 1`,
          blocked_until: sql`CASE WHEN ${base} + 1 >= ${rules.maxFailures} THEN ${bigint(now + rules.lockMs)} ELSE ${bigint(0)} END`,
          updated_at: bigint(now),
        }).where('login_throttle.blocked_until', '<=', now))
        .returning('failures')
        .executeTakeFirst();
      if (!src) throw new Refused('source');

      const count = sql<number>`(login_throttle.failures + 1)`;
      const delay = sql<number>`(CASE WHEN ${count} < ${rules.afterFailures} THEN ${bigint(0)}
        WHEN login_throttle.delay_ms = 0 THEN ${bigint(rules.firstDelayMs)}
        WHEN login_throttle.delay_ms * 2 > ${bigint(rules.maxDelayMs)} THEN ${bigint(rules.maxDelayMs)}
        ELSE login_throttle.delay_ms * 2 END)`;
      const firstDelay = rules.afterFailures <= 1 ? rules.firstDelayMs : 0;
      const acc = await trx.insertInto('login_throttle')
        .values({ username, source: ACCOUNT, failures: 1, blocked_until: firstDelay ? now + firstDelay : 0, delay_ms: firstDelay, updated_at: now })
        .onConflict((oc) => oc.columns(['username', 'source']).doUpdateSet({
          failures: count,
          delay_ms: delay,
          blocked_until: sql`CASE WHEN ${count} < ${rules.afterFailures} THEN ${bigint(0)} ELSE ${bigint(now)} + ${delay} END`,
          updated_at: bigint(now),
        }).where('login_throttle.blocked_until', '<=', now))
        .returning('failures')
        .executeTakeFirst();
      // Roll back the source's claim: an attempt the account refused checks no password and must not count.
      if (!acc) throw new Refused('account');
      return { ok: true as const, source: src.failures, account: acc.failures, locksSource: src.failures >= rules.maxFailures };
    });
  } catch (err) {
    if (!(err instanceof Refused)) throw err;
    const row = await db.selectFrom('login_throttle').select('blocked_until')
      .where('username', '=', username).where('source', '=', err.scope === 'source' ? source : ACCOUNT).executeTakeFirst();
    return { ok: false, scope: err.scope, until: Number(row?.blocked_until ?? now) };
  }
}

/**
 * After a correct password: take back this attempt's claims. A row nobody claimed since is cleared (count,
 * lock and delay); otherwise only this attempt's own count is removed, and locks set by the others stay.
 */
export async function releaseClaim(db: Db, username: string, source: string, claim: { source: number; account: number }): Promise<void> {
  for (const [src, n] of [[source, claim.source], [ACCOUNT, claim.account]] as const) {
    await db.updateTable('login_throttle').set({
      failures: sql`CASE WHEN failures = ${n} THEN 0 ELSE failures - 1 END`,
      blocked_until: sql`CASE WHEN failures = ${n} THEN ${bigint(0)} ELSE blocked_until END`,
      delay_ms: sql`CASE WHEN failures = ${n} THEN ${bigint(0)} ELSE delay_ms END`,
    }).where('username', '=', username).where('source', '=', src).where('failures', '>', 0).execute();
  }
}

/** An admin's "unlock": every source of the account may try again at once. */
export async function clearLoginThrottle(db: Kysely<Database>, username: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('username', '=', username).execute();
}

/** Forget rows nobody has tried for a day (names that do not exist included), once their lock has passed. */
export async function forgetStaleThrottle(db: Db, now: Date): Promise<void> {
  const t = now.getTime();
  await db.deleteFrom('login_throttle').where('updated_at', '<', t - FORGET_AFTER_MS).where('blocked_until', '<', t).execute();
}

defineJob({ name: 'auth.forget_login_failures', label: '清除过期的登录失败记录', everyMs: 60 * 60_000, run: forgetStaleThrottle });
