import { describe, expect, it } from 'vitest';
import type { ServedWorld } from '../../src/core/served-world.js';
import { WorldReloader, type WorldReloaderOptions } from '../../src/core/world-reloader.js';

// The reloader alone, over stand-in worlds: what is swapped when, and what a failure leaves.
const worldOf = (name: string) => ({ world: { name }, spec: { name: 'spec' } }) as unknown as ServedWorld;

function reloader(builds: Array<() => Promise<ServedWorld>>, extra: Partial<WorldReloaderOptions> = {}) {
  const events: string[] = [];
  let call = 0;
  const subject = new WorldReloader(worldOf('start'), {
    build: () => {
      events.push(`build ${call + 1}`);
      return (builds[call++] as () => Promise<ServedWorld>)();
    },
    adopt: (next) => void events.push(`adopt ${(next.world as unknown as { name: string }).name}`),
    onSuccess: (result, trigger) => void events.push(`ok ${trigger} changed=${result.changed}`),
    onFailure: (message, trigger) => void events.push(`failed ${trigger}: ${message}`),
    ...extra,
  });
  return { subject, events };
}

describe('WorldReloader', () => {
  it('swaps only after the new world is built and adopted; a failure keeps the old one and is remembered until a success', async () => {
    const next = worldOf('next');
    const { subject, events } = reloader([() => Promise.reject(new Error('users.json: record 0\n  (user_x): bad')), () => Promise.resolve(next)]);
    const start = subject.current;
    await expect(subject.reload('one')).rejects.toThrow('users.json: record 0 (user_x): bad');
    expect(subject.current).toBe(start);
    expect(subject.status()).toMatchObject({ count: 1, error: 'users.json: record 0 (user_x): bad', last: { ok: false, trigger: 'one' } });
    await expect(subject.reload('two')).resolves.toMatchObject({ changed: true });
    expect(subject.current).toBe(next);
    expect(subject.status()).toMatchObject({ count: 2, error: null, last: { ok: true, changed: true, trigger: 'two' } });
    expect(events).toEqual(['build 1', 'failed one: users.json: record 0 (user_x): bad', 'build 2', 'adopt next', 'ok two changed=true']);
  });

  it('a refused adopt (another replica moved the store elsewhere) keeps the old world', async () => {
    const { subject } = reloader([() => Promise.resolve(worldOf('next'))], {
      adopt: () => Promise.reject(new Error('the Redis store holds another world')),
    });
    const start = subject.current;
    await expect(subject.reload('x')).rejects.toThrow('the Redis store holds another world');
    expect(subject.current).toBe(start);
  });

  it('the same world back is no change: nothing adopted, verify asked instead', async () => {
    const verified: string[] = [];
    let start: ServedWorld | undefined;
    const { subject, events } = reloader([() => Promise.resolve(start as ServedWorld)], { verify: () => void verified.push('checked') });
    start = subject.current;
    await expect(subject.reload('same')).resolves.toMatchObject({ changed: false });
    expect(verified).toEqual(['checked']);
    expect(events).not.toContain('adopt start');
  });

  it('runs one reload at a time: asks during a reload share one more, so a burst costs at most two builds', async () => {
    let release: () => void = () => undefined;
    const first = new Promise<ServedWorld>((resolve) => (release = () => resolve(worldOf('first'))));
    const { subject, events } = reloader([() => first, () => Promise.resolve(worldOf('second'))]);
    const a = subject.reload('a');
    const b = subject.reload('b');
    const c = subject.reload('c');
    expect(b).toBe(c);
    release();
    await Promise.all([a, b, c]);
    expect(events.filter((event) => event.startsWith('build'))).toEqual(['build 1', 'build 2']);
    expect((subject.current.world as unknown as { name: string }).name).toBe('second');
  });
});
