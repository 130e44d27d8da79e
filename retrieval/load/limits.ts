/**
 * What one document may cost to read. Every limit is checked before the work it bounds, or as
 * it goes (pages, characters), so a hostile file is refused early with the limit it broke.
 */
export interface ParseLimits {
  /** Bytes of the file itself. */
  maxBytes: number;
  /** Bytes a .docx (a ZIP) may unpack to, all entries together: the zip-bomb guard. */
  maxUnpackedBytes: number;
  /** Pages of a PDF. */
  maxPages: number;
  /** Characters of extracted text per file. */
  maxChars: number;
}

export const DEFAULT_LIMITS: ParseLimits = {
  maxBytes: 20 * 1024 * 1024,
  maxUnpackedBytes: 100 * 1024 * 1024,
  maxPages: 2_000,
  maxChars: 5_000_000,
};

export function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
