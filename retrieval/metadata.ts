import { createHash } from 'node:crypto';
import type { StatedMeta } from './load/types.js';

/** Document metadata: what the document states (front matter, JSON) wins over what is inferred from its text. */
export interface DocumentMeta {
  title: string;
  issuer?: string;
  /** 发文字号, e.g. 渝经信发〔2025〕10号. */
  docNo?: string;
  /** ISO date (YYYY-MM-DD) of issue. */
  date?: string;
}

// 渝经信发〔2025〕10号, 赣工强省小组办字〔2023〕22号; brackets vary between 〔〕, [], （）.
const DOC_NO = /[\u4e00-\u9fa5]{1,12}[〔［[（(]\s*(?:19|20)\d{2}\s*[〕］\]）)]\s*\d{1,4}\s*号/;
const CN_DATE = /((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/;
const ISO_DATE = /\b((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})\b/;
const ISSUER =
  /^[\u4e00-\u9fa5（）()]{2,40}(委员会|人民政府|办公厅|办公室|领导小组|管委会|厅|局|部|委|署|中心)$/;
const TITLE =
  /^(关于|[\u4e00-\u9fa5]{2,20}关于).{2,80}(通知|意见|办法|规定|方案|决定|公告|通告|批复|函|指南|细则|规划|计划)$/;
const HEAD_LINES = 25;

export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function extractMeta(text: string, stated: StatedMeta, fileName: string): DocumentMeta {
  const lines = text
    .split('\n')
    .map((l) =>
      l
        .replace(/^#+\s*/, '')
        .replace(/\*\*/g, '')
        .trim(),
    )
    .filter(Boolean);
  const head = lines.slice(0, HEAD_LINES);
  const title = stated.title ?? inferTitle(head) ?? fileName.replace(/\.[^.]+$/, '');
  const docNo = stated.docNo ?? DOC_NO.exec(head.join('\n'))?.[0].replace(/\s+/g, '');
  const issuer = stated.issuer ?? inferIssuer(head, title);
  const date = normaliseDate(stated.date) ?? inferDate(lines);
  return { title, ...(issuer ? { issuer } : {}), ...(docNo ? { docNo } : {}), ...(date ? { date } : {}) };
}

function inferTitle(head: string[]): string | undefined {
  // Long titles are often set on two lines: 关于……产业大脑 / “揭榜挂帅”工作的通知.
  for (let i = 0; i < head.length; i++) {
    if (TITLE.test(head[i]!)) return head[i];
    const joined = head[i]! + (head[i + 1] ?? '');
    if (/^关于/.test(head[i]!) && TITLE.test(joined)) return joined;
  }
  return head.find((l) => l.length >= 6 && l.length <= 60 && !DOC_NO.test(l) && !ISSUER.test(l));
}

function inferIssuer(head: string[], title: string): string | undefined {
  const titleAt = head.findIndex((l) => title.startsWith(l));
  const before = titleAt > 0 ? head.slice(0, titleAt) : head.slice(0, 6);
  const issuers = before.filter((l) => ISSUER.test(l));
  return issuers.length ? issuers.join('、') : undefined;
}

/** The signing date: the last full Chinese date standing on a line of its own near the end. */
function inferDate(lines: string[]): string | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!;
    if (line.length <= 20) {
      const m = CN_DATE.exec(line);
      if (m) return iso(m[1]!, m[2]!, m[3]!);
    }
  }
  const any = CN_DATE.exec(lines.join('\n')) ?? ISO_DATE.exec(lines.join('\n'));
  return any ? iso(any[1]!, any[2]!, any[3]!) : undefined;
}

export function normaliseDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const m = CN_DATE.exec(value) ?? ISO_DATE.exec(value);
  return m ? iso(m[1]!, m[2]!, m[3]!) : undefined;
}

function iso(y: string, m: string, d: string): string | undefined {
  const month = Number(m);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
