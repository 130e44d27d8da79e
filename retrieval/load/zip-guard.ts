import yauzl from 'yauzl';
import { megabytes } from './limits.js';

export class UnpackLimitError extends Error {}

/**
 * Refuses a ZIP (a .docx) that would unpack to more than `maxBytes`: first by the sizes its
 * directory declares, then by inflating every entry while counting, since a directory can lie.
 * yauzl stops an entry the moment it outgrows its declared size, so no more than the limit is
 * ever unpacked, and nothing is kept.
 */
export function checkUnpackedSize(bytes: Buffer, maxBytes: number): Promise<void> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('unreadable ZIP container'));
      let declared = 0;
      let inflated = 0;
      const fail = (e: Error) => {
        zip.close();
        reject(e);
      };
      zip.on('error', fail);
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        declared += entry.uncompressedSize;
        if (declared > maxBytes) {
          return fail(
            new UnpackLimitError(
              `unpacks to more than ${megabytes(maxBytes)} (declared ${megabytes(declared)} so far): refused as a possible zip bomb`,
            ),
          );
        }
        if (/\/$/.test(entry.fileName)) return zip.readEntry();
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return fail(streamError ?? new Error('unreadable ZIP entry'));
          stream.on('data', (chunk: Buffer) => {
            inflated += chunk.length;
            if (inflated > maxBytes) {
              stream.destroy();
              fail(
                new UnpackLimitError(
                  `unpacks to more than ${megabytes(maxBytes)}: refused as a possible zip bomb`,
                ),
              );
            }
          });
          stream.on('error', fail);
          stream.on('end', () => zip.readEntry());
        });
      });
      zip.readEntry();
    });
  });
}
