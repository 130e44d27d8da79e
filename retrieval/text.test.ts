import { describe, expect, it } from 'vitest';
import { chunkText } from './chunk.js';
import { cleanText } from './clean.js';
import { parseFrontMatter } from './load/frontmatter.js';
import { htmlToText } from './load/html.js';
import { EntityLinker } from './link.js';
import { extractMeta } from './metadata.js';
import { Tokenizer } from './tokenize.js';

describe('cleanText', () => {
  it('drops page numbers and repeated page headers, joins broken lines, squeezes blank lines', () => {
    const page = (n: number, body: string) => `重庆市经济和信息化委员会文件\n${body}\n- ${n} -\n`;
    const raw = [
      page(1, '为深入推进数字重庆建设，强化四链融合，加快构建产业大脑\n新模式，现通知如下。'),
      page(2, '一、工作目标\n\n\n\n2024年，启动建设5个行业大脑。'),
      page(3, '二、工作要求\n各区县要认真落实。'),
    ].join('\f');
    const text = cleanText(raw);
    expect(text).not.toContain('委员会文件');
    expect(text).not.toMatch(/- \d -/);
    expect(text).toContain('加快构建产业大脑新模式，现通知如下。');
    expect(text).toContain('一、工作目标\n\n2024年');
    expect(text).not.toMatch(/\n{3}/);
  });

  it('joins wrapped English lines with a space and keeps headings on their own line', () => {
    expect(
      cleanText('The industry brain connects government data\nwith enterprise data.\n1. Scope\nText.'),
    ).toBe('The industry brain connects government data with enterprise data.\n1. Scope\nText.');
  });
});

describe('chunkText', () => {
  const body = Array.from({ length: 30 }, (_, i) => `这是第${i}句话，说明产业大脑建设的第${i}项要求。`).join(
    '',
  );
  const text = `一、总体要求\n${body}\n（一）数据仓\n${'行业数据仓是数字底座。'.repeat(15)}\n二、English part\nThe first sentence is here. The second sentence follows! Is this the third?`;

  it('keeps sentences whole, sizes chunks, overlaps them and records the section path', () => {
    const chunks = chunkText(text, '指南');
    for (const c of chunks) {
      expect(c.text.length).toBeLessThanOrEqual(600);
      expect(text.slice(c.start, c.end)).toBe(c.text);
      expect(c.text).toMatch(/[。！？.!?]$|数据仓$|要求$|English part$/);
    }
    const first = chunks.filter((c) => c.section.join('›') === '指南›一、总体要求');
    expect(first.length).toBeGreaterThan(1);
    expect(first[1]!.start).toBeLessThan(first[0]!.end);
    expect(chunks.find((c) => c.text.includes('行业数据仓'))!.section).toEqual([
      '指南',
      '一、总体要求',
      '（一）数据仓',
    ]);
    expect(chunks.at(-1)!.section).toEqual(['指南', '二、English part']);
  });

  it('cuts a sentence longer than a chunk at clause marks', () => {
    const long = `${'很长的从句，'.repeat(200)}结束。`;
    const chunks = chunkText(long, 't');
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.every((c) => c.text.length <= 600)).toBe(true);
  });
});

describe('metadata', () => {
  it('finds title, issuers, document number and signing date', () => {
    const text =
      '渝经信发〔2025〕10号\n重庆市经济和信息化委员会\n重庆市商务委员会\n关于联合开展第二批细分行业产业大脑\n“揭榜挂帅”工作的通知\n正文。\n重庆市经济和信息化委员会\n2025年3月6日';
    expect(extractMeta(text, {}, 'a.txt')).toEqual({
      title: '关于联合开展第二批细分行业产业大脑“揭榜挂帅”工作的通知',
      issuer: '重庆市经济和信息化委员会、重庆市商务委员会',
      docNo: '渝经信发〔2025〕10号',
      date: '2025-03-06',
    });
  });

  it('lets stated metadata win', () => {
    expect(extractMeta('正文内容而已。', { title: 'T', date: '2024-1-2' }, 'x.md')).toEqual({
      title: 'T',
      date: '2024-01-02',
    });
  });
});

describe('loaders helpers', () => {
  it('reads YAML front matter with lists', () => {
    const fm = parseFrontMatter(
      '---\ntitle: "政策"\ntargets: [industry:汽摩, region:重庆]\nissuer: 市经信委\nalso:\n  - a\n  - b\n---\n正文',
    );
    expect(fm.data).toEqual({
      title: '政策',
      targets: ['industry:汽摩', 'region:重庆'],
      issuer: '市经信委',
      also: ['a', 'b'],
    });
    expect(fm.body).toBe('正文');
  });

  it('turns HTML into structured text', () => {
    const text = htmlToText(
      '<html><head><title>T</title><style>p{}</style></head><body><h2>一、目标</h2><p>A &amp; B&nbsp;C</p><script>x()</script><p>第二段</p></body></html>',
    );
    expect(cleanText(text)).toBe('## 一、目标\nA & B C\n第二段');
  });
});

describe('Tokenizer and EntityLinker', () => {
  it('keeps dictionary entities whole and drops stopwords', () => {
    const t = new Tokenizer(['忽米网络']);
    expect(t.tokens('忽米网络的产业大脑和 Industry Brains')).toEqual(
      expect.arrayContaining(['忽米网络', '产业', '大脑', 'industry', 'brain']),
    );
    expect(t.tokens('的 和 the of')).toEqual([]);
  });

  it('finds the longest names and aliases with offsets, ignoring width and spacing', () => {
    const linker = new EntityLinker([
      { id: 'e:1', name: '宗申动力', aliases: ['宗申'] },
      { id: 'e:2', name: 'ＡＢＣ Motors' },
    ]);
    const text = '宗申动力与宗 申及abc motors合作';
    expect(linker.find(text).map((m) => [m.id, m.text])).toEqual([
      ['e:1', '宗申动力'],
      ['e:1', '宗 申'],
      ['e:2', 'abc motors'],
    ]);
  });
});
