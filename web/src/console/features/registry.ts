/**
 * The console's features. A new feature adds ONE line here: the export of its `ConsoleFeature`
 * (`features/<name>/<name>.console.tsx`, see console/module.ts).
 */
export { dashboardConsole } from './dashboard/dashboard.console.tsx';
export { cluesConsole } from './clues/clues.console.tsx';
export { orgsConsole } from './orgs/orgs.console.tsx';
export { membersConsole } from './members/members.console.tsx';
export { usersConsole } from './users/users.console.tsx';
export { auditConsole } from './audit/audit.console.tsx';
export { roadmapConsole } from './roadmap/roadmap.console.tsx';
export { tasksConsole } from './tasks/tasks.console.tsx';
export { settingsConsole } from './settings/settings.console.tsx';
export { inboxConsole } from './inbox/inbox.console.tsx';
export { jobsConsole } from './jobs/jobs.console.tsx';
export { workConsole } from './work/work.console.tsx';
export { clueVocabularyConsole } from './clue-vocabulary/clue-vocabulary.console.tsx';
export { clueOfficeConsole } from './clues/office.console.tsx';
export { consultationsConsole } from './consultations/consultations.console.tsx';
export { proposalsConsole } from './proposals/proposals.console.tsx';
