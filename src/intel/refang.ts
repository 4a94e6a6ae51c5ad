// Refang: undo the defanging conventions of threat reports ([.] (dot) hxxp [:] [@] …), case-insensitive, line-preserving.
// `marks` flags every output character produced by a refang, so extraction can tell a deliberately defanged IOC from prose.

export interface Refanged {
  text: string;
  /** marks[i] === 1 when text[i] came from a defang marker. */
  marks: Uint8Array;
  changed: boolean;
}

// One alternation, tried left to right; every branch is a fixed string or a bounded class (no backtracking blow-up).
const MARKER =
  /\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\{dot\}|\[,\]|\\\.|\[:\/\/\]|\[:\]|\(:\)|\{:\}|\[\/\]|\[@\]|\(@\)|\{@\}|\[at\]|\(at\)|\{at\}|(?<![A-Za-z0-9])(?:h[x*]{2}ps?|meow|fxps?)(?=(?:\[:\]|\(:\)|:)\/\/|\[:\/\/\])| dot | \. /gi;

const STOP_WORDS = new Set([
  'a', 'an', 'the', 'this', 'that', 'of', 'in', 'on', 'to', 'is', 'as', 'at', 'by', 'or', 'and', 'it', 'its', 'be',
  'for', 'with', 'from', 'was', 'are', 'one', 'no', 'not', 'his', 'her', 'their', 'our', 'your', 'my', 'per', 'end',
]);
const LABEL_CHAR = /[A-Za-z0-9_-]/;

function replacement(m: string): string {
  const low = m.toLowerCase();
  if (low.includes('@') || low.endsWith('at]') || low.endsWith('at)') || low.endsWith('at}')) return '@';
  if (low === '[://]') return '://';
  if (low === '[:]' || low === '(:)' || low === '{:}') return ':';
  if (low === '[/]') return '/';
  if (low.startsWith('h')) return low.endsWith('s') ? 'https' : 'http';
  if (low === 'meow') return 'http';
  if (low.startsWith('fxp')) return low.endsWith('s') ? 'ftps' : 'ftp';
  return '.';
}

/** Spaced forms (`net883 dot com`, `net883 . com`) only between label characters, and not after an English stop word. */
function spacedOk(s: string, at: number, len: number): boolean {
  const before = s[at - 1];
  const after = s[at + len];
  if (before === undefined || after === undefined || !LABEL_CHAR.test(before) || !LABEL_CHAR.test(after)) return false;
  let i = at - 1;
  while (i >= 0 && LABEL_CHAR.test(s[i]!)) i--;
  const word = s.slice(i + 1, at).toLowerCase();
  return !STOP_WORDS.has(word) && !/^\d+$/.test(word);
}

/** Cheap pre-test: every marker contains one of these (most feed values contain none). */
const MAYBE = /[[({\\ ]|h[x*]{2}p|meow|fxp/i;

export function refang(s: string): Refanged {
  if (!MAYBE.test(s)) return { text: s, marks: new Uint8Array(s.length), changed: false };
  MARKER.lastIndex = 0;
  if (!MARKER.test(s)) return { text: s, marks: new Uint8Array(s.length), changed: false };
  const parts: string[] = [];
  const spans: Array<[number, number]> = [];
  let out = 0;
  let last = 0;
  MARKER.lastIndex = 0;
  for (let m = MARKER.exec(s); m; m = MARKER.exec(s)) {
    const raw = m[0];
    if ((raw === ' dot ' || raw.toLowerCase() === ' dot ' || raw === ' . ') && !spacedOk(s, m.index, raw.length)) {
      MARKER.lastIndex = m.index + 1;
      continue;
    }
    const rep = replacement(raw);
    parts.push(s.slice(last, m.index));
    out += m.index - last;
    parts.push(rep);
    spans.push([out, out + rep.length]);
    out += rep.length;
    last = m.index + raw.length;
  }
  parts.push(s.slice(last));
  const text = parts.join('');
  const marks = new Uint8Array(text.length);
  for (const [a, b] of spans) marks.fill(1, a, b);
  return { text, marks, changed: spans.length > 0 };
}

/** The refanged text only (feed values: no marks needed). */
export function refangText(s: string): string {
  return MAYBE.test(s) ? refang(s).text : s;
}
