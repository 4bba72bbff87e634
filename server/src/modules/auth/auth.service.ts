import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { writeAudit } from '../../platform/audit.ts';
import { createSession, verifyPassword, hashPassword, parseRoles, standInHash, type AuthContext } from '../../platform/auth.ts';
import { getSetting } from '../../platform/settings.ts';
import { CITY_ROLES } from '@xs/core/roles.ts';

/**
 * Log in with a username and password. Failures are counted; after `security.lockout.maxFailures`
 * in a row the account is locked for `security.lockout.minutes`. Every attempt is audited.
 */
export async function login(db: Db, req: FastifyRequest, input: { username: string; password: string }) {
  const user = await db.selectFrom('users').selectAll().where('username', '=', input.username).executeTakeFirst();
  const source = { ip: req.ip, entity: 'user' };
  if (!user || !user.active) {
    // Hash anyway so a missing account takes as long as a wrong password.
    await verifyPassword(await standInHash(req.server.config.passwordCost), input.password);
    await writeAudit(db, { ...source, action: 'auth.login_failed', result: 'failure', summary: `登录失败：账号不存在或已停用（${input.username}）` });
    throw new AppError('unauthenticated', '用户名或密码错误');
  }
  const now = new Date();
  const base = { ...source, tenantId: user.tenant_id, actorId: user.id, actorName: user.display_name, entityId: user.id };
  if (user.locked_until && Date.parse(user.locked_until) > now.getTime()) {
    const minutes = Math.ceil((Date.parse(user.locked_until) - now.getTime()) / 60_000);
    await writeAudit(db, { ...base, action: 'auth.login_failed', result: 'failure', summary: '登录失败：账号已锁定' });
    throw new AppError('locked', `登录失败次数过多，账号已锁定，请 ${minutes} 分钟后再试`);
  }
  if (!(await verifyPassword(user.password_hash, input.password))) {
    const max = await getSetting(db, user.tenant_id, 'security.lockout.maxFailures');
    const lockMinutes = await getSetting(db, user.tenant_id, 'security.lockout.minutes');
    const updated = await db
      .updateTable('users')
      .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
      .where('id', '=', user.id)
      .returning('failed_logins')
      .executeTakeFirstOrThrow();
    if (updated.failed_logins >= max) {
      await db.updateTable('users')
        .set({ failed_logins: 0, locked_until: new Date(now.getTime() + lockMinutes * 60_000).toISOString() })
        .where('id', '=', user.id).execute();
      await writeAudit(db, { ...base, action: 'auth.locked', result: 'failure', summary: `连续 ${max} 次密码错误，账号锁定 ${lockMinutes} 分钟` });
      throw new AppError('locked', `连续 ${max} 次密码错误，账号已锁定 ${lockMinutes} 分钟`);
    }
    await writeAudit(db, { ...base, action: 'auth.login_failed', result: 'failure', summary: '登录失败：密码错误' });
    throw new AppError('unauthenticated', `用户名或密码错误，再错 ${max - updated.failed_logins} 次将锁定账号`);
  }
  await db.updateTable('users')
    .set({ failed_logins: 0, locked_until: null, last_login_at: now.toISOString() })
    .where('id', '=', user.id).execute();
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

export { parseRoles };
