import { describe, expect, it } from 'vitest';
import { isoTime } from '../../src/kernel/iso-time.js';
import { seededRandom } from '../../src/world/random.js';

describe('isoTime', () => {
  it('formats exactly as Date.prototype.toISOString, from 1970 to 9999', () => {
    const random = seededRandom(3);
    const edges = [0, 951_782_400_000, 951_868_799_999, 1_709_164_800_123, 4_107_542_399_999, 253_402_300_799_999];
    for (const ms of [...edges, ...Array.from({ length: 20_000 }, () => Math.floor(random.next() * 253_402_300_799_999))]) {
      expect(isoTime(ms), String(ms)).toBe(new Date(ms).toISOString());
    }
  });
});

describe('seededRandom', () => {
  it('draws the same sequence for the same seed, another for another seed, within range', () => {
    const draw = (seed: number) => {
      const random = seededRandom(seed);
      return Array.from({ length: 50 }, () => [random.int(9), random.alphanumeric(5, 'x_')]);
    };
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
    for (const [n, id] of draw(7)) {
      expect(n).toBeGreaterThanOrEqual(0);
      expect(n).toBeLessThanOrEqual(9);
      expect(id).toMatch(/^x_[A-Za-z0-9]{5}$/);
    }
  });
});
