/**
 * Word lists for realistic (and entirely fictional) borrowers. Names mix the
 * common with the rare on purpose: a rare character (龑, 昇, 喆, 玥, 堃) or a
 * compound surname (欧阳, 司马) is exactly what breaks fonts, masking and PDF
 * generation, so the demo and the benchmark data must contain them.
 */
export type Gender = 'male' | 'female';

/** Surnames weighted roughly by frequency; the tail keeps compound and rarer ones in the mix. */
export const surnames: readonly (readonly [string, number])[] = [
  ['王', 72], ['李', 71], ['张', 68], ['刘', 54], ['陈', 45], ['杨', 31], ['黄', 24], ['赵', 22], ['吴', 21], ['周', 20],
  ['徐', 16], ['孙', 15], ['马', 14], ['朱', 13], ['胡', 12], ['郭', 11], ['何', 11], ['高', 10], ['林', 10], ['罗', 9],
  ['郑', 9], ['梁', 8], ['谢', 7], ['宋', 7], ['唐', 7], ['许', 6], ['韩', 6], ['冯', 6], ['邓', 6], ['曹', 5],
  ['彭', 5], ['曾', 5], ['沈', 4], ['钱', 4], ['蒋', 4], ['姚', 3], ['潘', 3], ['俞', 2], ['褚', 1], ['闫', 1],
  ['欧阳', 1], ['司马', 0.3], ['上官', 0.3], ['诸葛', 0.2], ['皇甫', 0.2], ['喻', 0.5], ['邝', 0.3], ['亓', 0.2],
];

const maleGiven = [
  '伟', '强', '磊', '军', '勇', '杰', '涛', '斌', '超', '明', '刚', '平', '辉', '鹏', '华', '飞', '鑫', '波', '宇', '浩',
  '建国', '建华', '志强', '志明', '国平', '海涛', '文斌', '俊杰', '晓东', '伟东', '子轩', '浩然', '宇航', '家豪', '振宇',
  '龑', '昇', '喆', '堃', '翀', '昊天', '晟睿',
];
const femaleGiven = [
  '芳', '娜', '敏', '静', '丽', '艳', '娟', '霞', '燕', '玲', '婷', '雪', '慧', '颖', '琳', '倩', '洁', '萍', '红', '佳',
  '秀英', '桂英', '玉兰', '秀兰', '丽华', '海燕', '晓红', '桂芳', '雨涵', '欣怡', '梓涵', '思琪', '诗雨', '佳怡',
  '玥', '祎', '珺', '婳', '瑀', '琤',
];

export function givenNames(gender: Gender): readonly string[] {
  return gender === 'male' ? maleGiven : femaleGiven;
}

/**
 * Real county-level region codes (the first six digits of a resident ID) with
 * their address prefix. The creditor is a Huzhou rural bank, so local codes
 * carry most of the weight; online loans bring borrowers from elsewhere.
 */
export const regions: readonly { code: string; prefix: string; weight: number }[] = [
  { code: '330523', prefix: '浙江省湖州市安吉县', weight: 30 },
  { code: '330521', prefix: '浙江省湖州市德清县', weight: 14 },
  { code: '330502', prefix: '浙江省湖州市吴兴区', weight: 14 },
  { code: '330102', prefix: '浙江省杭州市上城区', weight: 6 },
  { code: '330106', prefix: '浙江省杭州市西湖区', weight: 6 },
  { code: '110105', prefix: '北京市朝阳区', weight: 3 },
  { code: '440305', prefix: '广东省深圳市南山区', weight: 3 },
  { code: '310115', prefix: '上海市浦东新区', weight: 3 },
  { code: '320583', prefix: '江苏省苏州市昆山市', weight: 3 },
  { code: '340104', prefix: '安徽省合肥市蜀山区', weight: 3 },
  { code: '360102', prefix: '江西省南昌市东湖区', weight: 2 },
  { code: '410105', prefix: '河南省郑州市金水区', weight: 2 },
  { code: '420106', prefix: '湖北省武汉市武昌区', weight: 2 },
  { code: '430104', prefix: '湖南省长沙市岳麓区', weight: 2 },
  { code: '350203', prefix: '福建省厦门市思明区', weight: 2 },
  { code: '510107', prefix: '四川省成都市武侯区', weight: 2 },
  { code: '500103', prefix: '重庆市渝中区', weight: 2 },
  { code: '610113', prefix: '陕西省西安市雁塔区', weight: 1 },
  { code: '370202', prefix: '山东省青岛市市南区', weight: 1 },
  { code: '450103', prefix: '广西壮族自治区南宁市青秀区', weight: 1 },
];

export const regionWeights: readonly (readonly [(typeof regions)[number], number])[] = regions.map((r) => [r, r.weight] as const);

export function regionByCode(code: string): (typeof regions)[number] {
  const region = regions.find((r) => r.code === code);
  if (!region) throw new RangeError(`unknown region ${code}`);
  return region;
}

export const streets = ['人民路', '解放路', '中山路', '建设路', '文化路', '新华路', '胜利西路', '和平路', '青年路', '滨河路', '天荒坪路', '递铺街'];
export const communities = ['阳光花园', '锦绣苑', '翠苑新村', '溪山名邸', '金色家园', '和家园', '桂花城', '幸福里'];
