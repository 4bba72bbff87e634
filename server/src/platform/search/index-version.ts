/**
 * What the stored index entries were computed with. Every module that shapes them — normalisation, the
 * dictionary and phrases, the concept table, place detection, the weights — is hashed from its source, so
 * any change to them (a new colloquial phrase in concepts.ts, a place rule) marks every stored entry stale
 * without anyone remembering to bump a number. A county's own place names are part of its version too
 * (a new village is a new dictionary word). Stale counties are re-indexed by a scheduled job (clues.jobs.ts).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const SOURCES = ['normalize.ts', 'jieba.ts', 'segment.ts', 'concepts.ts', 'places.ts', 'weights.ts'];

/**
 * Written in by the server build (server/build.ts, esbuild `define`) as hashSources() of the sources it compiled.
 * The compiled server is one bundle in server/dist with no module files of its own to hash, and hashing the
 * bundle would mark every county stale on any change anywhere; the sources' hash also keeps the version the
 * same whether this code runs compiled (`npm start`) or from source (tsx, tests).
 */
declare const XS_ANALYSIS_CODE_VERSION: string | undefined;

let codeVersion: string | null = null;

/** A hash of the search analysis code (read once). */
export function analysisCodeVersion(): string {
  if (codeVersion) return codeVersion;
  return (codeVersion = typeof XS_ANALYSIS_CODE_VERSION === 'string' ? XS_ANALYSIS_CODE_VERSION : hashSources());
}

/** Hashes the analysis modules' source files, which sit beside this one (when it runs from source). */
export function hashSources(): string {
  const h = createHash('sha256');
  for (const f of SOURCES) {
    const file = path.join(import.meta.dirname, f);
    h.update(f).update(fs.existsSync(file) ? fs.readFileSync(file) : '');
  }
  return h.digest('hex').slice(0, 16);
}

/** The version a tenant's index entries should carry: the analysis code and the tenant's place names. */
export function indexVersion(placeNames: Iterable<string>): string {
  return createHash('sha256').update(analysisCodeVersion()).update([...placeNames].sort().join('\n')).digest('hex').slice(0, 16);
}
