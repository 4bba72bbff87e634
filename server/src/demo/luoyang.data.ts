/** The Luoyang demo: 洛阳市政协 and the 15 county/district CPPCCs of the seed, with what the seed names. */
import type { VenueKind } from '../modules/orgs/orgs.table.ts';

export interface DemoCounty {
  name: string;
  /** Login prefix of the county's demo accounts, e.g. songxian.admin. */
  slug: string;
  townships: { name: string; villages?: string[] }[];
  units?: string[];
  venues?: { name: string; kind: VenueKind; theme: string; township: string }[];
}

export const DEMO_PASSWORD = 'Demo@2026';

const SONG_UNITS = ['交通运输局', '公安局交警大队', '水利局', '住建局', '城市管理局', '卫健委', '教育局', '民政局', '人社局',
  '农业农村局', '市场监督管理局', '文化广电和旅游局', '生态环境分局'];

export const COUNTIES: DemoCounty[] = [
  {
    name: '嵩县政协', slug: 'songxian',
    townships: [
      { name: '城关镇', villages: ['滨河社区', '幸福街社区', '东街村'] }, { name: '田湖镇', villages: ['田湖村'] }, { name: '车村镇' },
      { name: '旧县镇' }, { name: '闫庄镇' }, { name: '德亭镇' }, { name: '大章镇' }, { name: '白河镇' }, { name: '纸房镇' },
      { name: '饭坡镇' }, { name: '九店乡' }, { name: '黄庄乡' }, { name: '木植街乡' }, { name: '大坪乡' }, { name: '库区乡' }, { name: '何村乡' },
    ],
    units: SONG_UNITS.map((u) => `县${u}`),
    venues: [
      { name: '城关镇委员会客厅', kind: 'members_lounge', theme: '城市建设与交通', township: '城关镇' },
      { name: '田湖镇协商议事室', kind: 'consultation_room', theme: '乡村振兴', township: '田湖镇' },
      { name: '白河镇委员工作室', kind: 'studio', theme: '生态旅游', township: '白河镇' },
    ],
  },
  { name: '涧西区政协', slug: 'jianxi', townships: [{ name: '重庆路街道', villages: ['华源社区'] }, { name: '长安路街道' }],
    units: ['区住建局', '区城市管理局', '区司法局'],
    venues: [
      { name: '暖阳委员调解工作室', kind: 'studio', theme: '矛盾调解', township: '重庆路街道' },
      { name: '退役军人法律援助服务站', kind: 'other', theme: '法律援助', township: '长安路街道' },
    ] },
  { name: '洛宁县政协', slug: 'luoning', townships: [{ name: '东宋镇', villages: ['官庄村'] }, { name: '城郊乡' }],
    units: ['县农业农村局', '县商务局', '县市场监督管理局'],
    venues: [{ name: '东宋镇委员会客厅', kind: 'members_lounge', theme: '文玩核桃产业', township: '东宋镇' }] },
  { name: '汝阳县政协', slug: 'ruyang', townships: [{ name: '小市镇' }, { name: '城关镇' }],
    units: ['县交警大队', '县水利局', '县交运局'],
    venues: [{ name: '小市镇协商议事室', kind: 'consultation_room', theme: '微协商', township: '小市镇' }] },
  { name: '瀍河区政协', slug: 'chanhe', townships: [{ name: '东关街道', villages: ['东安社区'] }], units: ['区体育局', '区住建局'] },
  { name: '洛龙区政协', slug: 'luolong', townships: [{ name: '开元路街道' }, { name: '李楼镇' }, { name: '白马寺镇' }],
    units: ['区住建局', '区民政局'],
    venues: [
      { name: '开元路街道“请你来协商”议事室', kind: 'consultation_room', theme: '请你来协商', township: '开元路街道' },
      { name: '李楼镇委员会客厅', kind: 'members_lounge', theme: '社区养老', township: '李楼镇' },
    ] },
  { name: '新安县政协', slug: 'xinan', townships: [{ name: '仓头镇' }, { name: '五头镇' }, { name: '正村镇' }, { name: '青要山镇' }],
    units: ['县卫健委', '县医疗保障局'],
    venues: [{ name: '刘洪峰委员工作室', kind: 'studio', theme: '医药卫生', township: '正村镇' }] },
  { name: '老城区政协', slug: 'laocheng', townships: [{ name: '西南隅街道' }, { name: '东南隅街道' }],
    units: ['区文化广电和旅游局', '区商务局'],
    venues: [
      { name: '传统文化委员会客厅', kind: 'members_lounge', theme: '传统文化', township: '西南隅街道' },
      { name: '非遗文化委员会客厅', kind: 'members_lounge', theme: '非遗文化', township: '东南隅街道' },
      { name: '新文旅产业发展委员会客厅', kind: 'members_lounge', theme: '新文旅产业发展', township: '西南隅街道' },
    ] },
  { name: '偃师区政协', slug: 'yanshi', townships: [{ name: '首阳山街道' }, { name: '城关街道' }], units: ['区交通运输局'] },
  { name: '伊川县政协', slug: 'yichuan', townships: [{ name: '城关街道' }, { name: '白沙镇' }], units: ['县教育局', '县农业农村局'] },
  { name: '孟津区政协', slug: 'mengjin', townships: [{ name: '城关镇', villages: ['桂花社区'] }], units: ['区城市管理局', '区住建局'] },
  { name: '栾川县政协', slug: 'luanchuan', townships: [{ name: '城关镇' }, { name: '赤土店镇' }], units: ['县自然资源局', '县生态环境分局', '县应急管理局'] },
  { name: '宜阳县政协', slug: 'yiyang', townships: [{ name: '城关镇' }], units: ['县体育事业发展中心', '县文化广电和旅游局'] },
  { name: '西工区政协', slug: 'xigong', townships: [{ name: '王城路街道', villages: ['行署路社区', '杨家社区'] }], units: ['区住建局', '区公交公司'] },
  { name: '伊滨区政协工委', slug: 'yibin', townships: [{ name: '寇店镇', villages: ['李家村'] }], units: ['区环卫公司', '区城市管理局'],
    venues: [{ name: '寇店镇委员会客厅', kind: 'members_lounge', theme: '人居环境', township: '寇店镇' }] },
];

