/**
 * Compiles the server for production into server/dist: `npm run build:server` (run by `npm run build`).
 *
 * esbuild bundles the server's and core's TypeScript (core is imported as `@xs/core/*.ts`, TypeScript that Node
 * would not run) into ES modules; every npm package stays an import, resolved from node_modules at run time.
 * Two entries: main.js (the command line, server/src/main.ts) and clues.intake.thread.js (the intake thread,
 * which clues.intake.ts starts from beside itself when it runs compiled), with their shared code in chunks.
 * Everything lands flat in server/dist, two levels below the root like server/src/*.ts, so the paths the
 * code builds from import.meta (config.ts's root, the word tables weights.ts reads) hold in both.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { hashSources } from './src/platform/search/index-version.ts';

const server = import.meta.dirname;
const outdir = path.join(server, 'dist');

/** Packages stay imports; only the workspace's own TypeScript (@xs/core) is compiled in. */
const packagesStayExternal: Plugin = {
  name: 'packages-stay-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.kind === 'entry-point' || args.path.startsWith('@xs/') ? undefined : { external: true });
  },
};

fs.rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: {
    main: path.join(server, 'src/main.ts'),
    'clues.intake.thread': path.join(server, 'src/modules/clues/clues.intake.thread.ts'),
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  sourcemap: 'linked',
  plugins: [packagesStayExternal],
  // See index-version.ts: the compiled server carries the hash of the sources it was built from.
  define: { XS_ANALYSIS_CODE_VERSION: JSON.stringify(hashSources()) },
  logLevel: 'warning',
});
// Data files the search code reads beside itself (weights.ts).
for (const f of ['idf-common.txt', 'char-idf.txt']) fs.copyFileSync(path.join(server, 'src/platform/search', f), path.join(outdir, f));
console.log(`server/dist: ${fs.readdirSync(outdir).filter((f) => f.endsWith('.js')).length} files`);
