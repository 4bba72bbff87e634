/** The generic vocabulary matcher (a module's concepts as data) and what the index version is made of. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConceptMatcher, type VocabularyConcept } from './vocabulary.ts';
import { hashSources, withoutComments } from './index-version.ts';

const DATA: VocabularyConcept[] = [
  { key: 'a', label: 'A', phrases: ['甲乙'], patterns: [[{ any: ['丙'], notBefore: ['非'] }, { any: ['丁', '戊'], within: 3, windowStops: '。' }]] },
  { key: 'b', label: 'B', generic: true, phrases: [], patterns: [[{ any: ['子'] }, { any: ['的'], optional: true }, { any: ['丑'], notAfter: ['色'] }]] },
];

describe('concept matcher', () => {
  const m = new ConceptMatcher(DATA);

  it('reads phrases, windows, optional steps and vetoes as data', () => {
    expect(m.conceptsOf('有甲乙')).toEqual(['a']);
    expect(m.conceptsOf('丙一二三丁')).toEqual(['a']);
    expect(m.conceptsOf('丙一二三四丁')).toEqual([]);
    expect(m.conceptsOf('丙一。丁')).toEqual([]);
    expect(m.conceptsOf('非丙丁')).toEqual([]);
    expect(m.conceptsOf('非丙丁，丙戊')).toEqual(['a']);
    expect(m.conceptsOf('子丑')).toEqual(['b']);
    expect(m.conceptsOf('子的丑')).toEqual(['b']);
    expect(m.conceptsOf('子丑色')).toEqual([]);
    expect(m.isGeneric('b')).toBe(true);
    expect(m.isUmbrella('a')).toBe(false);
  });

  it('guesses the concept whose words and examples a text\'s character pairs are likeliest to come from, or none', () => {
    const g = new ConceptMatcher([
      { key: 'wages', label: '工资', phrases: ['拖欠工资', '欠薪'], examples: { positive: ['老板欠钱不还，工钱拖了半年'], negative: [] } },
      { key: 'light', label: '路灯', phrases: ['路灯不亮'], examples: { positive: ['晚上路上黑漆漆的'], negative: [] } },
    ]);
    expect(g.conceptsOf('工地欠钱不给')).toEqual([]);
    expect(g.closestConcept('工地欠钱不给')).toBe('wages');
    expect(g.closestConcept('巷子里黑漆漆')).toBe('light');
    expect(g.closestConcept('天气很好')).toBeNull();
  });

  it('finds where each concept is named, widest first', () => {
    expect(m.hits('xx丙一丁丁')).toEqual([{ key: 'a', start: 2, end: 6 }]);
  });

  it('adds words to a concept, and versions only what shapes tokens', () => {
    const extra = new ConceptMatcher(DATA, new Map([['b', ['寅卯']]]));
    expect(extra.conceptsOf('寅卯')).toEqual(['b']);
    expect(m.conceptsOf('寅卯')).toEqual([]);
    expect(extra.version).not.toBe(m.version);
    expect(new ConceptMatcher(DATA.map((c) => ({ ...c, label: `${c.label}!`, examples: { positive: ['x'], negative: [] } }))).version).toBe(m.version);
    expect(new ConceptMatcher(DATA.map((c, i) => (i ? c : { ...c, phrases: ['甲乙', '庚辛'] }))).version).not.toBe(m.version);
  });
});

describe('analysis code version', () => {
  it('leaves comments out of the hashed code, and keeps the code', () => {
    const src = "const a = '// not a comment'; // a comment\n/* block\n comment */ const b = `/* kept */`;\n";
    expect(withoutComments(src)).toBe("const a = '// not a comment';\n const b = `/* kept */`;");
    // Every analysis source keeps its code when stripped (no regular expression confuses the stripper).
    for (const f of ['normalize.ts', 'jieba.ts', 'segment.ts', 'vocabulary.ts', 'places.ts', 'weights.ts']) {
      const code = withoutComments(fs.readFileSync(path.join(import.meta.dirname, f), 'utf8'));
      expect(code, f).toContain('export');
      expect(code.includes('/**'), f).toBe(false);
    }
    expect(hashSources()).toMatch(/^[0-9a-f]{16}$/);
  });
});
