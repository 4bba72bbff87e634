/**
 * What a module gives the route-matrix test (platform/route-matrix.test.ts) so that every one of its
 * routes is exercised: sample bodies, path-parameter values and a row factory per entity. A module's
 * manifest points at its fixtures file; only tests load it.
 */
import type { Db } from '../db/database.ts';
import type { createCounty, TestEnv } from './helper.ts';

export type TestCounty = Awaited<ReturnType<typeof createCounty>>;

export interface FixtureContext {
  env: TestEnv;
  db: Db;
  /** The county the row is made in. */
  county: TestCounty;
  /** The user the row should belong to where rows are personal (notifications). */
  userId: number;
}

/** A fresh row, and text of it that must never reach another county. */
export interface MadeRow {
  id: number;
  secrets: string[];
}

export interface ModuleFixtures {
  /** `METHOD /api/v1/...` → a valid body, so the cross-county check reaches the lookup and not the validator. */
  sampleBodies?: Record<string, Record<string, unknown>>;
  /**
   * A value for a path parameter other than the row id, per parameter name. Return undefined for a URL
   * that is not this module's, so two modules can both sample `:name`.
   */
  paramSamples?: Record<string, (url: string, ctx: { countyA: TestCounty }) => string | number | undefined>;
  /** A row factory per entity (the `config.entity` of its routes; the table of the same name). */
  entities?: Record<string, (ctx: FixtureContext) => Promise<MadeRow>>;
  /** Entities whose every route simply works on an own row (no state or relation decides). */
  plainEntities?: string[];
  /** Routes where even the county's own row answers 404 to the client the matrix uses, with the domain's reason. */
  ownRowUnreachable?: Record<string, string>;
}
