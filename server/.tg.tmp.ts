import { clueAnalyzer } from './src/modules/clues/clues.analyzer.ts';
const an = clueAnalyzer({ townships: ['旧县镇', '城关镇'] });
const an0 = clueAnalyzer({});
for (const w of process.argv.slice(2)) { const a = an.analyze(w); console.log(w, a.places, a.pieces.map((p) => p.t).join('/'), '| base', an0.analyze(w).places); }
