/**
 * What a feature module declares in core, where both the server and the web read it: its permissions
 * (and which roles get them) and the Chinese names of its audit actions. The server half of a module
 * (routes, tables, migrations, settings, jobs, seeders) is its manifest in server/src/modules/<name>/.
 */
import type { Role } from './roles.ts';

export interface PermissionDef {
  /** Chinese name, shown in the role editor and errors. */
  label: string;
  /** The roles that hold it in their own tenant. */
  roles: readonly Role[];
  /** A read-only permission is also held by city users acting inside one of their counties. */
  readOnly?: boolean;
}

export interface CoreModule<P extends string = string> {
  name: string;
  label: string;
  permissions: Record<P, PermissionDef>;
  /** Audit action (`entity.verb`) → Chinese name, for actions that are not workflow transitions. */
  auditActions?: Record<string, string>;
  /** Audit entity → Chinese name (also the audit log's filter choices). */
  auditEntities?: Record<string, string>;
  /** Declared workflows: their transitions name audit actions `<workflow>.<transition>`. */
  workflows?: readonly { name: string; label: string; transitions: Record<string, { label: string }> }[];
}

/** Declare a module's core half; the literal keys of `permissions` become part of the `Permission` type. */
export function defineCoreModule<const P extends string>(m: CoreModule<P>): CoreModule<P> {
  return m;
}
