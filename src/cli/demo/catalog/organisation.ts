/**
 * Demo organisation: the three maintenance vendors of seed 004 and the prefectures each
 * maintains, the products engineers are certified for, and the word lists names and
 * addresses are drawn from. Only data lives here; the loader decides how much of it to use.
 */

/** A partner company and the prefectures (by code) it maintains, as seed 004 divides them. */
export interface DemoPartner {
  code: string;
  name: string;
  contactName: string;
  contactPhone: string;
  prefectureCodes: string[];
  /** Share of the partner engineers. */
  engineerShare: number;
}

/** Seed 004: 铁通 maintains Guiyang, Zunyi, Qiannan, Qiandongnan and Liupanshui; 天龙讯 Anshun and Bijie; 澄星 Qianxinan and Tongren. */
export const DEMO_PARTNERS: DemoPartner[] = [
  {
    code: 'TT',
    name: '铁通公司',
    contactName: '周建国',
    contactPhone: '0851-85550101',
    prefectureCodes: ['520100', '520300', '522700', '522600', '520200'],
    engineerShare: 0.5,
  },
  {
    code: 'TLX',
    name: '天龙讯公司',
    contactName: '杨晓峰',
    contactPhone: '0851-85550202',
    prefectureCodes: ['520400', '520500'],
    engineerShare: 0.25,
  },
  {
    code: 'CX',
    name: '澄星公司',
    contactName: '罗文斌',
    contactPhone: '0851-85550303',
    prefectureCodes: ['522300', '520600'],
    engineerShare: 0.25,
  },
];

/** A product line: the name certifications and equipment share, the models it comes in, and its software versions. */
export interface DemoProduct {
  product: string;
  models: string[];
  versions: string[];
  /** Certificate number prefix. */
  certPrefix: string;
  /** Where it is installed: access products go to home and enterprise sites, core ones to operator rooms. */
  tier: 'access' | 'core';
}

export const DEMO_PRODUCTS: DemoProduct[] = [
  {
    product: '华为 OLT MA5800',
    models: ['MA5800-X17', 'MA5800-X15', 'MA5800-X7', 'MA5800-X2'],
    versions: ['V100R019C10SPC200', 'V100R020C10SPC100', 'V100R021C00SPC100'],
    certPrefix: 'HW-HCIA-AN',
    tier: 'access',
  },
  {
    product: '中兴 ZXA10 C600',
    models: ['ZXA10 C600', 'ZXA10 C620', 'ZXA10 C650'],
    versions: ['V1.1.10', 'V1.2.1', 'V1.2.3P2'],
    certPrefix: 'ZTE-ZCNE-AN',
    tier: 'access',
  },
  {
    product: '烽火 AN6000',
    models: ['AN6000-17', 'AN6000-7', 'AN6000-2'],
    versions: ['RP1000', 'RP1100', 'RP1200'],
    certPrefix: 'FH-FCNA-AN',
    tier: 'access',
  },
  {
    product: '路由器 NE40E',
    models: ['NE40E-X8A', 'NE40E-X16A', 'NE40E-M2K'],
    versions: ['V800R012C10SPC300', 'V800R013C00SPC200', 'V800R021C10SPC600'],
    certPrefix: 'HW-HCIP-DC',
    tier: 'core',
  },
  {
    product: '交换机 S5735',
    models: ['S5735-L24T4X', 'S5735-S48T4X', 'S5735-L48P4X'],
    versions: ['V200R020C10', 'V200R021C00SPC100', 'V200R022C00SPC500'],
    certPrefix: 'HW-HCIA-DC',
    tier: 'access',
  },
  {
    product: '传输 OptiX OSN',
    models: ['OptiX OSN 1800', 'OptiX OSN 8800', 'OptiX OSN 9800'],
    versions: ['V100R011C10', 'V100R019C00', 'V100R021C10'],
    certPrefix: 'HW-HCIP-TR',
    tier: 'core',
  },
];

/** Certification levels. */
export const CERT_LEVELS = ['初级', '中级', '高级'];

/** Engineer skills. */
export const SKILLS = [
  '光纤熔接',
  'OTDR 测试',
  '家宽装维',
  '集客专线',
  '基站配套',
  '传输调测',
  '数据配置',
  '电源维护',
  '综合布线',
  '割接经验',
];

export const VEHICLES = ['五菱宏光', '长安之星', '江淮瑞风', '东风小康', '哈弗 H6', '电动三轮车', '摩托车'];

/** Common family names, with the Miao, Buyi and Dong families frequent in Guizhou weighted in. */
export const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '杨',
  '黄',
  '赵',
  '吴',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '罗',
  '罗',
  '龙',
  '龙',
  '石',
  '潘',
  '韦',
  '蒙',
  '田',
  '陆',
  '邓',
  '宋',
  '谢',
  '袁',
  '冉',
  '安',
  '申',
];

export const GIVEN_CHARS = [
  '伟',
  '军',
  '勇',
  '涛',
  '明',
  '超',
  '强',
  '平',
  '刚',
  '杰',
  '磊',
  '鹏',
  '斌',
  '俊',
  '飞',
  '华',
  '林',
  '波',
  '辉',
  '宇',
  '浩',
  '凯',
  '健',
  '敏',
  '静',
  '丽',
  '娟',
  '霞',
  '芳',
  '燕',
  '婷',
  '雪',
  '琳',
  '晶',
  '红',
  '梅',
  '兰',
  '春',
  '秋',
  '永',
  '志',
  '文',
  '建',
  '国',
  '德',
  '成',
  '光',
  '正',
];

/** Street names used in addresses (common across Guizhou towns). */
export const STREETS = [
  '中华路',
  '解放路',
  '人民路',
  '延安路',
  '新华路',
  '北京路',
  '民族路',
  '文化路',
  '建设路',
  '沙冲路',
  '花果园大街',
  '滨河路',
  '环城路',
  '光明路',
  '团结路',
  '迎宾大道',
  '长征路',
  '桂花路',
  '富民路',
  '安康路',
];

/** Residential compounds, for home-broadband subscribers. */
export const COMPOUNDS = [
  '阳光花园',
  '金桂苑',
  '翠湖小区',
  '福馨家园',
  '碧水云天',
  '幸福里',
  '锦绣华庭',
  '山水名城',
  '龙泉苑',
  '清水湾',
  '南苑小区',
  '贵州电网宿舍',
];

/** Enterprise customers: a name pattern per prefecture short name. */
export const ENTERPRISE_PATTERNS = [
  '{p}市第一人民医院',
  '{p}职业技术学院',
  '{p}市政务服务中心',
  '{p}农商银行',
  '{p}烟草物流中心',
  '{p}大数据产业园',
  '{p}高速公路管理处',
  '{p}供电局',
];

/** Operator machine rooms (局站) for core equipment. */
export const OPERATOR_SITE_KINDS = ['汇聚机房', '核心机房', '传输节点', 'OLT 机房', '基站'];

/** Towns used for rural sites, appended to the county name. */
export const TOWN_SUFFIXES = ['镇', '乡', '街道'];
export const TOWN_NAMES = [
  '龙场',
  '青山',
  '新场',
  '高坡',
  '马场',
  '石门',
  '大兴',
  '团溪',
  '洪关',
  '羊场',
  '坪上',
  '沙坝',
];
