import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLE_LABELS, ROLES, CITY_ROLES, type Role } from '@xs/core/roles.ts';
import { UserCreateSchema, UserListSchema, UserSchema, UserUpdateSchema } from '@xs/core/schemas/orgs.ts';
import { IdParamsSchema, maskPhone, text } from '@xs/core/validation.ts';
import type { UsersTable } from '../../platform/platform.table.ts';
import { affected, type Db } from '../../db/database.ts';
import { authOf, hashPassword, parseRoles } from '../../platform/auth.ts';
import { clearLoginThrottle } from '../../platform/login-throttle.ts';
import { auditSource, writeAudit } from '../../platform/audit.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { checkRefs } from '../../platform/crud.ts';
import { isUniqueViolation } from '../../platform/db-errors.ts';
import { sendWorkbook } from '../../platform/excel.ts';
import { containsIgnoringCase } from '../../platform/like.ts';
import type { Selectable, Updateable } from 'kysely';

function toDto(u: Selectable<UsersTable>) {
  return {
    id: u.id, username: u.username, displayName: u.display_name, phone: maskPhone(u.phone), roles: parseRoles(u.roles),
    unitId: u.unit_id, unitLead: u.unit_lead === 1, memberId: u.member_id, active: u.active === 1, locked: !!u.locked_until && Date.parse(u.locked_until) > Date.now(),
    lastLoginAt: u.last_login_at, createdAt: u.created_at, version: u.version,
  };
}

/** City roles exist only in the city's tenant; county roles only in a county. */
async function checkRoles(db: Db, tenantId: number, roles: Role[]) {
  const org = await db.selectFrom('orgs').select('kind').where('id', '=', tenantId).executeTakeFirstOrThrow();
  const wrong = roles.filter((r) => (org.kind === 'city') !== CITY_ROLES.includes(r));
  return wrong.length ? [{ path: 'roles', message: `${org.kind === 'city' ? '市政协' : '县区'}用户不能使用角色：${wrong.map((r) => ROLE_LABELS[r]).join('、')}` }] : [];
}

