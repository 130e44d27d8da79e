import type { Context } from '../../shadow/context.js';
import { POLICY_FILES, type PolicyFile } from '../../shadow/data/policies.js';
import { countForms, dateForms } from '../../shadow/keys.js';
import { norm } from '../../shadow/item.js';
import { need, type SecondSet } from '../collect.js';

const { notice2024, notice2025, guide, jiangxi, news } = POLICY_FILES;

/**
 * A question on one of the five shared policy texts. Each key in `found` is searched in `file`
 * and its line is asserted and cited; a key given as [key, passage] is searched as the passage
 * that holds it, so the cited line is the one the answer comes from and not an earlier mention.
 * `derived` keys are other spellings of a verified fact (an ISO date for a Chinese one,
 * "30 compan…" for 30家) and name the text they come from.
 */
interface PolicyAsk {
  question: string;
  lang: 'zh' | 'en';
  file: PolicyFile;
  found: (string | [string, string])[];
  derived?: { from: string; forms: string[] };
  minHits: number;
}

const THIRD_PARTY = '产业空间布局分散、产业链资源分散、产业链共性需求比较强';
const FOUR_CHAINS = '产业链、资金链、人才链和创新链';
const FIVE_CHAINS = '创新链为抓手，资金链、人才链、政策链为保障';
const APPLICANTS = '设区市人民政府、县（市、区）人民政府和开发区管委会';

