/**
 * English → Chinese query expansion for a Chinese policy corpus. The index holds Chinese text and
 * the offline retrievers (BM25, hashed n-grams) cannot cross languages, so English query words
 * with a standard rendering in industrial-policy Chinese bring that rendering along. A general
 * domain vocabulary, not a per-question list: longest phrase wins, words are matched stemmed.
 */
const GLOSSARY: ReadonlyArray<readonly [string, string]> = [
  ['industry brain', '产业大脑 行业大脑'],
  ['industrial brain', '产业大脑 工业产业大脑'],
  ['sub-sector', '细分行业'],
  ['future factory', '未来工厂'],
  ['industrial internet', '工业互联网'],
  ['internet platform', '互联网平台'],
  ['data warehouse', '数据仓'],
  ['capability component', '能力组件'],
  ['component', '组件'],
  ['scenario', '场景'],
  ['application', '应用 申报'],
  ['portal', '门户'],
  ['cockpit', '驾驶舱'],
  ['government', '政府'],
  ['enterprise', '企业'],
  ['small and medium enterprise', '中小企业'],
  ['chain leader', '链主'],
  ['leading enterprise', '领军 龙头企业'],
  ['third party', '第三方'],
  ['third-party', '第三方'],
  ['platform', '平台'],
  ['industrial chain', '产业链'],
  ['supply chain', '供应链'],
  ['industrial cluster', '产业集群'],
  ['cluster', '集群'],
  ['manufacturing', '制造业'],
  ['digital transformation', '数字化转型'],
  ['digital', '数字化'],
  ['data security', '数据安全'],
  ['security', '安全'],
  ['information security', '信息安全'],
  ['protection', '防护 保护'],
  ['level', '等级 级'],
  ['responsibility', '责任'],
  ['construction', '建设'],
  ['build', '建设'],
  ['operation', '运营'],
  ['operating model', '运营模式'],
  ['construction model', '建设模式'],
  ['model', '模式 模型'],
  ['deadline', '期限 前'],
  ['completion', '完成'],
  ['rectification', '整改'],
  ['evaluation', '评价 评估'],
  ['acceptance', '验收'],
  ['assessment', '考核 评估'],
  ['requirement', '要求'],
  ['mailing address', '邮寄地址'],
  ['address', '地址'],
  ['contact', '联系人 联系方式'],
  ['phone', '电话'],
  ['material', '材料'],
  ['submit', '报送 提交'],
  ['intention form', '意向表'],
  ['form', '表'],
  ['scale', '规模'],
  ['data', '数据'],
  ['year', '年度'],
  ['service industry', '服务业领域 服务业'],
  ['service', '服务'],
  ['agriculture', '农业'],
  ['industry', '行业 产业'],
  ['industrial', '工业'],
  ['regionally concentrated', '区域集中'],
  ['concentrated', '集中'],
  ['resource', '资源'],
  ['management', '管理'],
  ['government management', '政府管理端'],
  ['risk warning', '风险预警'],
  ['talent', '人才'],
  ['primary responsibility', '主体责任'],
  ['focus', '聚焦'],
  ['batch', '批'],
  ['second batch', '第二批'],
  ['task', '任务'],
  ['policy', '政策'],
  ['province', '省'],
  ['city', '市'],
  ['municipal', '市'],
  ['commission', '委员会 委'],
  ['economy and information technology', '经济和信息化 经济信息委'],
  ['influence', '影响力'],
  ['established', '建立'],
  ['nationwide', '全国'],
  ['china', '全国 中国'],
  ['jiangxi', '江西省'],
  ['chongqing', '重庆市'],
  ['shangrao', '上饶市'],
  ['fail', '不符合'],
  ['survey', '调研'],
  ['research', '调研 研究'],
  ['expert', '专家'],
  ['review', '评审'],
  ['target', '目标'],
  ['goal', '目标'],
  ['investment', '投资'],
  ['finance', '金融'],
  ['market', '市场'],
  ['price', '价格'],
  ['raw material', '原材料'],
  ['demand', '需求'],
  ['supply', '供给 供应'],
  ['innovation', '创新'],
  ['artificial intelligence', '人工智能'],
  ['large model', '大模型'],
  ['edge computing', '边缘计算 边缘智算'],
  ['blockchain', '区块链'],
  ['privacy computing', '隐私计算'],
  ['knowledge graph', '知识图谱'],
  ['principle', '原则'],
  ['step', '步骤'],
  ['pilot', '试点'],
  ['subsidy', '补贴'],
  ['fund', '资金'],
];

const STEMMED = GLOSSARY.map(([en, zh]) => [words(en), zh] as const).sort(
  (a, b) => b[0].length - a[0].length,
);

function words(text: string): string[] {
  return (text.toLowerCase().match(/[a-z]+/g) ?? []).map(stemWord);
}

function stemWord(w: string): string {
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

/** Chinese renderings of the English phrases in `query` (empty when the query has no English). */
export function expandEnglish(query: string): string {
  const tokens = words(query);
  if (tokens.length === 0) return '';
  const out: string[] = [];
  let i = 0;
  while (i < tokens.length) {
    const hit = STEMMED.find(([phrase]) => phrase.every((w, j) => tokens[i + j] === w));
    if (hit) {
      out.push(hit[1]);
      i += hit[0].length;
    } else i++;
  }
  return out.join(' ');
}
