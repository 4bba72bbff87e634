/**
 * Accounts and sessions: argon2id passwords, a random session token in an httpOnly SameSite cookie
 * (only its sha256 is stored, in the database, so several app processes share sessions), a CSRF token
 * per session checked on every state-changing request, lockout after repeated failures, idle timeout.
 * The route guard here is the single place permissions are enforced: every API route declares one.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hash, verify } from '@node-rs/argon2';
import { permissionsFor, type Permission, type Role, ROLES } from '@xs/core/roles.ts';
import type { Actor } from '@xs/core/workflow.ts';
import type { PasswordCost } from '../config.ts';
import type { Db } from '../db/database.ts';
import { AppError } from './errors.ts';
import { getSetting } from './settings.ts';

export const SESSION_COOKIE = 'xs_sid';
export const CSRF_HEADER = 'x-csrf-token';

export type RoutePermission = Permission | 'public' | 'authenticated';

export interface AuthUser {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  homeTenantId: number;
  unitId: number | null;
  memberId: number | null;
}

export interface AuthContext {
  user: AuthUser;
  /** The tenant every query is scoped to: the user's county, or the county a city user switched to. */
  tenantId: number;
  sessionId: string;
  csrfToken: string;
  permissions: Set<Permission>;
  actor: Actor;
  /** Past `security.passwordMaxAgeDays` (or reset by an admin): only the account routes stay open. */
  passwordExpired: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
  interface FastifyContextConfig {
    /** What the caller must hold; API routes without one refuse to register. */
    permission?: RoutePermission;
    /** The table whose row `:id` names; the route matrix test uses it to try another county's id. */
    entity?: string;
    /** The module whose manifest registered the route (set by buildApp). */
    module?: string;
  }
}

/** argon2id (the library's default algorithm) at `cost`: config.passwordCost, in production PASSWORD_COST. */
export function hashPassword(password: string, cost: PasswordCost): Promise<string> {
  return hash(password, { memoryCost: cost.memoryCost, timeCost: cost.timeCost, parallelism: 1 });
}

const standIns = new Map<string, Promise<string>>();
/**
 * A hash of no one's password at `cost`: a login for an unknown account is checked against it, so it
 * takes as long as a wrong password for a real one.
 */
export function standInHash(cost: PasswordCost): Promise<string> {
  const key = `${cost.memoryCost}/${cost.timeCost}`;
  let h = standIns.get(key);
  if (!h) standIns.set(key, (h = hashPassword(randomBytes(16).toString('hex'), cost)));
  return h;
}

let verifications = 0;

/** Passwords checked by this process so far: the lockout tests count real checks with it. */
export function passwordVerifications(): number {
  return verifications;
}

export function verifyPassword(stored: string, password: string): Promise<boolean> {
  verifications++;
  return verify(stored, password).catch(() => false);
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export function parseRoles(json: string): Role[] {
  const raw: unknown = JSON.parse(json);
  return Array.isArray(raw) ? raw.filter((r): r is Role => (ROLES as readonly string[]).includes(r)) : [];
}

const TOUCH_EVERY_MS = 60_000;

async function loadSession(db: Db, token: string): Promise<AuthContext | null> {
  const id = sha256(token);
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      's.id', 's.tenant_id', 's.csrf_token', 's.last_seen_at',
      'u.id as user_id', 'u.username', 'u.display_name', 'u.roles', 'u.tenant_id as home_tenant_id',
      'u.unit_id', 'u.member_id', 'u.active', 'u.password_changed_at',
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!row || !row.active) return null;
  const [idleMinutes, maxAgeDays] = await Promise.all([
    getSetting(db, row.home_tenant_id, 'security.idleMinutes'),
    getSetting(db, row.home_tenant_id, 'security.passwordMaxAgeDays'),
  ]);
  const now = Date.now();
  const lastSeen = Date.parse(row.last_seen_at);
  if (now - lastSeen > idleMinutes * 60_000) {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
    return null;
  }
  if (now - lastSeen > TOUCH_EVERY_MS) {
    await db.updateTable('sessions').set({ last_seen_at: new Date(now).toISOString() }).where('id', '=', id).execute();
  }
  const roles = parseRoles(row.roles);
  const user: AuthUser = {
    id: row.user_id,
    username: row.username,
    displayName: row.display_name,
    roles,
    homeTenantId: row.home_tenant_id,
    unitId: row.unit_id,
    memberId: row.member_id,
  };
  return {
    user,
    tenantId: row.tenant_id,
    sessionId: id,
    csrfToken: row.csrf_token,
    permissions: permissionsFor(roles, row.tenant_id === row.home_tenant_id),
    actor: { id: user.id, name: user.displayName, roles, unitId: user.unitId, memberId: user.memberId },
    passwordExpired: now - Date.parse(row.password_changed_at) > maxAgeDays * 86_400_000,
  };
}

