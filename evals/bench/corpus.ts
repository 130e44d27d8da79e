import { PUBLIC_PRINCIPAL } from '../../knowledge-graph/schema/index.js';
import type { RetrievalIndex } from '../../retrieval/index.js';

/** Synthetic policy-like Chinese text, seeded: the retrieval and state benches' corpus. */
export const TERMS =
  `产业大脑 行业数据仓 工业互联网 能力组件 应用场景 链主企业 中小企业 数字化转型 供应链协同 产业链 集群 新能源汽车 电子信息 先进材料 智能装备 食品加工 软件服务 生物医药 储能 轻合金 摩托车 原材料价格 市场需求 关键零部件 数据安全 隐私计算 区块链 边缘计算 人工智能 大模型 知识图谱 政府侧 企业侧 行业侧 揭榜挂帅 验收评估 运营模式 市场化运营 专项资金 税费优惠 人才培养 试点示范 重庆 江西 上饶 两江新区 渝北区 璧山区 宗申 忽米网`.split(
    ' ',
  );
export const VERBS = `推动 建设 完善 强化 支持 鼓励 统筹 组织 培育 提升 聚焦 打造 贯通 汇聚 赋能 引导`.split(
  ' ',
);

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function sentence(r: () => number): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  return `${pick(VERBS)}${pick(TERMS)}与${pick(TERMS)}${pick(VERBS)}，${pick(VERBS)}${pick(TERMS)}的${pick(TERMS)}能力，到${2024 + Math.floor(r() * 6)}年形成${Math.floor(r() * 90) + 10}个${pick(TERMS)}。`;
}

export function document(i: number, r: () => number): string {
  const sections = ['一、总体要求', '二、重点任务', '三、保障措施', '四、组织实施'];
  const parts = [`关于推进第${i}批${TERMS[i % TERMS.length]}建设的通知`];
  for (const [s, heading] of sections.entries()) {
    parts.push(heading);
    for (let p = 0; p < 3; p++) {
      parts.push(`（${'一二三'[p]}）${TERMS[(i + s + p) % TERMS.length]}`);
      parts.push(Array.from({ length: 12 }, () => sentence(r)).join(''));
    }
  }
  return parts.join('\n');
}

/** A short search query of the corpus's own words: term, verb, term. */
export function query(r: () => number): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  return `${pick(TERMS)}${pick(VERBS)}${pick(TERMS)}`;
}

/** Milliseconds per public top-10 hybrid search of `count` queries, the same ones in every bench (seed 99). */
export async function searchTimes(index: RetrievalIndex, count: number): Promise<number[]> {
  const r = rng(99);
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    await index.search(query(r), { principal: PUBLIC_PRINCIPAL, k: 10 });
    times.push(performance.now() - t);
  }
  return times;
}
