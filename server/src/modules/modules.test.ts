/** The module manifests: what the platform reads from them is well formed and reaches the platform. */
import { describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLE_PERMISSIONS, ROLES } from '@xs/core/roles.ts';
import * as CORE_MODULES from '@xs/core/modules/index.ts';
import { MIGRATIONS } from '../db/migrate.ts';
import { settingDefs } from '../platform/settings.ts';
import { registeredJobs } from '../platform/scheduler.ts';
import { installModules, MODULES } from './index.ts';

describe('module manifests', () => {
  it('have unique kebab-case names', () => {
    const names = MODULES.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[a-z][a-z0-9-]*$/);
  });

  it('name migrations by date and time, and a module\'s later migrations carry its name', () => {
    for (const name of Object.keys(MIGRATIONS)) expect(name).toMatch(/^\d{8}_\d{4}_[a-z0-9_]+$/);
    expect(Object.keys(MIGRATIONS)).toEqual(Object.keys(MIGRATIONS).sort());
    for (const m of MODULES) {
      for (const name of Object.keys(m.migrations ?? {})) {
        // Before the manifest (2026-11-29) migrations were numbered; since then the module's name keeps two
        // modules written at the same time from choosing the same key.
        if (name > '20261130') expect(name, `${m.name}: ${name}`).toContain(`_${m.name.replaceAll('-', '_')}_`);
      }
    }
  });

  it('bring their settings and jobs to the platform', () => {
    installModules();
    const keys = new Set(settingDefs().map(([k]) => k));
    const jobs = new Set(registeredJobs().map((j) => j.name));
    for (const m of MODULES) {
      for (const k of Object.keys(m.settings ?? {})) expect(keys, `${m.name}: setting ${k}`).toContain(k);
      for (const j of m.jobs ?? []) {
        expect(jobs, `${m.name}: job ${j.name}`).toContain(j.name);
        // The job-health page shows this name to admins.
        expect(j.label, `${m.name}: job ${j.name} needs a Chinese label`).toMatch(/[\u4e00-\u9fff]/);
      }
    }
    expect(keys).toContain('clue.deadline.forward');
    expect(jobs).toContain('clue.archive');
  });

  it('declare every permission once, each held by some role, and name their audit actions in Chinese', () => {
    const declared = Object.values(CORE_MODULES).flatMap((m) => Object.keys(m.permissions));
    expect(new Set(declared).size).toBe(declared.length);
    expect(Object.keys(PERMISSIONS).sort()).toEqual([...declared].sort());
    for (const p of declared) expect(ROLES.some((r) => (ROLE_PERMISSIONS[r] as string[]).includes(p)), p).toBe(true);
    for (const m of Object.values(CORE_MODULES)) {
      for (const label of Object.values(m.auditActions ?? {})) expect(label).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
