/**
 * The feature modules, in the order they register. Each is a manifest: its API routes (under
 * /api/v1) and anything else the platform needs from it. A module never reaches into another's tables.
 */
import type { FastifyPluginAsync } from 'fastify';
import { authRoutes } from './auth/auth.routes.ts';
import { orgRoutes } from './orgs/orgs.routes.ts';
import { memberRoutes } from './members/members.routes.ts';
import { userRoutes } from './users/users.routes.ts';
import { auditRoutes } from './audit/audit.routes.ts';
import { posterRoutes } from './orgs/posters.ts';
import { clueRoutes } from './clues/clues.routes.ts';
import { cluePublicRoutes } from './clues/clues.public.routes.ts';
import './clues/clues.jobs.ts';
import { settingsRoutes } from './settings/settings.routes.ts';
import { notificationRoutes } from './notifications/notifications.routes.ts';
import { jobRoutes } from './jobs/jobs.routes.ts';

export interface FeatureModule {
  name: string;
  label: string;
  routes: FastifyPluginAsync;
}

export const MODULES: FeatureModule[] = [
  { name: 'auth', label: '账号', routes: authRoutes },
  { name: 'orgs', label: '组织数据', routes: orgRoutes },
  { name: 'members', label: '委员', routes: memberRoutes },
  { name: 'users', label: '用户', routes: userRoutes },
  { name: 'audit', label: '审计日志', routes: auditRoutes },
  { name: 'settings', label: '规则设置', routes: settingsRoutes },
  { name: 'notifications', label: '消息', routes: notificationRoutes },
  { name: 'jobs', label: '定时任务', routes: jobRoutes },
  { name: 'posters', label: '码上议海报', routes: posterRoutes },
  { name: 'clues', label: '直通政协', routes: clueRoutes },
  { name: 'clues-public', label: '直通政协（公开）', routes: cluePublicRoutes },
];
