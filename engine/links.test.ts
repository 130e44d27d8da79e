import { describe, expect, it } from 'vitest';
import { citationHref, nodeHref } from './links.js';

describe('portal links', () => {
  it('links every named node type to its page, escaping ids', () => {
    expect(nodeHref({ id: 'enterprise:600000', type: 'Enterprise' })).toBe(
      '/enterprises/enterprise%3A600000',
    );
    expect(nodeHref({ id: 'product:隔膜', type: 'Product' })).toBe(
      `/products/${encodeURIComponent('product:隔膜')}`,
    );
    expect(nodeHref({ id: 'policy:x', type: 'Policy' })).toBeUndefined();
  });

  it('sends a citation to its passage first, else its record, else its series', () => {
    expect(citationHref({ docId: 'd1', chunkId: 'd1:7', nodeId: 'n' })).toBe('/documents/d1#chunk-7');
    expect(citationHref({ docId: 'd1', chunkId: 'other:7' })).toBe('/documents/d1');
    expect(citationHref({ edgeId: 'PRODUCES|a|b', nodeId: 'a' })).toBe('/records/edge/PRODUCES%7Ca%7Cb');
    expect(citationHref({ nodeId: 'product:铜' })).toBe(`/records/node/${encodeURIComponent('product:铜')}`);
    expect(citationHref({ seriesId: 'series:Copper' })).toBe('/series/series%3ACopper');
    expect(citationHref({})).toBeUndefined();
  });
});
