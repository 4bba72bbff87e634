/**
 * How a unit's name tells its function when the county has not set one in the unit form (UNIT_DUTIES):
 * the first duty whose marker the name contains. Order matters: 公安局交警大队 is 公安交管 before 交通.
 */
import type { UnitDuty } from '@xs/core/schemas/orgs.ts';

export const DUTY_NAME_MARKERS: [UnitDuty, string[]][] = [
  ['traffic_police', ['交警', '交通警察', '交通管理大队', '公安交']],
  ['transport', ['交通运输', '交通局', '公路', '运管']],
  ['water', ['水利', '水务', '供水', '自来水']],
  ['ecology', ['生态环境', '环保', '环境保护']],
  ['housing', ['住建', '住房', '城乡建设', '房管', '房产', '燃气', '热力']],
  ['urban', ['城市管理', '城管', '综合执法', '环卫']],
  ['education', ['教育', '教体']],
  ['health', ['卫健', '卫生健康', '卫生和计划', '医保', '疾控']],
  ['civil', ['民政', '残联', '老龄']],
  ['hr', ['人社', '人力资源', '社会保障', '社保']],
  ['agriculture', ['农业农村', '农业', '畜牧', '农机', '林业']],
  ['market', ['市场监督', '市场监管', '工商', '质监']],
  ['culture', ['文化', '旅游', '文旅', '广电', '文物']],
  ['land', ['自然资源', '国土', '规划']],
  ['township', ['人民政府', '办事处', '镇政府', '乡政府']],
];
