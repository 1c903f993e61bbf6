// The docs checks CI runs (.ci/run): in README.md, docs/**/*.md and examples/**/*.md,
//   - every relative link resolves to a file or folder of the repository, and every `#anchor`
//     into a Markdown file to one of its headings (GitHub's anchors; scripts/docs/links.mjs);
//   - every fenced block opened with ```sh runnable is run, in file order, with bash -e (and
//     pipefail), against a whop-mock started fresh for each file (dist/bin/whop-mock.js on a free loopback
//     port; `localhost:4010` and `127.0.0.1:4010` in the block are pointed at it, and its URL is
//     in $WHOP_MOCK_URL). A block passes when it exits 0, so assert with `curl -f`, `jq -e` or
//     `grep PATTERN >/dev/null` (curl and jq are installed in CI; not `grep -q` after a pipe:
//     it may stop reading before the writer is done, which pipefail counts as a failure).
//     scripts/docs/blocks.mjs.
// Prints each broken link and each block's file:line with PASS or FAIL; exits 1 on any failure.
// Usage: node scripts/check-docs.mjs [file.md...]     (npm run docs:check; needs dist/: npm run build)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runBlocks, runnableBlocks } from './docs/blocks.mjs';
import { checkLinks } from './docs/links.mjs';
import { scanMarkdown } from './docs/markdown.mjs';
import { stopOnExit } from './support/processes.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** README.md, then docs/ and examples/ (their Markdown files, at any depth, node_modules aside), sorted. */
export function docsFiles(root) {
  const found = existsSync(join(root, 'README.md')) ? ['README.md'] : [];
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.md')) found.push(relative(root, path));
    }
  };
  walk(join(root, 'docs'));
  walk(join(root, 'examples'));
  return found;
}

/**
 * Checks `files` (relative to `root`): links, then runnable blocks. `log` gets one line per
 * finding and per block. Resolves with { links: {checked, problems}, blocks: [result...] }.
 */
export async function checkDocs({ root = REPO, files = docsFiles(root), cli = join(REPO, 'dist', 'bin', 'whop-mock.js'), log = () => undefined } = {}) {
  const links = checkLinks(root, files);
  for (const { file, line, target, problem } of links.problems) log(`${file}:${line}: broken link ${target}: ${problem}`);
  const blocks = [];
  for (const file of files) {
    const runnable = runnableBlocks(scanMarkdown(readFileSync(join(root, file), 'utf8')).blocks);
    if (runnable.length === 0) continue;
    if (!existsSync(cli)) throw new Error(`${cli} does not exist: build first (npm run build)`);
    let results;
    try {
      results = await runBlocks(file, runnable, { cli, cwd: root });
    } catch (error) {
      // The server did not start: every block of the file fails with the reason.
      const output = error instanceof Error ? error.message : String(error);
      results = runnable.map((block) => ({ file, line: block.line, ok: false, problem: 'no server', ms: 0, output, script: block.body }));
    }
    for (const result of results) {
      log(`${result.file}:${result.line} ${result.ok ? 'PASS' : `FAIL (${result.problem})`} ${result.ms} ms`);
      if (!result.ok) log(result.output.trimEnd().split('\n').slice(-15).map((text) => `    ${text}`).join('\n'));
      blocks.push(result);
    }
  }
  return { links, blocks };
}

async function main() {
  stopOnExit();
  const began = Date.now();
  const files = process.argv.length > 2 ? process.argv.slice(2).map((path) => relative(REPO, resolve(path))) : docsFiles(REPO);
  const { links, blocks } = await checkDocs({ files, log: (line) => console.log(line) });
  const failed = blocks.filter((block) => !block.ok).length;
  const ok = links.problems.length === 0 && failed === 0;
  console.log(`${ok ? 'PASS' : 'FAIL'}: ${files.length} files; ${links.checked} relative links, ${links.problems.length} broken; ` +
    `${blocks.length} runnable blocks, ${failed} failed; ${((Date.now() - began) / 1000).toFixed(1)} s`);
  process.exit(ok ? 0 : 1);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
