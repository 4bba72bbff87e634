/**
 * The feature modules. A new module adds ONE line here: the export of its manifest
 * (`<name>.module.ts`, see platform/module.ts).
 */
export { authModule } from './auth/auth.module.ts';
export { orgsModule } from './orgs/orgs.module.ts';
export { membersModule } from './members/members.module.ts';
export { usersModule } from './users/users.module.ts';
export { auditModule } from './audit/audit.module.ts';
export { settingsModule } from './settings/settings.module.ts';
export { notificationsModule } from './notifications/notifications.module.ts';
export { cluesModule } from './clues/clues.module.ts';
export { tasksModule } from './tasks/tasks.module.ts';
export { jobsModule } from './jobs/jobs.module.ts';
export { workModule } from './work/work.module.ts';
export { consultationsModule } from './consultations/consultations.module.ts';
export { proposalsModule } from './proposals/proposals.module.ts';
