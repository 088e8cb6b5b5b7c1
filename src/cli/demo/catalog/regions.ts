/**
 * Demo region tree: Guizhou province (贵州省), the province of seed 004, with its nine
 * prefecture-level divisions (地州市) and their 88 county-level divisions (区县) under today's
 * names. Codes are the administrative division codes (GB/T 2260). Coordinates are the
 * approximate seat of each division (WGS-84, degrees); demo sites are placed near them.
 */

/** A county-level division. `urban` marks districts of the prefecture seat (area class urban). */
export interface DemoCounty {
  code: string;
  name: string;
  nameEn: string;
  lat: number;
  lng: number;
  urban?: boolean;
}

/** A prefecture-level division with its counties. */
export interface DemoPrefecture {
  code: string;
  name: string;
  /** The short name used in operator branch names and addresses, e.g. 黔南. */
  shortName: string;
  nameEn: string;
  counties: DemoCounty[];
}

export const DEMO_PROVINCE = { code: '520000', name: '贵州省', nameEn: 'Guizhou' } as const;

export const DEMO_PREFECTURES: DemoPrefecture[] = [
  {
    code: '520100',
    name: '贵阳市',
    shortName: '贵阳',
    nameEn: 'Guiyang',
    counties: [
      { code: '520102', name: '南明区', nameEn: 'Nanming', lat: 26.568, lng: 106.714, urban: true },
      { code: '520103', name: '云岩区', nameEn: 'Yunyan', lat: 26.605, lng: 106.724, urban: true },
      { code: '520111', name: '花溪区', nameEn: 'Huaxi', lat: 26.41, lng: 106.67, urban: true },
      { code: '520112', name: '乌当区', nameEn: 'Wudang', lat: 26.63, lng: 106.75, urban: true },
      { code: '520113', name: '白云区', nameEn: 'Baiyun', lat: 26.678, lng: 106.623, urban: true },
      { code: '520115', name: '观山湖区', nameEn: 'Guanshanhu', lat: 26.601, lng: 106.622, urban: true },
      { code: '520121', name: '开阳县', nameEn: 'Kaiyang', lat: 27.057, lng: 106.965 },
      { code: '520122', name: '息烽县', nameEn: 'Xifeng', lat: 27.09, lng: 106.74 },
      { code: '520123', name: '修文县', nameEn: 'Xiuwen', lat: 26.838, lng: 106.592 },
      { code: '520181', name: '清镇市', nameEn: 'Qingzhen', lat: 26.556, lng: 106.47 },
    ],
  },
  {
    code: '520200',
    name: '六盘水市',
    shortName: '六盘水',
    nameEn: 'Liupanshui',
    counties: [
      { code: '520201', name: '钟山区', nameEn: 'Zhongshan', lat: 26.577, lng: 104.843, urban: true },
      { code: '520203', name: '六枝特区', nameEn: 'Liuzhi', lat: 26.201, lng: 105.476 },
      { code: '520204', name: '水城区', nameEn: 'Shuicheng', lat: 26.547, lng: 104.958, urban: true },
      { code: '520281', name: '盘州市', nameEn: 'Panzhou', lat: 25.71, lng: 104.471 },
    ],
  },
  {
    code: '520300',
    name: '遵义市',
    shortName: '遵义',
    nameEn: 'Zunyi',
    counties: [
      { code: '520302', name: '红花岗区', nameEn: 'Honghuagang', lat: 27.644, lng: 106.894, urban: true },
      { code: '520303', name: '汇川区', nameEn: 'Huichuan', lat: 27.75, lng: 106.934, urban: true },
      { code: '520304', name: '播州区', nameEn: 'Bozhou', lat: 27.536, lng: 106.829, urban: true },
      { code: '520322', name: '桐梓县', nameEn: 'Tongzi', lat: 28.133, lng: 106.826 },
      { code: '520323', name: '绥阳县', nameEn: 'Suiyang', lat: 27.946, lng: 107.191 },
      { code: '520324', name: '正安县', nameEn: "Zheng'an", lat: 28.553, lng: 107.454 },
      { code: '520325', name: '道真仡佬族苗族自治县', nameEn: 'Daozhen', lat: 28.864, lng: 107.612 },
      { code: '520326', name: '务川仡佬族苗族自治县', nameEn: 'Wuchuan', lat: 28.563, lng: 107.899 },
      { code: '520327', name: '凤冈县', nameEn: 'Fenggang', lat: 27.954, lng: 107.716 },
      { code: '520328', name: '湄潭县', nameEn: 'Meitan', lat: 27.749, lng: 107.466 },
      { code: '520329', name: '余庆县', nameEn: 'Yuqing', lat: 27.215, lng: 107.906 },
      { code: '520330', name: '习水县', nameEn: 'Xishui', lat: 28.331, lng: 106.197 },
      { code: '520381', name: '赤水市', nameEn: 'Chishui', lat: 28.59, lng: 105.698 },
      { code: '520382', name: '仁怀市', nameEn: 'Renhuai', lat: 27.792, lng: 106.401 },
    ],
  },
  {
    code: '520400',
    name: '安顺市',
    shortName: '安顺',
    nameEn: 'Anshun',
    counties: [
      { code: '520402', name: '西秀区', nameEn: 'Xixiu', lat: 26.245, lng: 105.965, urban: true },
      { code: '520403', name: '平坝区', nameEn: 'Pingba', lat: 26.406, lng: 106.256 },
      { code: '520422', name: '普定县', nameEn: 'Puding', lat: 26.301, lng: 105.743 },
      { code: '520423', name: '镇宁布依族苗族自治县', nameEn: 'Zhenning', lat: 26.057, lng: 105.77 },
      { code: '520424', name: '关岭布依族苗族自治县', nameEn: 'Guanling', lat: 25.944, lng: 105.619 },
      { code: '520425', name: '紫云苗族布依族自治县', nameEn: 'Ziyun', lat: 25.751, lng: 106.084 },
    ],
  },
  {
    code: '520500',
    name: '毕节市',
    shortName: '毕节',
    nameEn: 'Bijie',
    counties: [
      { code: '520502', name: '七星关区', nameEn: 'Qixingguan', lat: 27.298, lng: 105.305, urban: true },
      { code: '520521', name: '大方县', nameEn: 'Dafang', lat: 27.141, lng: 105.613 },
      { code: '520523', name: '金沙县', nameEn: 'Jinsha', lat: 27.459, lng: 106.22 },
      { code: '520524', name: '织金县', nameEn: 'Zhijin', lat: 26.663, lng: 105.775 },
      { code: '520525', name: '纳雍县', nameEn: 'Nayong', lat: 26.777, lng: 105.383 },
      { code: '520526', name: '威宁彝族回族苗族自治县', nameEn: 'Weining', lat: 26.873, lng: 104.253 },
      { code: '520527', name: '赫章县', nameEn: 'Hezhang', lat: 27.123, lng: 104.727 },
      { code: '520581', name: '黔西市', nameEn: 'Qianxi', lat: 27.009, lng: 106.032 },
    ],
  },
  {
    code: '520600',
    name: '铜仁市',
    shortName: '铜仁',
    nameEn: 'Tongren',
    counties: [
      { code: '520602', name: '碧江区', nameEn: 'Bijiang', lat: 27.716, lng: 109.191, urban: true },
      { code: '520603', name: '万山区', nameEn: 'Wanshan', lat: 27.518, lng: 109.214 },
      { code: '520621', name: '江口县', nameEn: 'Jiangkou', lat: 27.699, lng: 108.839 },
      { code: '520622', name: '玉屏侗族自治县', nameEn: 'Yuping', lat: 27.236, lng: 108.906 },
      { code: '520623', name: '石阡县', nameEn: 'Shiqian', lat: 27.513, lng: 108.223 },
      { code: '520624', name: '思南县', nameEn: 'Sinan', lat: 27.938, lng: 108.253 },
      { code: '520625', name: '印江土家族苗族自治县', nameEn: 'Yinjiang', lat: 27.994, lng: 108.41 },
      { code: '520626', name: '德江县', nameEn: 'Dejiang', lat: 28.264, lng: 108.12 },
      { code: '520627', name: '沿河土家族自治县', nameEn: 'Yanhe', lat: 28.563, lng: 108.503 },
      { code: '520628', name: '松桃苗族自治县', nameEn: 'Songtao', lat: 28.154, lng: 109.203 },
    ],
  },
  {
    code: '522300',
    name: '黔西南布依族苗族自治州',
    shortName: '黔西南',
    nameEn: 'Qianxinan',
    counties: [
      { code: '522301', name: '兴义市', nameEn: 'Xingyi', lat: 25.092, lng: 104.895, urban: true },
      { code: '522302', name: '兴仁市', nameEn: 'Xingren', lat: 25.435, lng: 105.186 },
      { code: '522323', name: '普安县', nameEn: "Pu'an", lat: 25.784, lng: 104.953 },
      { code: '522324', name: '晴隆县', nameEn: 'Qinglong', lat: 25.834, lng: 105.219 },
      { code: '522325', name: '贞丰县', nameEn: 'Zhenfeng', lat: 25.386, lng: 105.65 },
      { code: '522326', name: '望谟县', nameEn: 'Wangmo', lat: 25.178, lng: 106.092 },
      { code: '522327', name: '册亨县', nameEn: 'Ceheng', lat: 24.984, lng: 105.812 },
      { code: '522328', name: '安龙县', nameEn: 'Anlong', lat: 25.099, lng: 105.443 },
    ],
  },
  {
    code: '522600',
    name: '黔东南苗族侗族自治州',
    shortName: '黔东南',
    nameEn: 'Qiandongnan',
    counties: [
      { code: '522601', name: '凯里市', nameEn: 'Kaili', lat: 26.567, lng: 107.981, urban: true },
      { code: '522622', name: '黄平县', nameEn: 'Huangping', lat: 26.905, lng: 107.902 },
      { code: '522623', name: '施秉县', nameEn: 'Shibing', lat: 27.033, lng: 108.124 },
      { code: '522624', name: '三穗县', nameEn: 'Sansui', lat: 26.952, lng: 108.676 },
      { code: '522625', name: '镇远县', nameEn: 'Zhenyuan', lat: 27.049, lng: 108.429 },
      { code: '522626', name: '岑巩县', nameEn: 'Cengong', lat: 27.174, lng: 108.816 },
      { code: '522627', name: '天柱县', nameEn: 'Tianzhu', lat: 26.909, lng: 109.207 },
      { code: '522628', name: '锦屏县', nameEn: 'Jinping', lat: 26.676, lng: 109.2 },
      { code: '522629', name: '剑河县', nameEn: 'Jianhe', lat: 26.728, lng: 108.441 },
      { code: '522630', name: '台江县', nameEn: 'Taijiang', lat: 26.667, lng: 108.321 },
      { code: '522631', name: '黎平县', nameEn: 'Liping', lat: 26.23, lng: 109.136 },
      { code: '522632', name: '榕江县', nameEn: 'Rongjiang', lat: 25.931, lng: 108.521 },
      { code: '522633', name: '从江县', nameEn: 'Congjiang', lat: 25.753, lng: 108.905 },
      { code: '522634', name: '雷山县', nameEn: 'Leishan', lat: 26.378, lng: 108.077 },
      { code: '522635', name: '麻江县', nameEn: 'Majiang', lat: 26.492, lng: 107.589 },
      { code: '522636', name: '丹寨县', nameEn: 'Danzhai', lat: 26.198, lng: 107.788 },
    ],
  },
  {
    code: '522700',
    name: '黔南布依族苗族自治州',
    shortName: '黔南',
    nameEn: 'Qiannan',
    counties: [
      { code: '522701', name: '都匀市', nameEn: 'Duyun', lat: 26.259, lng: 107.518, urban: true },
      { code: '522702', name: '福泉市', nameEn: 'Fuquan', lat: 26.686, lng: 107.52 },
      { code: '522722', name: '荔波县', nameEn: 'Libo', lat: 25.411, lng: 107.887 },
      { code: '522723', name: '贵定县', nameEn: 'Guiding', lat: 26.578, lng: 107.233 },
      { code: '522725', name: '瓮安县', nameEn: "Weng'an", lat: 27.078, lng: 107.471 },
      { code: '522726', name: '独山县', nameEn: 'Dushan', lat: 25.822, lng: 107.545 },
      { code: '522727', name: '平塘县', nameEn: 'Pingtang', lat: 25.822, lng: 107.323 },
      { code: '522728', name: '罗甸县', nameEn: 'Luodian', lat: 25.425, lng: 106.751 },
      { code: '522729', name: '长顺县', nameEn: 'Changshun', lat: 26.023, lng: 106.451 },
      { code: '522730', name: '龙里县', nameEn: 'Longli', lat: 26.453, lng: 106.979 },
      { code: '522731', name: '惠水县', nameEn: 'Huishui', lat: 26.132, lng: 106.657 },
      { code: '522732', name: '三都水族自治县', nameEn: 'Sandu', lat: 25.983, lng: 107.869 },
    ],
  },
];
