// Splits one CSV/TSV line: quoted fields with "" escapes, whitespace around separators ignored outside quotes
// (ThreatFox writes `"a", "b"`). Multi-line quoted fields and stray text after a closing quote are not supported: such a row is reported, not guessed.

export function splitCsvLine(line: string, delim: string): string[] | null {
  const out: string[] = [];
  const n = line.length;
  let i = 0;
  for (;;) {
    while (i < n && (line[i] === ' ' || (line[i] === '\t' && delim !== '\t'))) i++;
    if (line[i] === '"') {
      let s = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) return null;
        s += line.slice(i, q);
        if (line[q + 1] === '"') { s += '"'; i = q + 2; continue; }
        i = q + 1;
        break;
      }
      while (i < n && (line[i] === ' ' || line[i] === '\t') && line[i] !== delim) i++;
      // Text between a closing quote and the separator means the quoting is broken: never guess the field.
      if (i < n && line[i] !== delim) return null;
      out.push(s);
    } else {
      const d = line.indexOf(delim, i);
      const end = d < 0 ? n : d;
      out.push(line.slice(i, end).trim());
      i = end;
    }
    if (i >= n) return out;
    i++; // skip the delimiter
    if (i >= n) { out.push(''); return out; }
  }
}
