// Relative links in Markdown files, resolved as GitHub does: from the file's folder (a leading /
// from the repository root), to a file or folder the repository holds; `#anchor` into a Markdown
// file (or the same file) to one of its headings' anchors. Links with a scheme (https:, mailto:)
// are not followed.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { scanMarkdown } from './markdown.mjs';

/**
 * The files a clone would have: tracked, or new and not ignored (`git ls-files`), and their
 * folders; null outside a git work tree. A link to an ignored path (dist/, node_modules/) works
 * on the author's machine only.
 */
function filesOfClone(root) {
  try {
    const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'ignore'] });
    const paths = new Set(['']);
    for (const file of out.split('\0').filter(Boolean)) {
      for (let path = file; path !== '.' && path !== ''; path = dirname(path)) paths.add(path);
    }
    return paths;
  } catch {
    return null;
  }
}

/** Checks every relative link of `files` (paths relative to `root`); resolves with [{file, line, target, problem}]. */
export function checkLinks(root, files) {
  const clone = filesOfClone(root);
  const scans = new Map();
  const scan = (path) => {
    if (!scans.has(path)) scans.set(path, scanMarkdown(readFileSync(join(root, path), 'utf8')));
    return scans.get(path);
  };
  const problems = [];
  let checked = 0;
  for (const file of files) {
    for (const { target, line } of scan(file).links) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) continue;
      checked += 1;
      const problem = problemOf(root, file, target, clone, scan);
      if (problem) problems.push({ file, line, target, problem });
    }
  }
  return { checked, problems };
}

function problemOf(root, file, target, clone, scan) {
  const hash = target.indexOf('#');
  const pathPart = (hash === -1 ? target : target.slice(0, hash)).replace(/\?.*$/, '');
  const anchor = hash === -1 ? null : target.slice(hash + 1);
  let path;
  try {
    path = decodeURIComponent(pathPart);
  } catch {
    return 'not a valid URL path';
  }
  const absolute = path === '' ? join(root, file) : path.startsWith('/') ? join(root, path) : resolve(root, dirname(file), path);
  const inRepo = relative(root, absolute);
  if (inRepo.startsWith('..') || inRepo.startsWith(sep)) return 'points outside the repository';
  const known = clone ? clone.has(inRepo.split(sep).join('/')) : existsSync(absolute);
  if (!known) return existsSync(absolute) ? 'not in the repository (ignored by git, so not in a clone)' : 'no such file';
  if (anchor === null || anchor === '' || !/\.(md|markdown)$/i.test(absolute)) return null;
  let wanted;
  try {
    wanted = decodeURIComponent(anchor);
  } catch {
    return 'not a valid anchor';
  }
  const { anchors } = scan(inRepo);
  if (anchors.has(wanted)) return null;
  const sameButCase = [...anchors].find((name) => name.toLowerCase() === wanted.toLowerCase());
  return sameButCase ? `no heading #${wanted} (the anchor is #${sameButCase})` : `no heading #${wanted} in ${inRepo}`;
}
