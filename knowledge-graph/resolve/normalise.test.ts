import { describe, expect, it } from 'vitest';
import { exchangeOf, foldName, normaliseName, stockCode } from './normalise.js';

describe('normaliseName', () => {
  it('folds the spellings of one company into one key', () => {
    const key = normaliseName('重庆小康工业集团股份有限公司');
    expect(key).toBe('重庆小康工业');
    expect(normaliseName('重庆小康工业集团')).toBe(key);
    expect(normaliseName(' 重庆小康工业 有限公司 ')).toBe(key);
  });

  it('folds full width, case, punctuation and brackets', () => {
    expect(normaliseName('复瑞医疗科技（上海）有限公司')).toBe(normaliseName('复瑞医疗科技(上海)有限公司'));
    expect(normaliseName('ＡＢＣ　Ｃｏ．，Ｌｔｄ．')).toBe('abc');
    expect(foldName('长安·汽车')).toBe('长安汽车');
  });

  it('reduces stock codes with or without exchange suffix to six digits', () => {
    expect(normaliseName('601127.SH')).toBe('601127');
    expect(normaliseName('601127')).toBe('601127');
    expect(normaliseName('０００６２５．ＳＺ')).toBe('000625');
    expect(stockCode('60112')).toBeUndefined();
  });

  it('never strips a name down to nothing', () => {
    expect(normaliseName('集团')).toBe('集团');
    expect(normaliseName('有限公司')).toBe('有限公司');
  });

  it('knows the exchange from suffix or code range', () => {
    expect(exchangeOf('601127.SH')).toBe('SH');
    expect(exchangeOf('000625')).toBe('SZ');
    expect(exchangeOf('830799')).toBe('BJ');
  });
});