const ListQuery = z.strictObject({
  q: text(50, 0).optional(),
  role: z.enum(ROLES).optional(),
});

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app;

  async function list(tenantId: number, query: z.infer<typeof ListQuery>) {
    let q = db.selectFrom('users').selectAll().where('tenant_id', '=', tenantId);
    const text = query.q;
    if (text) q = q.where((eb) => eb.or([containsIgnoringCase('username', text), containsIgnoringCase('display_name', text)]));
    if (query.role) q = q.where('roles', 'like', `%"${query.role}"%`);
    return (await q.orderBy('id').limit(5000).execute()).map(toDto);
  }

  app.get('/users', {
    schema: { tags: ['用户'], summary: '用户列表', querystring: ListQuery, response: { 200: UserListSchema } },
    config: { permission: 'user.manage' },
  }, async (req) => ({ items: await list(authOf(req).tenantId, req.query) }));

  app.get('/users/export', {
    schema: { tags: ['用户'], summary: '导出用户（Excel）', querystring: ListQuery },
    config: { permission: 'user.manage' },
  }, async (req, reply) => sendWorkbook(reply, '用户', '用户', [
    { header: '用户名', value: (u) => u.username },
    { header: '姓名', value: (u) => u.displayName },
    { header: '角色', width: 30, value: (u) => u.roles.map((r) => ROLE_LABELS[r]).join('、') },
    { header: '状态', value: (u) => (u.active ? '启用' : '停用') },
    { header: '最近登录', width: 24, value: (u) => u.lastLoginAt },
    { header: '单位负责人', value: (u) => (u.unitLead ? '是' : '') },
  ], await list(authOf(req).tenantId, req.query)));

  app.post('/users', {
    schema: { tags: ['用户'], summary: '新增用户', body: UserCreateSchema, response: { 201: UserSchema } },
    config: { permission: 'user.manage' },
  }, async (req, reply) => {
    const auth = authOf(req);
    const b = req.body;
    const issues = [
      ...(await checkRoles(db, auth.tenantId, b.roles)),
      ...(await checkRefs(db, auth.tenantId, [
        { field: 'unitId', table: 'units', id: b.unitId, label: '承办单位' },
        { field: 'memberId', table: 'members', id: b.memberId, label: '委员' },
      ])),
    ];
    if (b.roles.includes('unit_handler') && !b.unitId) issues.push({ path: 'unitId', message: '承办单位用户须选择所属单位' });
    if (b.unitLead && !b.unitId) issues.push({ path: 'unitLead', message: '单位负责人须属于一个承办单位' });
    if (issues.length) throw invalid(issues);
    const now = new Date().toISOString();
    const password_hash = await hashPassword(b.password, app.config.passwordCost);
    try {
      const user = await db.transaction().execute(async (trx) => {
        const u = await trx.insertInto('users').values({
          tenant_id: auth.tenantId, username: b.username, display_name: b.displayName, phone: b.phone ?? null, password_hash,
          roles: JSON.stringify(b.roles), unit_id: b.unitId ?? null, unit_lead: b.unitLead && b.unitId ? 1 : 0, member_id: b.memberId ?? null, active: 1, failed_logins: 0,
          locked_until: null, password_changed_at: now, last_login_at: null, created_at: now, version: 1,
        }).returningAll().executeTakeFirstOrThrow();
        await writeAudit(trx, { ...auditSource(req), action: 'user.create', entity: 'user', entityId: u.id, summary: `新增用户「${u.display_name}」（${u.username}）`, after: { ...b, password: undefined } });
        return u;
      });
      reply.status(201);
      return toDto(user);
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('conflict', '用户名已被使用', [{ path: 'username', message: '用户名已被使用' }]);
      throw err;
    }
  });

  app.patch('/users/:id', {
    schema: { tags: ['用户'], summary: '修改用户（角色、停用、重置密码、解除锁定）', params: IdParamsSchema, body: UserUpdateSchema, response: { 200: UserSchema } },
    config: { permission: 'user.manage', entity: 'users' },
  }, async (req) => {
    const auth = authOf(req);
    const before = await db.selectFrom('users').selectAll().where('id', '=', req.params.id).where('tenant_id', '=', auth.tenantId).executeTakeFirst();
    if (!before) throw notFound('用户');
    const b = req.body;
    const issues = [
      ...(b.roles ? await checkRoles(db, auth.tenantId, b.roles) : []),
      ...(await checkRefs(db, auth.tenantId, [
        { field: 'unitId', table: 'units', id: b.unitId, label: '承办单位' },
        { field: 'memberId', table: 'members', id: b.memberId, label: '委员' },
      ])),
    ];
    if (b.unitLead && !(b.unitId === undefined ? before.unit_id : b.unitId)) issues.push({ path: 'unitLead', message: '单位负责人须属于一个承办单位' });
    if (before.id === auth.user.id && (b.active === false || (b.roles && !b.roles.some((r) => r === 'county_admin' || r === 'city_admin')))) {
      issues.push({ path: b.active === false ? 'active' : 'roles', message: '不能停用自己或去掉自己的管理员角色' });
    }
    if (issues.length) throw invalid(issues);
    const changes: Updateable<UsersTable> = {};
    if (b.displayName !== undefined) changes.display_name = b.displayName;
    if (b.phone !== undefined) changes.phone = b.phone;
    if (b.roles) changes.roles = JSON.stringify(b.roles);
    if (b.unitId !== undefined) changes.unit_id = b.unitId;
    // A 负责人 belongs to a unit: leaving the unit ends the role.
    if (b.unitLead !== undefined || b.unitId === null) changes.unit_lead = b.unitLead && (b.unitId ?? before.unit_id) ? 1 : 0;
    if (b.memberId !== undefined) changes.member_id = b.memberId;
    if (b.active !== undefined) changes.active = b.active ? 1 : 0;
    if (b.unlock) Object.assign(changes, { locked_until: null, failed_logins: 0 });
    // An admin-set password is due for change at once (password_changed_at in the distant past).
    if (b.password) Object.assign(changes, { password_hash: await hashPassword(b.password, app.config.passwordCost), password_changed_at: '1970-01-01T00:00:00.000Z' });
    const updated = await db.transaction().execute(async (trx) => {
      const r = await trx.updateTable('users').set({ ...changes, version: before.version + 1 })
        .where('id', '=', before.id).where('tenant_id', '=', auth.tenantId).where('version', '=', b.version).executeTakeFirst();
      if (affected(r) === 0) throw new AppError('stale_version', '该用户已被他人修改，请刷新后再试');
      if (b.active === false || b.password || b.roles) await trx.deleteFrom('sessions').where('user_id', '=', before.id).execute();
      if (b.unlock) await clearLoginThrottle(trx, before.username);
      await writeAudit(trx, { ...auditSource(req), action: 'user.update', entity: 'user', entityId: before.id,
        summary: `修改用户「${before.display_name}」${b.password ? '（重置密码）' : ''}${b.unlock ? '（解除锁定）' : ''}`,
        before: toDto(before), after: { ...b, password: undefined } });
      return trx.selectFrom('users').selectAll().where('id', '=', before.id).executeTakeFirstOrThrow();
    });
    return toDto(updated);
  });
};
