/**
 * Decodes text files whose encoding nobody declared. Chinese government files often come as
 * GBK/GB18030, so after BOMs and strict UTF-8 we try strict GB18030; bytes valid in neither are
 * refused rather than turned into mojibake.
 */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface Decoded {
  text: string;
  encoding: TextEncodingName;
}

export class EncodingError extends Error {}

export function decodeText(bytes: Uint8Array, forced?: TextEncodingName): Decoded {
  if (forced) return { text: strict(forced, bytes), encoding: forced };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: strict('utf-8', bytes.subarray(3)), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: strict('utf-16le', bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: strict('utf-16be', bytes.subarray(2)), encoding: 'utf-16be' };
  if (looksBinary(bytes)) throw new EncodingError('looks like a binary file (NUL bytes), not text');
  for (const encoding of ['utf-8', 'gb18030'] as const) {
    try {
      return { text: strict(encoding, bytes), encoding };
    } catch {
      // try the next candidate
    }
  }
  throw new EncodingError(
    'is neither valid UTF-8 nor GB18030/GBK text; re-save it as UTF-8 or pass --encoding',
  );
}

function strict(encoding: TextEncodingName, bytes: Uint8Array): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new EncodingError(`is not valid ${encoding}`);
  }
}

/** NUL bytes never occur in UTF-8 or GB18030 text; control characters in bulk mean binary data. */
export function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 8 || (byte > 13 && byte < 32 && byte !== 27)) control++;
  }
  return sample.length > 0 && control / sample.length > 0.05;
}