export const SECTORS = ['中共', '民革', '民盟', '民建', '农工党', '无党派人士', '共青团', '工商联', '经济界', '农业界', '教育界',
  '医药卫生界', '文化艺术界', '科学技术界', '社会福利和社会保障界', '特邀人士'];

export const COMMITTEES = ['提案委员会', '经济委员会', '农业和农村委员会', '教科卫体委员会', '社会和法制委员会', '文化文史和学习委员会'];

/** A few dozen members for 嵩县 (names made up), plus the members the seed names in other counties. */
export const SONG_MEMBERS: [name: string, gender: 'male' | 'female', sector: string, township: string, title: string][] = [
  ['李建国', 'male', '经济界', '城关镇', '县建筑公司总经理'], ['王秀兰', 'female', '医药卫生界', '城关镇', '县人民医院副院长'],
  ['张志强', 'male', '农业界', '田湖镇', '田湖镇农业合作社理事长'], ['刘芳', 'female', '教育界', '城关镇', '县第一高级中学教师'],
  ['陈卫东', 'male', '民建', '车村镇', '车村镇商会会长'], ['杨丽娟', 'female', '文化艺术界', '白河镇', '县文化馆副馆长'],
  ['赵国庆', 'male', '工商联', '旧县镇', '旧县镇企业负责人'], ['孙红梅', 'female', '社会福利和社会保障界', '城关镇', '城关镇养老服务中心主任'],
  ['周建华', 'male', '科学技术界', '德亭镇', '县农业科学研究所研究员'], ['吴敏', 'female', '无党派人士', '大章镇', '律师'],
  ['郑海涛', 'male', '农工党', '闫庄镇', '闫庄镇卫生院院长'], ['冯晓燕', 'female', '民盟', '城关镇', '县第二初级中学校长'],
  ['何永刚', 'male', '经济界', '纸房镇', '纸房镇企业负责人'], ['许丽', 'female', '共青团', '城关镇', '县团委干部'],
  ['马俊', 'male', '农业界', '饭坡镇', '饭坡镇种植大户'], ['朱慧', 'female', '医药卫生界', '九店乡', '九店乡卫生院医生'],
  ['胡斌', 'male', '民革', '黄庄乡', '黄庄乡村医'], ['郭静', 'female', '教育界', '木植街乡', '木植街乡中心小学校长'],
  ['林涛', 'male', '特邀人士', '大坪乡', '大坪乡退休干部'], ['高红', 'female', '经济界', '库区乡', '库区乡旅游合作社负责人'],
  ['罗明', 'male', '中共', '何村乡', '何村乡党委委员'], ['梁艳', 'female', '文化艺术界', '城关镇', '县豫剧团演员'],
  ['宋伟', 'male', '工商联', '城关镇', '县物流公司负责人'], ['唐娜', 'female', '社会福利和社会保障界', '田湖镇', '田湖镇社工站站长'],
  ['韩磊', 'male', '科学技术界', '城关镇', '县气象局工程师'], ['曹敏', 'female', '无党派人士', '白河镇', '白河镇民宿业主'],
  ['邓军', 'male', '农工党', '车村镇', '车村镇医生'], ['彭霞', 'female', '民建', '城关镇', '县会计师事务所所长'],
  ['曾强', 'male', '农业界', '旧县镇', '旧县镇家庭农场主'], ['谢婷', 'female', '共青团', '德亭镇', '德亭镇青年创业者'],
];

export const OTHER_MEMBERS: [county: string, name: string, sector: string, township: string][] = [
  ['新安县政协', '王新子', '医药卫生界', '仓头镇'], ['新安县政协', '关勇', '医药卫生界', '五头镇'],
  ['新安县政协', '刘洪峰', '医药卫生界', '正村镇'], ['新安县政协', '李新', '医药卫生界', '正村镇'],
  ['汝阳县政协', '赵德芳', '经济界', '小市镇'], ['汝阳县政协', '程江浩', '科学技术界', '小市镇'],
];
