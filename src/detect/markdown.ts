// Safe Markdown pieces for untrusted text, and IOC defanging for the report.
import type { IocType } from '../intel/model.js';

const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]/g;
const visible = (s: string): string => s.replace(CONTROL, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));

/** Inline code span that cannot break out of itself or of a table cell. */
export function mdCode(s: string): string {
  const v = visible(s).replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(v.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = v.startsWith('`') || v.endsWith('`') || v === '' ? ' ' : '';
  return `${fence}${pad}${v}${pad}${fence}`;
}

/** Plain text for prose and table cells: Markdown punctuation escaped, control characters made visible. */
export function mdText(s: string): string {
  return visible(s).replace(/[\\`*_[\]<>|~]/g, (c) => '\\' + c).replace(/^([#+-])/, '\\$1');
}

/** A fenced block whose fence is longer than any backtick run inside. */
export function mdFence(lang: string, body: string): string {
  const longest = Math.max(2, ...(body.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${body}\n${fence}`;
}

/** Defanged display form: `68[.]134[.]58[.]120`, `net883[.]com`, `hxxp://net883[.]com/x`. */
export function defang(type: IocType, value: string): string {
  if (type === 'md5' || type === 'sha1' || type === 'sha256') return value;
  if (type === 'ipv6') return value.replace(/:/g, '[:]').replace(/\./g, '[.]');
  if (type === 'email') return value.replace(/@/g, '[@]').replace(/\./g, '[.]');
  if (type === 'url') {
    const m = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)?([^/?#]*)(.*)$/s.exec(value);
    if (!m) return value.replace(/\./g, '[.]');
    const scheme = (m[1] ?? '').replace(/^http/i, 'hxxp').replace(/^ftp/i, 'fxp');
    return scheme + m[2]!.replace(/\./g, '[.]') + m[3];
  }
  return value.replace(/\./g, '[.]');
}
