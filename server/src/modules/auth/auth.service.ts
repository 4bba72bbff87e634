import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { writeAudit } from '../../platform/audit.ts';
import { createSession, verifyPassword, hashPassword, parseRoles, type AuthContext } from '../../platform/auth.ts';
import { claimAttempt, releaseClaim, throttleRules } from '../../platform/login-throttle.ts';
import { CITY_ROLES } from '@xs/core/roles.ts';

/** The answer to a throttled attempt; the password was not checked. */
function refusal(claim: { scope: 'source' | 'account'; until: number }, now: number): AppError {
  const wait = Math.max(claim.until - now, 1000);
  return claim.scope === 'source'
    ? new AppError('locked', `登录失败次数过多，已锁定，请 ${Math.ceil(wait / 60_000)} 分钟后再试`)
    : new AppError('locked', `该账号登录失败次数过多，请 ${Math.ceil(wait / 1000)} 秒后再试`);
}

/**
 * Log in with a username and password. Each attempt first claims a password check from the throttle
 * (platform/login-throttle.ts): per account and client address, and for the account as a whole. A refused
 * claim is answered without checking the password, so a burst checks at most `security.lockout.maxFailures`
 * passwords per source and lock window, and a correct password during a lock is refused too. Every attempt
 * is audited.
 */
export async function login(db: Db, req: FastifyRequest, input: { username: string; password: string }) {
  const user = await db.selectFrom('users').selectAll().where('username', '=', input.username).executeTakeFirst();
  const source = { ip: req.ip, entity: 'user' };
  if (!user || !user.active) {
    // Hash anyway so a missing account takes as long as a wrong password.
    await verifyPassword('$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG', input.password);
    await writeAudit(db, { ...source, action: 'auth.login_failed', result: 'failure', summary: `登录失败：账号不存在或已停用（${input.username}）` });
    throw new AppError('unauthenticated', '用户名或密码错误');
  }
  const now = new Date();
  const base = { ...source, tenantId: user.tenant_id, actorId: user.id, actorName: user.display_name, entityId: user.id };
  const rules = await throttleRules(db, user.tenant_id);
  const claim = await claimAttempt(db, user.username, req.ip, rules, now.getTime());
  if (!claim.ok) {
    await writeAudit(db, { ...base, action: 'auth.login_failed', result: 'failure', summary: claim.scope === 'source' ? '登录失败：该来源已锁定' : '登录失败：账号登录延时中' });
    throw refusal(claim, now.getTime());
  }
  if (!(await verifyPassword(user.password_hash, input.password))) {
    if (claim.locksSource) {
      const lockMinutes = rules.lockMs / 60_000;
      // For the admin's user list only; the lock itself is the throttle row.
      await db.updateTable('users').set({ locked_until: new Date(now.getTime() + rules.lockMs).toISOString() }).where('id', '=', user.id).execute();
      await writeAudit(db, { ...base, action: 'auth.locked', result: 'failure', summary: `来自 ${req.ip} 连续 ${rules.maxFailures} 次密码错误，该来源锁定 ${lockMinutes} 分钟` });
      throw new AppError('locked', `登录失败次数过多，已锁定 ${lockMinutes} 分钟，请稍后再试`);
    }
    await writeAudit(db, { ...base, action: 'auth.login_failed', result: 'failure', summary: '登录失败：密码错误' });
    throw new AppError('unauthenticated', `用户名或密码错误，再错 ${rules.maxFailures - claim.source} 次将锁定账号`);
  }
  await releaseClaim(db, user.username, req.ip, claim);
  await db.updateTable('users').set({ last_login_at: now.toISOString() }).where('id', '=', user.id).execute();
  const session = await createSession(db, user.id, user.tenant_id, req);
  await writeAudit(db, { ...base, action: 'auth.login', summary: '登录成功' });
  return session;
}

export async function describeSession(db: Db, auth: AuthContext) {
  const [tenant, home] = await Promise.all([
    db.selectFrom('orgs').select(['id', 'name', 'kind']).where('id', '=', auth.tenantId).executeTakeFirstOrThrow(),
    db.selectFrom('orgs').select(['id', 'name', 'kind']).where('id', '=', auth.user.homeTenantId).executeTakeFirstOrThrow(),
  ]);
  return {
    user: { ...auth.user },
    tenant,
    homeTenant: home,
    permissions: [...auth.permissions].sort(),
    csrfToken: auth.csrfToken,
    mustChangePassword: auth.passwordExpired,
  };
}

/** The tenants a user may act in: their own, and for city users every county under the city. */
export async function switchableTenants(db: Db, auth: AuthContext) {
  const home = await db.selectFrom('orgs').select(['id', 'name', 'kind']).where('id', '=', auth.user.homeTenantId).executeTakeFirstOrThrow();
  if (!auth.user.roles.some((r) => CITY_ROLES.includes(r)) || home.kind !== 'city') return [home];
  const counties = await db.selectFrom('orgs').select(['id', 'name', 'kind'])
    .where('parent_id', '=', home.id).where('kind', '=', 'county').orderBy('sort').orderBy('id').execute();
  return [home, ...counties];
}

export async function switchTenant(db: Db, req: FastifyRequest, auth: AuthContext, tenantId: number) {
  const allowed = await switchableTenants(db, auth);
  const target = allowed.find((t) => t.id === tenantId);
  if (!target) throw new AppError('not_found', '该单位不存在或不在您的管辖范围内');
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('sessions').set({ tenant_id: tenantId }).where('id', '=', auth.sessionId).execute();
    await writeAudit(trx, { tenantId: auth.user.homeTenantId, actorId: auth.user.id, actorName: auth.user.displayName, ip: req.ip,
      action: 'auth.switch_tenant', entity: 'org', entityId: tenantId, summary: `切换到「${target.name}」` });
  });
  return target;
}

export async function changePassword(db: Db, req: FastifyRequest, auth: AuthContext, input: { currentPassword: string; newPassword: string }) {
  const user = await db.selectFrom('users').select(['password_hash']).where('id', '=', auth.user.id).executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw new AppError('validation_failed', '当前密码不正确', [{ path: 'currentPassword', message: '当前密码不正确' }]);
  }
  if (input.currentPassword === input.newPassword) {
    throw new AppError('validation_failed', '新密码不能与当前密码相同', [{ path: 'newPassword', message: '新密码不能与当前密码相同' }]);
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: passwordHash, password_changed_at: new Date().toISOString() })
      .where('id', '=', auth.user.id).execute();
    // Other sessions of this user end: a changed password should lock out whoever knew the old one.
    await trx.deleteFrom('sessions').where('user_id', '=', auth.user.id).where('id', '!=', auth.sessionId).execute();
    await writeAudit(trx, { tenantId: auth.user.homeTenantId, actorId: auth.user.id, actorName: auth.user.displayName, ip: req.ip,
      action: 'auth.password_changed', entity: 'user', entityId: auth.user.id, summary: '修改密码' });
  });
}

export { parseRoles };
