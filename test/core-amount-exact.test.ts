/**
 * The exact shortcuts of src/core/amount.ts against decimal.js itself: `decimalOfNumber` (and the
 * `DecimalCache` built on it) gives the Decimal the toPrecision(15) reading gives; `exactCents` gives × 100
 * exactly, or NaN when that is no whole number within ±(2^53 − 1).
 */
import { Decimal, DecimalCache, decimalOfNumber, exactCents } from '../src/core/amount';

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const typed = (v: number) => new Decimal(Number(v.toPrecision(15)).toString());

/** Numbers as cells hold them: cents, more decimals, big, tiny, negative, integers, float noise. */
function numbers(): number[] {
  const rand = random(42);
  const out = [0, -0, 1, -1, 0.1, 0.2, 0.1 + 0.2, 1709.37, 1e7, 1e7 + 0.01, 99999.99, 1e13 - 0.01, 1e13, 1e15, 1e16, 1e21, 1e-7, 0.005];
  for (let i = 0; i < 4000; i++) {
    const k = i % 8;
    const r = rand();
    if (k === 0) out.push(Math.round(r * 1e9) / 100);
    else if (k === 1) out.push(-Math.round(r * 1e7) / 100);
    else if (k === 2) out.push(Math.round(r * 1e8) / 1e4);
    else if (k === 3) out.push(r * 1e6);
    else if (k === 4) out.push(Math.round(r * 1e15) / 100);
    else if (k === 5) out.push(Math.round(r * 1000));
    else if (k === 6) out.push(r);
    else out.push(Math.round(r * 1e6) / 100 + Math.round(rand() * 1e6) / 100);
  }
  return out;
}

describe('decimalOfNumber', () => {
  it('is the toPrecision(15) reading of every number', () => {
    for (const v of numbers()) {
      const d = decimalOfNumber(v);
      const want = typed(v);
      expect([v, d.toString(), d.s, d.e]).toEqual([v, want.toString(), want.s, want.e]);
      expect(d.d).toEqual(want.d);
    }
  });

  it('is shared through the cache, value for value', () => {
    const cache = new DecimalCache();
    for (const v of numbers()) {
      const d = cache.of(v);
      expect(d.eq(typed(v))).toBe(true);
      expect(d.toString()).toBe(typed(v).toString());
      expect(cache.of(v)).toBe(d);
    }
    expect(cache.of(-0)).toBe(cache.of(0));
  });
});

describe('exactCents', () => {
  const reference = (d: Decimal): number => {
    const c = d.times(100);
    return c.isInteger() && c.abs().lte(Number.MAX_SAFE_INTEGER) ? c.toNumber() : NaN;
  };

  it('is × 100 when that is a safe whole number, else NaN', () => {
    const texts = [
      '0',
      '-0',
      '0.01',
      '-0.01',
      '0.1',
      '0.001',
      '12345.67',
      '-12345.67',
      '1e7',
      '1234567.89',
      '90071992547409.91',
      '90071992547409.92',
    ];
    texts.push('1e-5', '0.00000001', '123456789012.3456', '1e14', '1e20', 'NaN', 'Infinity', '-Infinity');
    const rand = random(7);
    for (let i = 0; i < 4000; i++) {
      const digits = Math.floor(rand() * 17) + 1;
      let s = '';
      for (let k = 0; k < digits; k++) s += Math.floor(rand() * 10);
      const point = Math.floor(rand() * (digits + 3));
      const t = point >= digits ? s : `${s.slice(0, point) || '0'}.${s.slice(point)}`;
      texts.push(rand() < 0.3 ? `-${t}` : t);
    }
    for (const t of texts) {
      const d = new Decimal(t);
      const got = exactCents(d);
      const want = reference(d);
      if (Number.isNaN(want)) expect([t, got]).toEqual([t, NaN]);
      else expect([t, got]).toEqual([t, want]);
    }
  });

  it('sums of whole cents are the Decimal sums', () => {
    const rand = random(99);
    for (let i = 0; i < 500; i++) {
      const parts = Array.from({ length: 1 + Math.floor(rand() * 20) }, () => new Decimal(Math.round((rand() - 0.3) * 1e9) / 100));
      const decimal = parts.reduce((a, b) => a.plus(b), new Decimal(0));
      const cents = parts.reduce((a, b) => a + exactCents(b), 0);
      expect(cents).toBe(decimal.times(100).toNumber());
    }
  });
});