export async function createSession(db: Db, userId: number, tenantId: number, req: FastifyRequest) {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const now = new Date().toISOString();
  const id = sha256(token);
  await db
    .insertInto('sessions')
    .values({
      id,
      user_id: userId,
      tenant_id: tenantId,
      csrf_token: csrfToken,
      created_at: now,
      last_seen_at: now,
      ip: req.ip,
      user_agent: req.headers['user-agent']?.slice(0, 300) ?? null,
    })
    .execute();
  // A login does not end the others (several devices are normal), but their number is capped: oldest out first.
  const max = await getSetting(db, tenantId, 'security.maxSessionsPerUser');
  const newest = db.selectFrom('sessions').select('id').where('user_id', '=', userId).where('id', '!=', id)
    .orderBy('created_at', 'desc').orderBy('id', 'desc').limit(max - 1);
  await db.deleteFrom('sessions').where('user_id', '=', userId).where('id', '!=', id).where('id', 'not in', newest).execute();
  return { token, csrfToken };
}

/** "Sign out other devices": every session of the user but this one ends; how many did. */
export async function endOtherSessions(db: Db, auth: AuthContext): Promise<number> {
  const r = await db.deleteFrom('sessions').where('user_id', '=', auth.user.id).where('id', '!=', auth.sessionId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sameToken(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Enforce every API route's declared permission, in onRequest (before the body is parsed), so an
 * anonymous caller gets 401 even with a malformed body, and a route without a declaration cannot exist.
 */
export function installRouteGuard(app: FastifyInstance, db: Db): void {
  app.decorateRequest('auth', null);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1/')) return;
    if (!route.config?.permission) throw new Error(`route ${route.method} ${route.url} declares no permission`);
  });
  app.addHook('onRequest', async (req) => {
    const permission = req.routeOptions.config?.permission;
    if (!permission || permission === 'public') return;
    const token = req.cookies[SESSION_COOKIE];
    req.auth = token ? await loadSession(db, token) : null;
    if (!req.auth) throw new AppError('unauthenticated', '请先登录，或登录已超时');
    if (UNSAFE.has(req.method) && !sameToken(req.headers[CSRF_HEADER] as string | undefined, req.auth.csrfToken)) {
      throw new AppError('csrf_failed', '页面已过期，请刷新后重试');
    }
    // 等保: an expired password must be changed before anything else is done with the account.
    if (req.auth.passwordExpired && !req.routeOptions.url?.startsWith('/api/v1/auth/')) {
      throw new AppError('forbidden', '密码已过期，请先修改密码');
    }
    if (permission !== 'authenticated' && !req.auth.permissions.has(permission)) {
      throw new AppError('forbidden', '您没有权限执行此操作');
    }
  });
}

/** The caller's auth context on a route that declared a permission (never null there). */
export function authOf(req: FastifyRequest): AuthContext {
  if (!req.auth) throw new AppError('unauthenticated', '请先登录');
  return req.auth;
}

/** Who a use-case acts for: the tenant the request acts in, the actor and the client address. */
export function actorOf(req: FastifyRequest): { tenantId: number; actor: Actor; ip: string } {
  const auth = authOf(req);
  return { tenantId: auth.tenantId, actor: auth.actor, ip: req.ip };
}

/** The same for a handling unit's user, with the unit; refused when the account belongs to no unit. */
export function unitActorOf(req: FastifyRequest): { tenantId: number; actor: Actor; ip: string; unitId: number } {
  const auth = authOf(req);
  if (!auth.user.unitId) throw new AppError('forbidden', '您的账号未关联承办单位');
  return { tenantId: auth.tenantId, actor: auth.actor, ip: req.ip, unitId: auth.user.unitId };
}