const ASKS: PolicyAsk[] = [
  {
    question: '2024年那份行业大脑通知里，哪些主体可以来当建设主体？',
    lang: 'zh',
    file: notice2024,
    found: ['区县（园区）', ['领军（链主）企业', '区县（园区）、领军（链主）企业'], '第三方平台企业'],
    minHits: 2,
  },
  {
    question: '2024年行业大脑的建设材料要报送，对接人是谁？电话留的多少？',
    lang: 'zh',
    file: notice2024,
    found: ['周静', '63899409', '18996191312'],
    minHits: 2,
  },
  {
    question: '行业大脑授牌以后，要是年度评价结果欠佳，会怎么处理？',
    lang: 'zh',
    file: notice2024,
    found: ['限期整改', '取消授牌'],
    minHits: 2,
  },
  {
    question: '初步建设方案提纲里，“技术支撑方案”那一节要重点体现哪些内容？',
    lang: 'zh',
    file: notice2024,
    found: ['整体架构', '关键技术', '创新点'],
    minHits: 2,
  },
  {
    question: '提纲里的“资金筹措及投资估算”一节，具体要写些什么？',
    lang: 'zh',
    file: notice2024,
    found: ['经费支出概算', '测算说明', '经费来源'],
    minHits: 2,
  },
  {
    question:
      'Which document number does the 2024 notice give for the Chongqing industrial brain guide (1.0)?',
    lang: 'en',
    file: notice2024,
    found: ['渝经信规范'],
    minHits: 1,
  },
  {
    question: '第二批细分行业产业大脑的那份通知，是哪几个部门联合发的？',
    lang: 'zh',
    file: notice2025,
    found: ['经济和信息化', '经济信息委', '农业农村委', '商务委'],
    minHits: 3,
  },
  {
    question:
      'What is the document number of the second-batch industry brain notice, and on what date was it issued?',
    lang: 'en',
    file: notice2025,
    found: ['渝经信发', '2025年3月6日'],
    derived: { from: '2025年3月6日', forms: [dateForms('2025-03-06')[0]!] },
    minHits: 2,
  },
  {
    question: '服务业领域的揭榜主体可以是哪些单位？',
    lang: 'zh',
    file: notice2025,
    found: ['行业协会', ['第三方平台', '行业协会、第三方平台'], '园区管委会'],
    minHits: 2,
  },
  {
    question: '行业产业大脑的安全体系，等保至少要几级？防护对象要覆盖哪些方面？',
    lang: 'zh',
    file: notice2025,
    found: [['三级', '等级保护三级以上'], '现场设备', '工业控制系统', '网络基础设施'],
    minHits: 3,
  },
  {
    question:
      'Where do the paper application materials for the second batch have to be mailed? I need the postal address.',
    lang: 'en',
    file: notice2025,
    found: ['云杉南路12号'],
    minHits: 1,
  },
  {
    question: '行业数据仓做融合分析的时候，必要时可以用哪些技术手段？',
    lang: 'zh',
    file: notice2025,
    found: ['隐私计算', '区块链'],
    minHits: 2,
  },
  {
    question: '第二批通知里说的“场景功能组件”到底指什么？',
    lang: 'zh',
    file: notice2025,
    found: ['特定业务场景', '协同完成特定任务', '模块化数字资源'],
    minHits: 2,
  },
  {
    question: '第二批揭榜挂帅是按照什么原则来联合开展的？',
    lang: 'zh',
    file: notice2025,
    found: ['政府主导', '多方共建'],
    minHits: 2,
  },
  {
    question: '1.0指南是怎么定义工业产业大脑的？它是个什么样的一体化模型？',
    lang: 'zh',
    file: guide,
    found: ['数据汇聚', '智能计算', '能力生成', '赋能服务'],
    minHits: 3,
  },
  {
    question: '什么样的行业适合由第三方平台牵头来建行业大脑？',
    lang: 'zh',
    file: guide,
    found: [
      ['布局分散', THIRD_PARTY],
      ['资源分散', THIRD_PARTY],
      ['共性需求', THIRD_PARTY],
    ],
    minHits: 2,
  },
  {
    question: '1.0指南里提的“四链”深度融合，是哪四条链？',
    lang: 'zh',
    file: guide,
    found: [
      ['产业链', FOUR_CHAINS],
      ['资金链', FOUR_CHAINS],
      ['人才链', FOUR_CHAINS],
      ['创新链', FOUR_CHAINS],
    ],
    minHits: 3,
  },
  {
    question:
      'According to the Chongqing guide 1.0, which three kinds of data does an industrial brain fuse together?',
    lang: 'en',
    file: guide,
    found: ['政府产业基础数据', '行业公共数据', '企业共享数据'],
    minHits: 2,
  },
  {
    question: '1.0指南第一条原则里，对行业大脑的创新和共享提的是什么要求？',
    lang: 'zh',
    file: guide,
    found: ['一地创新', '全市共享'],
    minHits: 2,
  },
  {
    question: '江西的指南讲“五链融合”，其中哪条链是抓手，哪几条链是保障？',
    lang: 'zh',
    file: jiangxi,
    found: [
      ['创新链', FIVE_CHAINS],
      ['资金链', FIVE_CHAINS],
      ['人才链', FIVE_CHAINS],
      ['政策链', FIVE_CHAINS],
    ],
    minHits: 3,
  },
  {
    question: '江西对一个行业建几个产业大脑有没有要求？',
    lang: 'zh',
    file: jiangxi,
    found: ['只建一个', '一行业一大脑'],
    minHits: 1,
  },
  {
    question:
      "In Jiangxi's survey report template, at least how many enterprises should the enterprise survey cover?",
    lang: 'en',
    file: jiangxi,
    found: ['30家'],
    derived: { from: '30家', forms: countForms(30, true).filter((f) => f !== '30家') },
    minHits: 1,
  },
  {
    question: '江西指南里，数据安全主体责任由谁承担？产业大脑建设推广和数据安全要做到哪“三同”？',
    lang: 'zh',
    file: jiangxi,
    found: ['主体建设单位', '同规划', '同设计', '同实施'],
    minHits: 3,
  },
  {
    question: '江西产业大脑“揭榜挂帅”，谁有资格当申报主体？',
    lang: 'zh',
    file: jiangxi,
    found: [
      ['设区市人民政府', APPLICANTS],
      ['县（市、区）人民政府', APPLICANTS],
      ['开发区管委会', APPLICANTS],
    ],
    minHits: 2,
  },
  {
    question:
      "When did Shangrao's industry and IT bureau forward the Jiangxi guide, and when had the provincial office issued it?",
    lang: 'en',
    file: jiangxi,
    found: ['2023年11月13日', '2023年10月23日'],
    derived: {
      from: '2023年11月13日, 2023年10月23日',
      forms: [dateForms('2023-11-13')[0]!, dateForms('2023-10-23')[0]!],
    },
    minHits: 2,
  },
  {
    question: '重庆日报那篇报道里说，全国建起了多少家有影响力的工业互联网平台？形成了怎样的平台赋能体系？',
    lang: 'zh',
    file: news,
    found: ['340', '综合型', '特色型', '专业型'],
    minHits: 3,
  },
  {
    question:
      'According to the Chongqing Daily page, how much VAT relief and how much subsidy did 智飞生物 get in Chongqing in 2023?',
    lang: 'en',
    file: news,
    found: ['40万', '1000万'],
    minHits: 2,
  },
  {
    question: '渝中区围绕建立哪个软信产业体系在布局？去年有几家企业进了北斗星启明星培育库？',
    lang: 'zh',
    file: news,
    found: ['1146', '7家'],
    minHits: 2,
  },
  {
    question:
      "On the same newspaper page, what fee per square metre does 伍景红's non-profit community property service station charge?",
    lang: 'en',
    file: news,
    found: ['0.5元'],
    minHits: 1,
  },
];

export function policyItems(ctx: Context, set: SecondSet): void {
  for (const [i, a] of ASKS.entries()) {
    set.build(`policy #${i + 1} (${a.file})`, () => {
      const keys = a.found.map((f) => (typeof f === 'string' ? f : f[0]));
      const cited = a.found.map((f) => {
        const [key, passage] = typeof f === 'string' ? [f, f] : f;
        need(norm(passage).includes(norm(key)), `passage ${passage} does not hold ${key}`);
        return `policies/${a.file}:${ctx.policies.line(a.file, passage)} “${passage}”`;
      });
      const derived = a.derived
        ? ` Also accepted: ${a.derived.forms.join(', ')} (other spellings of ${a.derived.from}).`
        : '';
      return {
        question: a.question,
        lang: a.lang,
        kind: 'policy',
        dataset: 'policies',
        expect: [...keys, ...(a.derived?.forms ?? [])],
        minHits: a.minHits,
        subjects: [],
        note: `${[...new Set(cited)].join('; ')}.${derived}`,
      };
    });
  }
}
