/** Buckets of the hashed n-gram table (a power of two). */
const BUCKETS = 1 << 16;
/** Grams of 2 and 3 characters: a needle of one character is not worth indexing (see candidates). */
const MIN_GRAM = 2;
const MAX_GRAM = 3;

/**
 * An n-gram index over the texts of a fixed list, built once per base world: every 2- and
 * 3-character substring hashed into posting lists (ascending positions, one Int32Array). A hash
 * collision only adds candidates; it never drops one.
 */
export class NgramIndex {
  readonly #offsets: Int32Array;
  readonly #postings: Int32Array;
  readonly #texts: readonly (readonly string[])[];

  /** `texts[position]`: the lower-cased texts of the record at that position (lower-cased once, so a check costs no toLowerCase). */
  constructor(texts: readonly (readonly string[])[]) {
    // Two passes over every (bucket, position): count each bucket's postings, then fill them in place.
    const counts = new Int32Array(BUCKETS + 1);
    forEachPosting(texts, (bucket) => {
      counts[bucket + 1] = (counts[bucket + 1] as number) + 1;
    });
    for (let b = 1; b <= BUCKETS; b += 1) counts[b] = (counts[b] as number) + (counts[b - 1] as number);
    const postings = new Int32Array(counts[BUCKETS] as number);
    const fill = counts.slice(0, BUCKETS);
    forEachPosting(texts, (bucket, position) => {
      postings[(fill[bucket] as number)++] = position;
    });
    this.#offsets = counts;
    this.#postings = postings;
    this.#texts = texts;
  }

  /**
   * Positions that may contain `needle` (lower-cased): the posting list of its rarest gram; undefined
   * for one character, which matches densely enough that walking the list fills a page at once.
   */
  candidates(needle: string): Int32Array | undefined {
    if (needle.length < MIN_GRAM) return undefined;
    const length = Math.min(needle.length, MAX_GRAM);
    let best: Int32Array | undefined;
    for (let start = 0; start + length <= needle.length; start += 1) {
      const bucket = gramBucket(needle, start, length);
      const list = this.#postings.subarray(this.#offsets[bucket] as number, this.#offsets[bucket + 1] as number);
      if (best === undefined || list.length < best.length) best = list;
    }
    return best;
  }

  /** Whether the record at a position has a text containing the needle. */
  matches(position: number, needle: string): boolean {
    return (this.#texts[position] ?? []).some((text) => text.includes(needle));
  }
}

/** Each bucket a position's grams fall in, once per position, positions in ascending order. */
function forEachPosting(texts: readonly (readonly string[])[], visit: (bucket: number, position: number) => void): void {
  const last = new Int32Array(BUCKETS).fill(-1);
  for (let position = 0; position < texts.length; position += 1) {
    for (const text of texts[position] ?? []) {
      for (let length = MIN_GRAM; length <= MAX_GRAM; length += 1) {
        for (let start = 0; start + length <= text.length; start += 1) {
          const bucket = gramBucket(text, start, length);
          if (last[bucket] === position) continue;
          last[bucket] = position;
          visit(bucket, position);
        }
      }
    }
  }
}

/** FNV-1a over the gram's UTF-16 code units, seeded with its length, folded to a bucket. */
function gramBucket(text: string, start: number, length: number): number {
  let hash = 2166136261 ^ length;
  for (let i = start; i < start + length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return (hash ^ (hash >>> 16)) & (BUCKETS - 1);
}
