/**
 * The feature modules, read from their manifests (registry.ts lists them). The platform takes every
 * module's routes, migrations, settings, jobs and demo seeders from here and names no feature itself.
 */
import type { ModuleManifest } from '../platform/module.ts';
import { defineSettings } from '../platform/settings.ts';
import { defineJob } from '../platform/scheduler.ts';
import { registerCaseType } from '../platform/cases.ts';
import * as registry from './registry.ts';

export const MODULES: readonly ModuleManifest[] = Object.values(registry);

{
  const names = new Set<string>();
  for (const m of MODULES) {
    if (names.has(m.name)) throw new Error(`two modules are named ${m.name}`);
    names.add(m.name);
  }
}

let installed = false;
/**
 * Register every module's settings, jobs and case types with the platform. Called by the app at start and by any
 * other entry point that runs module code on its own (the clue intake thread). Idempotent.
 */
export function installModules(): void {
  if (installed) return;
  installed = true;
  for (const m of MODULES) {
    if (m.settings) defineSettings(m.settings);
    for (const job of m.jobs ?? []) defineJob(job);
    for (const t of m.caseTypes ?? []) registerCaseType(t);
  }
}
