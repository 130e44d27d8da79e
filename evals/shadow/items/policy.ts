import type { Context } from '../context.js';
import { POLICY_FILES, type PolicyFile } from '../data/policies.js';
import type { Lang, ShadowSet } from '../item.js';

const { notice2024, notice2025, guide, jiangxi, news } = POLICY_FILES;

/**
 * A question on one shared policy text. Every key except the English renderings must occur in
 * the file; the note cites the line of each.
 */
function pol(
  ctx: Context,
  set: ShadowSet,
  question: string,
  lang: Lang,
  file: PolicyFile,
  expect: string[],
  minHits: number,
  translations: string[] = [],
): void {
  const cites = expect
    .filter((k) => !translations.includes(k))
    .map((k) => `${file}:${ctx.policies.line(file, k)} “${k}”`);
  set.add({
    question,
    lang,
    kind: 'policy',
    dataset: 'policies',
    expect,
    minHits,
    note: `policies/${cites.join('; policies/')}.${translations.length ? ` English renderings accepted: ${JSON.stringify(translations)}.` : ''}`,
  });
}

export function policyItems(ctx: Context, set: ShadowSet): void {
  // 2024 notice (渝经信智能〔2024〕1号)
  pol(ctx, set, '重庆2024年打算启动建设几个行业大脑？', 'zh', notice2024, ['5个'], 1);
  pol(
    ctx,
    set,
    '行业大脑的意向表和初步建设方案，最晚哪天要报到市经济信息委？',
    'zh',
    notice2024,
    ['2月29日'],
    1,
  );
  pol(
    ctx,
    set,
    '市经济信息委制定2024年行业大脑建设榜单时，要综合考虑哪些因素？',
    'zh',
    notice2024,
    ['产业布局', '行业代表性', '方案完整性'],
    2,
  );
  pol(
    ctx,
    set,
    '行业大脑建成以后多长时间内要提请验收？验收合格了会怎么样？',
    'zh',
    notice2024,
    ['一个月', '授牌'],
    2,
  );
  pol(
    ctx,
    set,
    'Who handles application enquiries (申报咨询) for the 2024 notice, and what is the phone number?',
    'en',
    notice2024,
    ['杨威威', '63897436'],
    2,
  );
  pol(
    ctx,
    set,
    '意向表里的建设模式分成哪几类？',
    'zh',
    notice2024,
    ['政府主导建设模式', '链主企业建设模式', '第三方平台建设模式'],
    2,
  );
  pol(ctx, set, '意向表里的产业集群规模、龙头企业规模按哪一年的数据填？', 'zh', notice2024, ['2022'], 1);

  // 2025 second batch (渝经信发〔2025〕10号)
  pol(
    ctx,
    set,
    '第二批揭榜挂帅里，农业领域聚焦哪些特色产业？',
    'zh',
    notice2025,
    ['生猪', '脆李', '柑橘', '茶叶'],
    3,
  );
  pol(
    ctx,
    set,
    'Which service-sector industries does the second-batch notice focus on?',
    'en',
    notice2025,
    [
      '外贸',
      '家政',
      '会展',
      '火锅',
      '电商',
      '商超',
      'foreign trade',
      'housekeeping',
      'exhibition',
      'hotpot',
      'e-commerce',
      'supermarket',
    ],
    3,
    ['foreign trade', 'housekeeping', 'exhibition', 'hotpot', 'e-commerce', 'supermarket'],
  );
  pol(
    ctx,
    set,
    '第二批揭榜的建设任务要在多长时间内完成？从什么时候开始算？',
    'zh',
    notice2025,
    ['1年', '入围揭榜单位名单'],
    2,
  );
  pol(
    ctx,
    set,
    '第二批通知里说的应用组件具体包括什么？',
    'zh',
    notice2025,
    ['应用中间件', '标准化产品', '工业APP', '系统集成解决方案'],
    2,
  );
  pol(
    ctx,
    set,
    'Which kinds of application does 场景应用 cover in the second-batch notice (B2B and what else)?',
    'en',
    notice2025,
    ['G2B', 'B2G'],
    2,
  );
  pol(
    ctx,
    set,
    '第二批揭榜的申报材料最晚哪天报送？纸质材料要交几份？',
    'zh',
    notice2025,
    ['3月18日', '一式二份'],
    2,
  );
  pol(
    ctx,
    set,
    'For the second batch, who is the contact person at the Municipal Commerce Commission (市商务委), and the phone number?',
    'en',
    notice2025,
    ['马飞', '62662905'],
    2,
  );
  pol(
    ctx,
    set,
    '第二批通知要求行业产业大脑门户包含哪两部分？',
    'zh',
    notice2025,
    ['政府侧驾驶舱', '企业侧互联网门户'],
    2,
  );

  // Chongqing industrial brain guide 1.0
  pol(
    ctx,
    set,
    '1.0指南里的“1+1+N”构架，三个部分分别指什么？',
    'zh',
    guide,
    ['产业大脑能力中心', '产业数据仓', '特色细分行业产业大脑'],
    2,
  );
  pol(
    ctx,
    set,
    '重庆1.0指南把行业大脑的业务能力分成哪三级？',
    'zh',
    guide,
    ['行业洞察分析', '产业链协同赋能', '企业创新变革'],
    2,
  );
  pol(
    ctx,
    set,
    '行业洞察分析能做哪些智能分析研判？举几个例子',
    'zh',
    guide,
    ['原材料供应或价格走势', '供给和需求趋势', '关键核心技术发展动态', '关键零部件供给形势'],
    2,
  );
  pol(ctx, set, '行业大脑门户需要具备哪些基础功能？', 'zh', guide, ['用户管理', '资源管理', '信息检索'], 2);
  pol(
    ctx,
    set,
    'Under the Chongqing guide 1.0, which security protection systems should an industry brain build?',
    'en',
    guide,
    [
      '设备安全',
      '数据安全',
      '网络安全',
      '平台安全',
      'device security',
      'data security',
      'network security',
      'platform security',
    ],
    3,
    ['device security', 'data security', 'network security', 'platform security'],
  );

  // Jiangxi guide 2023 (forwarded by Shangrao)
  pol(
    ctx,
    set,
    '上饶市工信局转发江西指南时，留的联系人和电话是什么？',
    'zh',
    jiangxi,
    ['张兵', '8306448'],
    2,
  );
  pol(
    ctx,
    set,
    '江西指南里，政府管理端应用（G端）主要提供哪些管理服务？',
    'zh',
    jiangxi,
    ['工业运行管理', '经济风险预警', '产业链分析', '产业人才地图'],
    3,
  );
  pol(
    ctx,
    set,
    'Under the Jiangxi guide, how long is the construction period for a winning bidder?',
    'en',
    jiangxi,
    ['两年', 'two years', '2 years'],
    1,
    ['two years', '2 years'],
  );
  pol(ctx, set, '江西的产业大脑运营模式分哪两类？', 'zh', jiangxi, ['企业主导型', '数字化服务商支撑型'], 2);
  pol(
    ctx,
    set,
    '江西对产业大脑的年度绩效考核重点考哪些方面？',
    'zh',
    jiangxi,
    ['建设进度', '应用成效', '商业模式', '运营机制'],
    3,
  );
  pol(
    ctx,
    set,
    "In the Jiangxi guide's survey report template, into which stages should the survey plan be divided?",
    'en',
    jiangxi,
    ['起始阶段', '建设过程阶段', '建设完成阶段', 'initial stage', 'construction stage', 'completion stage'],
    2,
    ['initial stage', 'construction stage', 'completion stage'],
  );

  // Chongqing Daily page, 2024-01-09
  pol(ctx, set, '重庆提出到2027年，行业大脑和未来工厂各要建多少个？', 'zh', news, ['20个以上'], 1);
  pol(
    ctx,
    set,
    "According to the Chongqing Daily page, what results has 忽米网's 汽摩产业大脑 1.0 achieved so far?",
    'en',
    news,
    ['330多家', '17%', '14%', '20%'],
    2,
  );
  pol(ctx, set, '重庆全市累计推进实施了多少个数字化转型项目？', 'zh', news, ['6725'], 1);
  pol(ctx, set, '那版重庆日报上，巴南区双河口镇新装的场镇护栏有多长？', 'zh', news, ['1600米'], 1);
  pol(
    ctx,
    set,
    'On the same newspaper page, how many national-level platforms has Chongqing built for its biomedicine industry?',
    'en',
    news,
    ['13个', '13 national'],
    1,
    ['13 national'],
  );
}
