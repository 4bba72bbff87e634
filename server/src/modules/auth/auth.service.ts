import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { writeAudit } from '../../platform/audit.ts';
import { createSession, endOtherSessions, verifyPassword, hashPassword, parseRoles, standInHash, type AuthContext } from '../../platform/auth.ts';
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
 * passwords per source and lock window, and a correct password during a lock is refused too.
 * An unknown or disabled name goes through the same claims, the same hash check and the same answers, so
 * nothing tells whether an account exists. Every attempt is audited.
 */
export async function login(db: Db, req: FastifyRequest, input: { username: string; password: string }) {
  const found = await db.selectFrom('users').selectAll().where('username', '=', input.username).executeTakeFirst();
  const user = found?.active ? found : undefined;
  const now = Date.now();
  const base = user
    ? { ip: req.ip, entity: 'user', tenantId: user.tenant_id, actorId: user.id, actorName: user.display_name, entityId: user.id }
    : { ip: req.ip, entity: 'user' };
  // Audit entries of an unknown name say which name was tried.
  const who = user ? '' : `（账号不存在或已停用：${input.username}）`;
  const rules = await throttleRules(db, found?.tenant_id ?? 0);
  const claim = await claimAttempt(db, input.username, req.ip, rules, now);
  if (!claim.ok) {
    await writeAudit(db, { ...base, action: 'auth.login_failed', result: 'failure', summary: `${claim.scope === 'source' ? '登录失败：该来源已锁定' : '登录失败：账号登录延时中'}${who}` });
    throw refusal(claim, now);
  }
  const matches = await verifyPassword(user?.password_hash ?? (await standInHash(req.server.config.passwordCost)), input.password);
  if (!user || !matches) {
    if (claim.locksSource) {
      const lockMinutes = rules.lockMs / 60_000;
      // For the admin's user list only (the lock itself is the throttle row); by name, so an unknown one costs the same.
      await db.updateTable('users').set({ locked_until: new Date(now + rules.lockMs).toISOString() }).where('username', '=', input.username).execute();
      await writeAudit(db, { ...base, action: 'auth.locked', result: 'failure', summary: `来自 ${req.ip} 连续 ${rules.maxFailures} 次密码错误，该来源锁定 ${lockMinutes} 分钟${who}` });
      throw new AppError('locked', `登录失败次数过多，已锁定 ${lockMinutes} 分钟，请稍后再试`);
    }
    await writeAudit(db, { ...base, action: 'auth.login_failed', result: 'failure', summary: user ? '登录失败：密码错误' : `登录失败：账号不存在或已停用（${input.username}）` });
    throw new AppError('unauthenticated', '用户名或密码错误');
  }
  await releaseClaim(db, user.username, req.ip, claim);
  await db.updateTable('users').set({ last_login_at: new Date(now).toISOString() }).where('id', '=', user.id).execute();
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

/**
 * Change one's own password. The current password is checked through the login throttle (the same rows as
 * login: this account from this address, and the account as a whole), so the form is no oracle for guessing it.
 */
export async function changePassword(db: Db, req: FastifyRequest, auth: AuthContext, input: { currentPassword: string; newPassword: string }) {
  if (input.currentPassword === input.newPassword) {
    throw new AppError('validation_failed', '新密码不能与当前密码相同', [{ path: 'newPassword', message: '新密码不能与当前密码相同' }]);
  }
  const user = await db.selectFrom('users').select(['username', 'password_hash']).where('id', '=', auth.user.id).executeTakeFirstOrThrow();
  const now = Date.now();
  const base = { tenantId: auth.user.homeTenantId, actorId: auth.user.id, actorName: auth.user.displayName, ip: req.ip, entity: 'user', entityId: auth.user.id };
  const rules = await throttleRules(db, auth.user.homeTenantId);
  const claim = await claimAttempt(db, user.username, req.ip, rules, now);
  if (!claim.ok) throw refusal(claim, now);
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    if (claim.locksSource) {
      const lockMinutes = rules.lockMs / 60_000;
      await db.updateTable('users').set({ locked_until: new Date(now + rules.lockMs).toISOString() }).where('id', '=', auth.user.id).execute();
      await writeAudit(db, { ...base, action: 'auth.locked', result: 'failure', summary: `修改密码时来自 ${req.ip} 连续 ${rules.maxFailures} 次当前密码错误，该来源锁定 ${lockMinutes} 分钟` });
      throw new AppError('locked', `密码错误次数过多，已锁定 ${lockMinutes} 分钟，请稍后再试`);
    }
    await writeAudit(db, { ...base, action: 'auth.login_failed', result: 'failure', summary: '修改密码：当前密码错误' });
    throw new AppError('validation_failed', '当前密码不正确', [{ path: 'currentPassword', message: '当前密码不正确' }]);
  }
  await releaseClaim(db, user.username, req.ip, claim);
  const passwordHash = await hashPassword(input.newPassword, req.server.config.passwordCost);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: passwordHash, password_changed_at: new Date().toISOString() })
      .where('id', '=', auth.user.id).execute();
    // Other sessions of this user end: a changed password should lock out whoever knew the old one.
    await trx.deleteFrom('sessions').where('user_id', '=', auth.user.id).where('id', '!=', auth.sessionId).execute();
    await writeAudit(trx, { tenantId: auth.user.homeTenantId, actorId: auth.user.id, actorName: auth.user.displayName, ip: req.ip,
      action: 'auth.password_changed', entity: 'user', entityId: auth.user.id, summary: '修改密码' });
  });
}

/** End every other session of the user ("sign out other devices"), audited with how many ended. */
export async function signOutOtherDevices(db: Db, req: FastifyRequest, auth: AuthContext): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const ended = await endOtherSessions(trx, auth);
    await writeAudit(trx, { tenantId: auth.user.homeTenantId, actorId: auth.user.id, actorName: auth.user.displayName, ip: req.ip,
      action: 'auth.logout_others', entity: 'user', entityId: auth.user.id, summary: `退出其他设备（${ended} 个登录）` });
    return ended;
  });
}

export { parseRoles };
