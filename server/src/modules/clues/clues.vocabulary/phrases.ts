/**
 * Common problem phrases of county reports, kept whole when a clue is cut (the base jieba cuts 路灯不亮 into 路/灯不亮).
 * Data: part of every county's clue analyzer (clues.analyzer.ts), so changing it changes every county's index version.
 */
export const CLUE_PHRASES = ['路灯不亮', '路面塌陷', '垃圾清运', '飞线充电', '电动车充电', '停车难', '加装电梯', '老旧小区', '减速带',
  '信号灯', '红绿灯', '积水', '漏水', '停水', '停电', '噪音扰民', '占道经营', '违章停车', '充电桩', '公交线路', '村卫生室', '绿化带',
  '内涝', '照明设施', '坑洼', '缺药', '村医', '流浪狗', '广场舞', '井盖', '化粪池', '建筑垃圾', '私搭乱建', '斑马线', '黑咕隆咚'];
