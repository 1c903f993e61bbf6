import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDocs, docsFiles } from '../../scripts/check-docs.mjs';

// The docs checks CI runs (scripts/check-docs.mjs), on the Markdown files of test/docs/fixtures,
// taken as a repository of their own: good and broken links, passing and failing runnable blocks.
const root = 'test/docs/fixtures';

describe('relative links', () => {
  // *.tgz is ignored by git: the file exists on this machine, not in a clone.
  beforeAll(() => writeFileSync(join(root, 'ignored.tgz'), ''));
  afterAll(() => rmSync(join(root, 'ignored.tgz'), { force: true }));

  it('resolve to files, folders and GitHub heading anchors; code, external and mail links are not followed', async () => {
    const { links, blocks } = await checkDocs({ root, files: ['good.md'] });
    expect(links.problems).toEqual([]);
    expect(links.checked).toBe(12);
    expect(blocks).toEqual([]);
  });

  it('each broken one is reported with its file, line and why', async () => {
    const { links } = await checkDocs({ root, files: ['broken.md'] });
    expect(links.problems).toEqual([
      { file: 'broken.md', line: 3, target: 'missing.md', problem: 'no such file' },
      { file: 'broken.md', line: 4, target: 'other.md#no-such-heading', problem: 'no heading #no-such-heading in other.md' },
      { file: 'broken.md', line: 5, target: 'other.md#Setup', problem: 'no heading #Setup (the anchor is #setup)' },
      { file: 'broken.md', line: 6, target: '#nowhere', problem: 'no heading #nowhere in broken.md' },
      { file: 'broken.md', line: 7, target: '../../../../outside.md', problem: 'points outside the repository' },
      { file: 'broken.md', line: 8, target: 'ignored.tgz', problem: 'not in the repository (ignored by git, so not in a clone)' },
      { file: 'broken.md', line: 9, target: 'other.md#not-a-heading-a-comment-in-a-code-block', problem: 'no heading #not-a-heading-a-comment-in-a-code-block in other.md' },
    ]);
  });

  it('finds README.md, then the Markdown of docs/ and examples/', () => {
    expect(docsFiles(root)).toEqual([]);
    const here = docsFiles('.');
    expect(here[0]).toBe('README.md');
    expect(here).toContain('examples/vitest-sdk/README.md');
    expect(here.every((file) => file === 'README.md' || /^(docs|examples)\/.+\.md$/.test(file))).toBe(true);
  });
});

describe('runnable shell blocks', () => {
  it('run in file order against one fresh server per file, on its port; a block fails on a non-zero exit', async () => {
    const lines: string[] = [];
    const { blocks } = await checkDocs({ root, files: ['blocks.md', 'failing.md'], log: (line) => lines.push(line) });
    expect(blocks.map(({ file, line, ok, problem }) => ({ file, line, ok, problem }))).toEqual([
      { file: 'blocks.md', line: 3, ok: true, problem: null },
      // The unmarked ```sh block (exit 1) in between is not run.
      { file: 'blocks.md', line: 16, ok: true, problem: null },
      // A fresh server: blocks.md's edit is not there.
      { file: 'failing.md', line: 5, ok: false, problem: 'exit 1' },
      // curl -f's 404, through a pipe.
      { file: 'failing.md', line: 11, ok: false, problem: 'exit 22' },
      { file: 'failing.md', line: 17, ok: true, problem: null },
    ]);
    // The default address was pointed at the server the checker started.
    for (const block of blocks) expect(block.script).not.toContain(':4010');
    expect(blocks[1]?.script).toMatch(/^curl -sf http:\/\/127\.0\.0\.1:\d+\/users\/me /);
    expect(lines.filter((line) => /^\S+:\d+ (PASS|FAIL)/.test(line)).map((line) => line.replace(/ \d+ ms$/, ''))).toEqual([
      'blocks.md:3 PASS', 'blocks.md:16 PASS', 'failing.md:5 FAIL (exit 1)', 'failing.md:11 FAIL (exit 22)', 'failing.md:17 PASS',
    ]);
  }, 60_000);
});
