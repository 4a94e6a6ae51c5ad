// HTML → text lines for IOC extraction: tags dropped, entities decoded, block tags break lines, table cells become
// `| a | b |` rows; each output line remembers the source line it started on.

const BLOCK = new Set(['p', 'div', 'br', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'thead', 'tbody',
  'pre', 'blockquote', 'hr', 'section', 'article', 'header', 'footer', 'dd', 'dt', 'dl', 'main', 'nav', 'aside', 'title', 'tr']);
const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', lsqb: '[', rsqb: ']', lbrack: '[', rbrack: ']',
  lpar: '(', rpar: ')', period: '.', colon: ':', sol: '/', commat: '@', lowbar: '_', hyphen: '-', dash: '-', ndash: '-',
  mdash: '-', lsquo: "'", rsquo: "'", ldquo: '"', rdquo: '"', bull: '*', hellip: '...', zwj: '', zwnj: '', shy: '',
};

export function decodeEntities(s: string): string {
  return s.replace(/&(#\d{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z]{2,10});/g, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : m;
    }
    const v = NAMED[e.toLowerCase()];
    return v === undefined ? m : v;
  });
}

export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 4096);
  if (/^\s*(?:\uFEFF)?<(?:!doctype\s+html|html|head|body)\b/i.test(head)) return true;
  const closing = head.match(/<\/(?:p|div|td|tr|li|span|a|table|h[1-6])>/gi);
  return (closing?.length ?? 0) >= 3;
}

export interface TextLines { lines: string[]; lineNos: number[] }

export function htmlToLines(html: string): TextLines {
  const lines: string[] = [];
  const lineNos: number[] = [];
  let cur = '';
  let curLine = 1;
  let srcLine = 1;
  let inRow = false;
  const flush = () => {
    if (cur.trim() !== '') { lines.push(inRow ? `${cur.trimEnd()} |` : cur); lineNos.push(curLine); }
    cur = '';
    curLine = srcLine;
  };
  const TAG = /<!--[\s\S]*?(?:-->|$)|<(\/?)([A-Za-z][A-Za-z0-9-]*)\b[^>]*>/g;
  let last = 0;
  const text = (seg: string) => {
    const parts = decodeEntities(seg).split('\n');
    parts.forEach((p, i) => {
      if (i > 0) { if (!inRow) flush(); else cur += ' '; srcLine++; if (!inRow) curLine = srcLine; }
      if (cur === '') curLine = srcLine;
      cur += p.replace(/[\t\r]+/g, ' ');
    });
  };
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    text(html.slice(last, m.index));
    const tag = (m[2] ?? '').toLowerCase();
    const closing = m[1] === '/';
    srcLine += (m[0].match(/\n/g)?.length ?? 0);
    last = m.index + m[0].length;
    if (!closing && (tag === 'script' || tag === 'style')) {
      const end = html.toLowerCase().indexOf(`</${tag}`, last);
      const stop = end < 0 ? html.length : end;
      srcLine += (html.slice(last, stop).match(/\n/g)?.length ?? 0);
      last = stop;
      TAG.lastIndex = stop;
      continue;
    }
    if (tag === 'tr') {
      if (!closing) { flush(); inRow = true; cur = '|'; curLine = srcLine; } else { flush(); inRow = false; }
    } else if (tag === 'td' || tag === 'th') {
      if (!closing && inRow && cur !== '|') cur += ' |';
    } else if (BLOCK.has(tag) && !inRow) {
      flush();
    } else if (!inRow || tag !== 'br') {
      cur += tag === 'br' ? ' ' : '';
    }
  }
  text(html.slice(last));
  flush();
  return { lines, lineNos };
}
