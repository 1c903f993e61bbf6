/** A seeded source of random draws: the same seed gives the same sequence on every machine. */
export interface Random {
  /** In [0, 1). */
  next(): number;
  /** 0 to `max`, both included. */
  int(max: number): number;
  pick<T>(items: readonly T[]): T;
  /** `prefix` then `length` characters from A-Z a-z 0-9. */
  alphanumeric(length: number, prefix?: string): string;
}

const ALPHANUMERIC = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'].map((c) => c.charCodeAt(0));

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator), seeded through splitmix32. Fast
 * and well distributed; not for secrets. Generated worlds draw from it instead of faker's own
 * methods, which cost about 40 µs a user (4 s for 100,000); the words still come from faker.
 */
export function seededRandom(seed: number): Random {
  let s = seed >>> 0;
  const splitmix = () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = 1;
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i += 1) next();
  const int = (max: number) => Math.floor(next() * (max + 1));
  return {
    next,
    int,
    pick: <T>(items: readonly T[]) => items[int(items.length - 1)] as T,
    alphanumeric: (length, prefix = '') => {
      // One flat string from char codes: concatenating would leave a chain of string pieces.
      const codes: number[] = new Array<number>(prefix.length + length);
      for (let i = 0; i < prefix.length; i += 1) codes[i] = prefix.charCodeAt(i);
      for (let i = prefix.length; i < codes.length; i += 1) codes[i] = ALPHANUMERIC[Math.floor(next() * ALPHANUMERIC.length)] as number;
      return String.fromCharCode.apply(null, codes);
    },
  };
}
