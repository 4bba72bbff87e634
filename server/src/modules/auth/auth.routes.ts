import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ChangePasswordSchema, LoginSchema, SwitchTenantSchema } from '@xs/core/schemas/orgs.ts';
import { LoginResultSchema, LogoutOthersResultSchema, MeSchema, SwitchTenantResultSchema, TenantListSchema } from '@xs/core/schemas/auth.ts';
import { OkSchema } from '@xs/core/schemas/common.ts';
import { authOf, SESSION_COOKIE, setSessionCookie } from '../../platform/auth.ts';
import { writeAudit } from '../../platform/audit.ts';
import { changePassword, describeSession, login, signOutOtherDevices, switchableTenants, switchTenant } from './auth.service.ts';

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app;

  app.post('/auth/login', {
    schema: { tags: ['账号'], summary: '登录', body: LoginSchema, response: { 200: LoginResultSchema } },
    config: { permission: 'public', rateLimit: { max: config.loginRateLimitMax, timeWindow: 60_000 } },
  }, async (req, reply) => {
    const { token, csrfToken } = await login(db, req, req.body);
    setSessionCookie(reply, token, config.secureCookies);
    return { csrfToken };
  });

  app.post('/auth/logout', {
    schema: { tags: ['账号'], summary: '退出登录', response: { 200: OkSchema } },
    config: { permission: 'authenticated' },
  }, async (req, reply) => {
    const auth = authOf(req);
    await db.deleteFrom('sessions').where('id', '=', auth.sessionId).execute();
    await writeAudit(db, { tenantId: auth.user.homeTenantId, actorId: auth.user.id, actorName: auth.user.displayName, ip: req.ip, action: 'auth.logout', summary: '退出登录' });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  app.post('/auth/logout-others', {
    schema: { tags: ['账号'], summary: '退出其他设备（结束本账号除当前外的所有登录）', response: { 200: LogoutOthersResultSchema } },
    config: { permission: 'authenticated' },
  }, async (req) => ({ ended: await signOutOtherDevices(db, req, authOf(req)) }));

  app.get('/auth/me', {
    schema: { tags: ['账号'], summary: '当前用户、所在单位与权限', response: { 200: MeSchema } },
    config: { permission: 'authenticated' },
  }, async (req) => describeSession(db, authOf(req)));

  app.get('/auth/tenants', {
    schema: { tags: ['账号'], summary: '可切换的单位（市政协用户可查看各县区）', response: { 200: TenantListSchema } },
    config: { permission: 'authenticated' },
  }, async (req) => ({ items: await switchableTenants(db, authOf(req)) }));

  app.post('/auth/switch-tenant', {
    schema: { tags: ['账号'], summary: '切换当前单位', body: SwitchTenantSchema, response: { 200: SwitchTenantResultSchema } },
    config: { permission: 'authenticated' },
  }, async (req) => ({ tenant: await switchTenant(db, req, authOf(req), req.body.tenantId) }));

  app.post('/auth/password', {
    schema: { tags: ['账号'], summary: '修改密码', body: ChangePasswordSchema, response: { 200: OkSchema } },
    config: { permission: 'authenticated' },
  }, async (req) => {
    await changePassword(db, req, authOf(req), req.body);
    return { ok: true as const };
  });
};
