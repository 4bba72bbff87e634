export * from './roles.ts';
export * from './errors.ts';
export * from './validation.ts';
export * from './calendar.ts';
export * from './workflow.ts';
export * from './schemas/orgs.ts';
export * from "./schemas/clues.ts";
