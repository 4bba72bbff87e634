/**
 * What the stored index entries were computed with. The platform's analysis code (normalisation, the base
 * dictionary, segmentation, place detection, the generic vocabulary matcher, the weights) is hashed from its source
 * with comments left out, so a change to what it does marks every stored entry stale without anyone remembering to
 * bump a number, and a comment edit marks nothing. Each analyzer (segment.ts) adds its own data: a county's names
 * and words, a module's phrases and concept table — so a county's version changes only with what shapes its tokens.
 * Stale counties are re-indexed by a scheduled job (clues.jobs.ts).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const SOURCES = ['normalize.ts', 'jieba.ts', 'segment.ts', 'vocabulary.ts', 'places.ts', 'sounds.ts', 'weights.ts'];

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

/** Hashes the analysis modules' source files, which sit beside this one (when it runs from source), without comments. */
export function hashSources(): string {
  const h = createHash('sha256');
  for (const f of SOURCES) {
    const file = path.join(import.meta.dirname, f);
    h.update(f).update(fs.existsSync(file) ? withoutComments(fs.readFileSync(file, 'utf8')) : '');
  }
  return h.digest('hex').slice(0, 16);
}

/**
 * Source text without its comments and blank lines: `//` to the end of the line and `/* … *\/`, outside string and
 * template literals. A regular-expression literal holding a quote or `//` would confuse it; the analysis sources
 * hold none (index-version.test.ts checks that stripping keeps their code).
 */
export function withoutComments(src: string): string {
  let out = '';
  for (let i = 0; i < src.length; ) {
    const c = src[i];
    if (c === '/' && src[i + 1] === '/') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      i = end < 0 ? src.length : end + 2;
    } else if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < src.length && src[j] !== c) j += src[j] === '\\' ? 2 : 1;
      out += src.slice(i, j + 1);
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out.split('\n').map((l) => l.trimEnd()).filter((l) => l.trim()).join('\n');
}

/** The version of index entries made with this code and the given data (an analyzer's lexicon and concepts, in order). */
export function indexVersion(parts: Iterable<string>): string {
  const h = createHash('sha256').update(analysisCodeVersion());
  for (const p of parts) h.update('\n').update(p);
  return h.digest('hex').slice(0, 16);
}
