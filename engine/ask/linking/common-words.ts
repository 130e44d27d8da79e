import { isCuePhrase } from '../plan/lexicon.js';
import { dict } from '@node-rs/jieba/dict.js';

/**
 * Words that ask about entities rather than name one. The chain data holds products called 产品,
 * 科技, 主营, 数据 or 电话, and would otherwise link in every question that uses the word in its
 * ordinary sense; these are never linked on their own.
 */
const QUESTION_VOCABULARY = `
上游 下游 中游 产品 主要产品 主营 主营产品 主营业务 业务 企业 公司 上市公司 集团 股份 科技 技术 供应商 客户 价格 价 政策 行业
产业 产业链 供应链 生产 哪些 多少 预测 趋势 走势 风险 竞争 竞争对手 合作 投资 控股 路径 关系 材料 原料 原材料 地区 区域 数据
信息 服务 市场 销售 供应 需求 产量 销量 出口 进口 未来 全国 中国 其他 其它 什么 哪家 哪个 情况 介绍 生产企业 制造 制造商 供货
采购 股东 母公司 子公司 数量 排名 前三 前五 一级 二级 三级 断供 停产 影响 如果 假设 支持 文件 通知 要求 建设 大脑 产业大脑 行业大脑
分类 归类 加工 处理 利用 使用 直接 间接 重点 主要 相关 所属 属于 哪里 位于 之间 联系 关联 收入 营收 占比 比例 份额 最高 最多 代码 股票 上市 分布 各区 区县 什么时候 怎么
如何 是否 能否 下降 上涨 涨 跌 涨跌 链主 龙头 龙头企业 电话 联系人 地址 邮箱 时间 日期 年份 月份 平台 中心 方案 模式 体系 能力
组件 应用 场景 模块 项目 系统 设备 部件 零部件 配件 工程 网络 名单 列表 问题 东西 单位 部门 机构 指标 标准 规模 总数 合计 结构
构成 组成 来源 去向 用途 种类 类型 类别 品种 规格 型号 质量 成本 利润 营业 经营 发展 创新 研发 制度 机制 措施 办法 指南 计划
规划 目标 任务 内容 方向 领域 环节 阶段 步骤 程序 流程 条件 资格 原则 特点 特性 优势 作用 功能 效益 成效 效果 水平 程度
新闻 报道 报纸 文章 资料 图谱 知识图谱 数据库 A股 a股 港股 美股 主板 创业板 科创板 北交所 上交所 深交所
车企 外国车企 国外车企 整车厂 主机厂 零售商 经销商 批发商 代理商 服务商 运营商 开发商 制造企业 生产商 供货商 合作方 投资方
股东方 客户方 买家 卖家 厂家 工厂 公司名 名称 简称 全称 上下游 行业协会 协会 机构 银行 集团公司 母公司 子公司 合资公司
合资企业 上市企业 民营企业 国企 央企 外企 龙头企业 链主企业 专精特新 中小企业 大企业 新闻知识图谱 相关企业 有关企业
`;

const WORDS: ReadonlySet<string> = new Set(QUESTION_VOCABULARY.split(/\s+/).filter(Boolean));

/** Question vocabulary, or a phrase that as a whole is a relation's cue (上游原材料, 下游产品). */
export function isQuestionWord(text: string): boolean {
  return WORDS.has(text) || isCuePhrase(text);
}

/**
 * Parts of speech (jieba's tags) that never name a product or an industry on their own: adverbs
 * (大概), time words (目前), places relative to something (以上, 下游), prepositions, conjunctions,
 * pronouns, particles, classifiers (米, 厘米) and the like. The chain data holds revenue lines
 * named so, and a question uses them in their ordinary sense.
 */
const FUNCTION_TAGS = new Set(['d', 't', 'f', 'p', 'c', 'r', 'u', 'y', 'e', 'o', 'z', 'q', 'ad', 'zg']);
/** Above these counts in jieba's corpus a verb (进行, 采用) or a noun (国际, 技术) is an ordinary word. */
const COMMON_VERB = 2_000;
const COMMON_NOUN = 20_000;

let general: Map<string, { freq: number; tag: string }> | undefined;

function generalDictionary(): Map<string, { freq: number; tag: string }> {
  if (general) return general;
  general = new Map();
  for (const line of Buffer.from(dict).toString('utf8').split('\n')) {
    const [word, freq, tag] = line.trim().split(/\s+/);
    if (word && freq && tag) general.set(word, { freq: Number(freq), tag });
  }
  return general;
}

/**
 * Whether a product or industry name is, in general Chinese, an ordinary word rather than a thing
 * (国际, 大概, 进行, 以上): by its part of speech and its frequency in jieba's corpus. Names of
 * companies are not judged so (联想, 微软, 奔驰 are tagged as words too).
 */
export function isOrdinaryWord(text: string): boolean {
  const entry = generalDictionary().get(text);
  if (!entry) return false;
  if (FUNCTION_TAGS.has(entry.tag)) return true;
  if (entry.tag === 'v') return entry.freq >= COMMON_VERB;
  if (entry.tag === 'n' || entry.tag === 'vn') return entry.freq >= COMMON_NOUN;
  return false;
}

/**
 * Single characters that name a material when they stand alone (铜, 锂, 煤): every other
 * one-character name (公, 每, 运, 面 …) is a syllable of some longer word far more often than it
 * is the chain product of that name.
 */
const MATERIAL_CHARACTERS = new Set([
  ...'铜铝锌铅锡镍钴锂镁钛钨钼锰铬钒金银铂钯铁钢煤油气硅硼碳磷硫氢氧氮氯氨苯萘锑铀铋镓锗铟糖盐酒茶棉麻丝木竹纸砂',
]);

export function isMaterialCharacter(text: string): boolean {
  return MATERIAL_CHARACTERS.has(text);
}
