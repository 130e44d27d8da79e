import { Readable } from 'node:stream';
import yazl from 'yazl';

/**
 * Hostile uploads for tests and the API bench, made on the spot (nothing large is shipped): a
 * .docx that unpacks to `unpackedBytes`, a PDF of `pages` pages, and plain text of `bytes` bytes.
 */
export async function zipBombDocx(unpackedBytes: number): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  zip.addBuffer(
    Buffer.from(
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    '[Content_Types].xml',
  );
  const block = Buffer.alloc(1024 * 1024, 0x61);
  let left = unpackedBytes;
  const filler = new Readable({
    read() {
      if (left <= 0) return this.push(null);
      const n = Math.min(left, block.length);
      left -= n;
      this.push(n === block.length ? block : block.subarray(0, n));
    },
  });
  zip.addReadStream(filler, 'word/document.xml', { compress: true });
  zip.end();
  const parts: Buffer[] = [];
  for await (const chunk of zip.outputStream) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

/** A valid PDF whose pages all share one small content stream. */
export function manyPagesPdf(pages: number): Buffer {
  const objects: string[] = [];
  const kids: string[] = [];
  const first = 5;
  for (let i = 0; i < pages; i++) kids.push(`${first + i} 0 R`);
  objects.push('<< /Type /Catalog /Pages 2 0 R >>');
  objects.push(`<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${pages} >>`);
  objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  const content = 'BT /F1 12 Tf 72 720 Td (page) Tj ET';
  objects.push(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
  for (let i = 0; i < pages; i++) {
    objects.push(
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 3 0 R >> >> >>',
    );
  }
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** UTF-8 text of about `bytes` bytes: Chinese sentences, so every character is three bytes. */
export function bigText(bytes: number): Buffer {
  const sentence = '动力电池产业链上游的碳酸锂价格波动影响整车企业的成本与交付计划。\n';
  const one = Buffer.from(sentence);
  return Buffer.from(sentence.repeat(Math.ceil(bytes / one.length)));
}
