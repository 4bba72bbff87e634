/**
 * Every module's core half. A new module adds ONE line here (its `defineCoreModule` export); the
 * permissions, role grants and audit names of the whole product are read from this list.
 */
export { platformModule } from './platform.ts';
export { cluesModule } from './clues.ts';
export { tasksModule } from './tasks.ts';
export { workModule } from './work.ts';
export { consultationsModule } from './consultations.ts';
export { proposalsModule } from './proposals.ts';
