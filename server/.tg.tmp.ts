import { clueAnalyzer } from './src/modules/clues/clues.analyzer.ts';
import fs from 'node:fs';
const county = JSON.parse(fs.readFileSync('/work/main/bench/sets/clues-labelled-zhenling.county.json', 'utf8'));
const an = clueAnalyzer({ townships: Object.keys(county.townships), villages: Object.values(county.townships).flat() as string[] });
for (const w of process.argv.slice(2)) { const a = an.analyze(w); console.log(w.slice(0, 30), JSON.stringify(a.places), JSON.stringify(a.references), a.concepts.join(',')); }
