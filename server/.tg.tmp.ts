import { clueAnalyzer } from './src/modules/clues/clues.analyzer.ts';
const an = clueAnalyzer({ townships: ['城关镇', '东棹街道'] });
for (const w of process.argv.slice(2)) { const a = an.analyze(w); console.log(w.slice(0, 30), JSON.stringify(a.places), JSON.stringify(a.references), a.concepts.join(',')); }
