// The ONE way feed values reach generated KQL: as escaped, double-quoted string literals.

/**
 * A double-quoted KQL string literal for any JS string. Escapes `\`, `"`, \n, \r, \t; every other
 * control character, every non-ASCII code unit and U+2028/2029 become `\uXXXX`, so the output is
 * pure printable ASCII and nothing in `s` can end the literal or start a comment.
 */
export function kqlString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x5c) out += '\\\\';
    else if (c === 0x22) out += '\\"';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c < 0x20 || c >= 0x7f) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += s[i];
  }
  return out + '"';
}

/** `dynamic([...])` of string literals, wrapped so no generated line gets very long. */
export function kqlStringArray(values: readonly string[], perLine = 8): string {
  if (values.length === 0) return 'dynamic([])';
  const parts = values.map(kqlString);
  if (parts.length <= perLine) return `dynamic([${parts.join(', ')}])`;
  const lines: string[] = [];
  for (let i = 0; i < parts.length; i += perLine) lines.push('    ' + parts.slice(i, i + perLine).join(', '));
  return `dynamic([\n${lines.join(',\n')}\n])`;
}

/** A `datatable(...)[...]` literal; every cell is a string literal, one row per line. */
export function kqlStringDatatable(columns: readonly string[], rows: readonly (readonly string[])[]): string {
  const schema = columns.map((c) => `${c}:string`).join(', ');
  const body = rows.map((r) => '    ' + r.map(kqlString).join(', ')).join(',\n');
  return rows.length === 0 ? `datatable(${schema})[]` : `datatable(${schema})[\n${body}\n]`;
}

/**
 * Reads a literal produced by {@link kqlString} back (tests and round-trip checks).
 * Returns null when `text` is not exactly one such literal.
 */
export function parseKqlString(text: string): string | null {
  if (text.length < 2 || text[0] !== '"' || text[text.length - 1] !== '"') return null;
  let out = '';
  for (let i = 1; i < text.length - 1; i++) {
    const ch = text[i]!;
    if (ch === '"') return null;
    if (ch !== '\\') { out += ch; continue; }
    const e = text[++i];
    if (e === '\\' || e === '"') out += e;
    else if (e === 'n') out += '\n';
    else if (e === 'r') out += '\r';
    else if (e === 't') out += '\t';
    else if (e === 'u' && /^[0-9a-f]{4}$/i.test(text.slice(i + 1, i + 5))) { out += String.fromCharCode(parseInt(text.slice(i + 1, i + 5), 16)); i += 4; }
    else return null;
  }
  return out;
}
