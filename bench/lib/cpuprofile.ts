/** Summarise a V8 .cpuprofile: self time by package/file, and inclusive time of the functions that matter for intake. */
import fs from 'node:fs';

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: Node[]; samples: number[]; timeDeltas: number[] }

function where(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : `native ${fn || '(anonymous)'}`;
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 13).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return url;
  const src = url.match(/(server|core|bench)\/src\/(.*)$/) ?? url.match(/(bench)\/(.*)$/);
  return src ? `${src[1]}/${src[2]}` : url;
}

const KEY = ['searchTokens', 'analyze', 'cutPieces', 'dictionaryWords', 'detectConcepts', 'detectPlaces', 'normalizeText', 'submitClue', 'checkRefs',
  'writeAudit', 'getSetting', 'getCalendar', 'addWorkingDays', 'newCode', 'normalise', 'executeQuery', 'compileQuery', 'prepare', 'transaction',
  'validatorCompiler', 'safeParse', 'parse', 'serialize', 'onRequest', 'rateLimit', 'runPreParsing'];

export function summariseProfile(file: string, top = 25): string {
  const p = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const incl = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const dt = (p.timeDeltas[i] ?? 0) / 1000;
    const n = byId.get(p.samples[i])!;
    total += dt;
    if (n.callFrame.functionName === '(idle)') { idle += dt; continue; }
    const label = n.callFrame.url ? where(n.callFrame.url, n.callFrame.functionName)
      : (() => {
        // A native frame: name it with its caller's package (e.g. better-sqlite3 run called by kysely).
        const up = parent.get(n.id);
        const caller = up ? byId.get(up)! : null;
        const fn = n.callFrame.functionName;
        return fn.startsWith('(') ? fn : `native ${fn || '(anonymous)'}${caller?.callFrame.url ? ` ← ${where(caller.callFrame.url, caller.callFrame.functionName)}` : ''}`;
      })();
    self.set(label, (self.get(label) ?? 0) + dt);
    const seen = new Set<string>();
    for (let id: number | undefined = n.id; id !== undefined; id = parent.get(id)) {
      const fn = byId.get(id)!.callFrame.functionName;
      if (KEY.includes(fn) && !seen.has(fn)) { seen.add(fn); incl.set(fn, (incl.get(fn) ?? 0) + dt); }
    }
  }
  const busy = total - idle;
  const lines = [`profile ${fmtMs(total)} wall, ${fmtMs(busy)} on CPU (idle ${fmtMs(idle)})`, '', '| self time by package / file | ms | % of CPU |', '|---|---|---|'];
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`| ${k} | ${fmtMs(v)} | ${(100 * v / busy).toFixed(1)} |`);
  lines.push('', '| inclusive time of a function | ms | % of CPU |', '|---|---|---|');
  for (const [k, v] of [...incl].sort((a, b) => b[1] - a[1])) lines.push(`| ${k} | ${fmtMs(v)} | ${(100 * v / busy).toFixed(1)} |`);
  return lines.join('\n');
}

const fmtMs = (x: number) => x.toFixed(0);

if (process.argv[1] && import.meta.filename === process.argv[1]) console.log(summariseProfile(process.argv[2], Number(process.argv[3] ?? 25)));
