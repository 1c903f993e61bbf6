// What the docs checks read in a Markdown file, in one pass that knows which lines are code:
// its links (inline, reference definitions, HTML href/src) with their line numbers, the anchors
// its headings get on GitHub, and its fenced code blocks with their info strings.

/**
 * GitHub's heading anchors (github-slugger): lower case, every character that is not a letter,
 * mark, number, connector (`_`), space or hyphen removed, spaces turned into hyphens; a repeated
 * slug gets -1, -2, ... in order.
 */
export function slugger() {
  const seen = new Map();
  return (text) => {
    const base = text.toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
    let slug = base;
    while (seen.has(slug)) {
      const n = seen.get(base) + 1;
      seen.set(base, n);
      slug = `${base}-${n}`;
    }
    seen.set(slug, 0);
    return slug;
  };
}

/** A heading's text as GitHub renders it (the slug is made from that): links, code and emphasis reduced to their text. */
export function headingText(raw) {
  return raw
    .replace(/\s+#+\s*$/, '') // a closing sequence: `## Title ##`
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // [text](url), ![alt](src)
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1') // [text][ref]
    .replace(/<[^>]+>/g, '') // inline HTML
    .replace(/(`+)(.*?)\1/g, '$2') // code spans keep their text
    .replace(/(\*\*|__|\*|~~)(?=\S)(.*?\S)\1/g, '$2') // emphasis
    .replace(/(^|\s)_(?=\S)(.*?\S)_(?=\s|$)/g, '$1$2')
    .replace(/\\([!-/:-@[-`{-~])/g, '$1') // backslash escapes
    .replace(/&(amp|lt|gt|quot);/g, (_, name) => ({ amp: '&', lt: '<', gt: '>', quot: '"' })[name])
    .trim();
}

/** Links on one line of text (code spans already removed): inline, images, reference definitions, HTML. */
function linksOf(text) {
  const found = [];
  const definition = /^\s{0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)/.exec(text);
  if (definition) found.push(definition[1]);
  // Innermost first, so that [![alt](img)](target) yields both.
  let rest = text;
  const inline = /!?\[([^[\]]*)\]\(\s*(<[^>]*>|[^()\s]+)(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g;
  for (let again = true; again; ) {
    again = false;
    rest = rest.replace(inline, (_, label, target) => {
      found.push(target);
      again = true;
      return label;
    });
  }
  for (const match of text.matchAll(/<(?:a|img)\b[^>]*?\s(?:href|src)\s*=\s*"([^"]*)"/gi)) found.push(match[1]);
  return found.map((target) => target.replace(/^<|>$/g, ''));
}

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([^`]*)$/;
const LIST_ITEM = /^\s*([-*+]|\d+[.)])\s/;

/**
 * Scans a Markdown text: `links` [{target, line}], `anchors` (a Set: heading slugs and HTML ids),
 * `blocks` [{info, line, body}] (fenced code; `line` is the opening fence's, 1-based).
 */
export function scanMarkdown(text) {
  const links = [];
  const anchors = new Set();
  const blocks = [];
  const slug = slugger();
  const lines = text.split('\n');
  let fence = null; // the open fence: { marker, info, line, body }
  let previous = { blank: true, code: false };
  let inList = false;
  lines.forEach((line, index) => {
    if (fence) {
      const close = FENCE.exec(line);
      if (close && close[2][0] === fence.marker[0] && close[2].length >= fence.marker.length && close[3].trim() === '') {
        blocks.push({ info: fence.info, line: fence.line, body: fence.body.join('\n') });
        fence = null;
      } else fence.body.push(line);
      return;
    }
    const open = FENCE.exec(line);
    if (open) {
      fence = { marker: open[2], info: open[3].trim(), line: index + 1, body: [] };
      return;
    }
    const blank = line.trim() === '';
    const indented = /^( {4}|\t)/.test(line);
    if (LIST_ITEM.test(line)) inList = true;
    else if (!blank && !indented && previous.blank) inList = false;
    // An indented code block: after a blank line (or more of it), not a list item's continuation.
    const code = !blank && indented && !inList && (previous.blank || previous.code);
    previous = { blank, code: code || (blank && previous.code) };
    if (code) return;
    const heading = /^\s{0,3}(#{1,6})\s+(.*)$/.exec(line);
    if (heading) anchors.add(slug(headingText(heading[2])));
    for (const match of line.matchAll(/<[a-z][^>]*?\s(?:id|name)\s*=\s*"([^"]+)"/gi)) anchors.add(match[1]);
    const withoutCode = line.replace(/(`+)(?:(?!\1).)+?\1/g, '');
    for (const target of linksOf(withoutCode)) links.push({ target, line: index + 1 });
  });
  return { links, anchors, blocks };
}
