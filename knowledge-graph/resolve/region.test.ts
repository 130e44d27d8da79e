import { describe, expect, it } from 'vitest';
import { inferRegion } from './region.js';

describe('inferRegion', () => {
  it('reads municipalities, provinces and cities from the start of a registered name', () => {
    expect(inferRegion('重庆小康工业集团股份有限公司')).toEqual({ name: '重庆市', level: 'province' });
    expect(inferRegion('北京同益中新材料科技股份有限公司')?.name).toBe('北京市');
    expect(inferRegion('湖南华联瓷业股份有限公司')?.name).toBe('湖南省');
    expect(inferRegion('邵阳维克液压股份有限公司')).toEqual({
      name: '邵阳市',
      level: 'city',
      province: '湖南省',
    });
    expect(inferRegion('内蒙古伊利实业集团股份有限公司')?.name).toBe('内蒙古自治区');
    expect(inferRegion('吉林化纤股份有限公司')?.name).toBe('吉林省');
  });

  it('gives nothing when the name does not start with a place', () => {
    expect(inferRegion('中国长安汽车集团')).toBeUndefined();
    expect(inferRegion('华润微电子有限公司')).toBeUndefined();
  });
});
