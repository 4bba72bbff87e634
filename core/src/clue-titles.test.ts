import { describe, expect, it } from 'vitest';
import { clueSubject, conversionTitle, firstClause } from './clue-titles.ts';

describe('conversion titles', () => {
  it('keep whole clauses: no 「很不的建议」', () => {
    const t = conversionTitle({ content: '小区电动车只能飞线充电，很不安全，建议在建设路小区增设充电桩。', kind: 'problem', categoryLabel: '住房物业' });
    expect(t).toBe('关于解决小区电动车只能飞线充电问题的建议');
    expect(t).not.toMatch(/很不/);
  });

  it('drop the opener of a suggestion', () => {
    expect(conversionTitle({ content: '建议在卫生院门口增设公交站，方便老人看病。', kind: 'suggestion', categoryLabel: '交通出行' })).toBe('关于在卫生院门口增设公交站的建议');
  });

  it('fall back to township and category when the first clause is too long or too short', () => {
    const long = '城关镇东街与解放路交叉口往北两百米处的那一排路灯已经有半个多月晚上都不亮了';
    expect(clueSubject({ content: `${long}，请尽快修。`, kind: 'problem', categoryLabel: '道路设施', townshipName: '城关镇' })).toBe('城关镇道路设施');
    expect(conversionTitle({ content: '路灯，坏了两周了', kind: 'problem', categoryLabel: '道路设施', townshipName: '德亭镇' })).toBe('关于解决德亭镇道路设施问题的建议');
  });

  it('every title ends on a whole clause of the text', () => {
    const texts = ['建设路18号附近的路灯已经坏了半个多月，晚上一片漆黑。', '我想反映一下，村里的自来水浑浊。', '希望增加公交班次！'];
    for (const content of texts) {
      const clause = firstClause(content);
      expect(content.includes(clause)).toBe(true);
      const after = content.slice(content.indexOf(clause) + clause.length)[0];
      expect(after === undefined || /[，。！的]/.test(after)).toBe(true);
    }
  });
});
