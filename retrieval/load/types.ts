export const DOC_FORMATS = ['txt', 'md', 'html', 'docx', 'pdf', 'json'] as const;
export type DocFormat = (typeof DOC_FORMATS)[number];

/** Metadata a document states about itself (front matter, JSON fields, HTML title). */
export interface StatedMeta {
  title?: string;
  issuer?: string;
  docNo?: string;
  date?: string;
  visibility?: string;
  targets?: string[];
}

/** A file's text as extracted, before cleaning. */
export interface RawDocument {
  /** Absolute path, plus `#<index>` for records of a JSON array. */
  source: string;
  /** File name shown in hits and citations. */
  name: string;
  format: DocFormat;
  text: string;
  meta: StatedMeta;
}
