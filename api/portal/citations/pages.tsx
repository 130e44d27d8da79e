import { raw } from 'hono/html';
import type { ApiKey } from '../../../engine/security/index.js';
import type { NodeType, Provenance } from '../../../knowledge-graph/schema/index.js';
import { datasetName, recordPlace, typeName } from '../explore/words.js';
import type { Lang } from '../i18n.js';
import { Card, Page } from '../layout.js';
import { Name } from '../profiles/parts.js';
import { tx } from '../text/explore.js';

const CSS = raw('<link rel="stylesheet" href="/assets/explore.css" />');

export interface DocumentView {
  id: string;
  title: string;
  name: string;
  issuer: string | null;
  docNo: string | null;
  date: string | null;
  visibility: string;
  text: string;
  chunks: Array<{ seq: number; start: number; end: number }>;
}

/**
 * The text cut where any chunk starts or ends, each piece knowing the chunks it belongs to, with
 * an anchor where each chunk starts: overlapping chunks then mark the same words without the
 * text being repeated.
 */
export function segments(doc: Pick<DocumentView, 'text' | 'chunks'>) {
  const cuts = new Set<number>([0, doc.text.length]);
  for (const c of doc.chunks) {
    cuts.add(Math.max(0, Math.min(doc.text.length, c.start)));
    cuts.add(Math.max(0, Math.min(doc.text.length, c.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Array<{ text: string; chunks: number[]; anchors: number[] }> = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i]!, points[i + 1]!];
    out.push({
      text: doc.text.slice(a, b),
      chunks: doc.chunks.filter((c) => c.start <= a && c.end >= b).map((c) => c.seq),
      anchors: doc.chunks.filter((c) => c.start === a).map((c) => c.seq),
    });
  }
  return out;
}

export function DocumentPage(props: { lang: Lang; user: ApiKey; path: string; doc: DocumentView }) {
  const { lang, doc } = props;
  return (
    <Page lang={lang} title={doc.title} path={props.path} user={props.user}>
      {CSS}
      <div class="page-head">
        <div>
          <h1>{doc.title}</h1>
          <dl class="facts">
            {doc.issuer && (
              <>
                <dt>{tx(lang, 'issuer')}</dt>
                <dd>{doc.issuer}</dd>
              </>
            )}
            {doc.docNo && (
              <>
                <dt>{tx(lang, 'docNo')}</dt>
                <dd>{doc.docNo}</dd>
              </>
            )}
            {doc.date && (
              <>
                <dt>{tx(lang, 'date')}</dt>
                <dd>{doc.date}</dd>
              </>
            )}
            <dt>{tx(lang, 'file')}</dt>
            <dd>{doc.name}</dd>
            <dt>{tx(lang, 'visibility')}</dt>
            <dd>
              <span class={`tag ${doc.visibility === 'public' ? '' : 'private'}`}>
                {tx(lang, doc.visibility === 'public' ? 'public' : 'private')}
              </span>
            </dd>
          </dl>
        </div>
        <p class="hint">{tx(lang, 'passageHint')}</p>
      </div>
      <Card title={tx(lang, 'document')} wide>
        <div class="doc-text" id="doc-text">
          {segments(doc).map((s) => (
            <>
              {s.anchors.map((n) => (
                <span class="anchor" id={`chunk-${n}`} />
              ))}
              <span class="seg" data-chunks={` ${s.chunks.join(' ')} `}>
                {s.text}
              </span>
            </>
          ))}
        </div>
      </Card>
      <script src="/assets/citation.js" defer></script>
    </Page>
  );
}

export interface Party {
  id: string;
  type: NodeType;
  name: string;
  href?: string;
}

export interface RecordView {
  kind: 'edge' | 'node';
  /** The fact in words: subject, relation words, object and its figure. */
  subject: Party;
  relation?: string;
  object?: Party;
  figure?: string;
  /** Other stated values, each in words. */
  details: Array<[string, string]>;
  provenance: Array<Provenance & { raw?: string }>;
}

export function RecordPage(props: { lang: Lang; user: ApiKey; path: string; record: RecordView }) {
  const { lang, record } = props;
  const title = tx(lang, 'record');
  return (
    <Page lang={lang} title={title} path={props.path} user={props.user}>
      {CSS}
      <div class="page-head">
        <h1>{title}</h1>
      </div>
      <div class="profile-grid profile">
        <Card title={tx(lang, 'fact')} wide id="fact">
          <p class="fact-line">
            <Name name={record.subject.name} href={record.subject.href} />
            {record.relation ? ` ${record.relation} ` : ` · ${typeName(record.subject.type, lang)}`}
            {record.object && <Name name={record.object.name} href={record.object.href} />}
            {record.figure && (lang === 'zh' ? `（${record.figure}）` : ` (${record.figure})`)}
          </p>
          {record.details.length > 0 && (
            <dl class="facts">
              {record.details.map(([k, v]) => (
                <>
                  <dt>{k}</dt>
                  <dd>{v}</dd>
                </>
              ))}
            </dl>
          )}
        </Card>
        {record.provenance.map((p) => {
          const place = recordPlace(p.record);
          return (
            <Card title={`${tx(lang, 'source')} · ${datasetName(p.source, lang)}`} wide>
              <dl class="facts">
                <dt>{tx(lang, 'dataset')}</dt>
                <dd>{datasetName(p.source, lang)}</dd>
                {place.file ? (
                  <>
                    <dt>{tx(lang, 'file')}</dt>
                    <dd>{place.file}</dd>
                    <dt>{tx(lang, 'line')}</dt>
                    <dd class="record-line">{tx(lang, 'lineN', { n: place.line! })}</dd>
                  </>
                ) : (
                  // A record named by a node id (a region read off registered names) says nothing more.
                  !/^[a-z]+:/.test(p.record) && (
                    <>
                      <dt>{tx(lang, 'record')}</dt>
                      <dd>{p.record}</dd>
                    </>
                  )
                )}
                <dt>{tx(lang, 'ingestedAt')}</dt>
                <dd>{p.ingestedAt.slice(0, 19).replace('T', ' ')}</dd>
                <dt>{tx(lang, 'confidence')}</dt>
                <dd>
                  {p.confidence.toFixed(2)}
                  {p.inferred ? ` · ${tx(lang, 'inferred')}` : ''}
                </dd>
                {p.note && (
                  <>
                    <dt>{tx(lang, 'note')}</dt>
                    <dd>{p.note}</dd>
                  </>
                )}
              </dl>
              {place.file && (
                <>
                  <h3>{tx(lang, 'rawRecord')}</h3>
                  {p.raw ? <pre class="raw">{p.raw}</pre> : <p class="hint">{tx(lang, 'rawUnavailable')}</p>}
                </>
              )}
            </Card>
          );
        })}
      </div>
    </Page>
  );
}
