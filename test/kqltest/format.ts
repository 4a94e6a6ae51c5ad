// The .kqltest format: cases separated by `=== title` lines; the query, then `---` and the expected result:
// a schema line `(a:long, b:string)` followed by one JSON array per row (result-JSON values), or `--- error`
// followed by the rendered diagnostics. Directives before the query: `@unordered`, `@now <datetime>`,
// `@data <dir relative to the file>`. Lines starting with `#` before the first case are file comments.
export interface KqlCase {
  file: string;
  title: string;
  line: number;
  query: string;
  unordered: boolean;
  now?: string;
  data?: string;
  expect: { kind: 'table'; schema: string; rows: string[] } | { kind: 'error'; text: string } | { kind: 'none' };
}

export function parseKqlTest(file: string, text: string): KqlCase[] {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const cases: KqlCase[] = [];
  let i = 0;
  while (i < lines.length && !lines[i]!.startsWith('=== ')) i++;
  while (i < lines.length) {
    const title = lines[i]!.slice(4).trim();
    const line = i + 1;
    i++;
    const c: KqlCase = { file, title, line, query: '', unordered: false, expect: { kind: 'none' } };
    while (i < lines.length && lines[i]!.startsWith('@')) {
      const [d, ...rest] = lines[i]!.slice(1).split(/\s+/);
      if (d === 'unordered') c.unordered = true;
      else if (d === 'now') c.now = rest.join(' ');
      else if (d === 'data') c.data = rest.join(' ');
      else throw new Error(`${file}:${i + 1}: unknown directive @${d}`);
      i++;
    }
    const q: string[] = [];
    while (i < lines.length && !lines[i]!.startsWith('---') && !lines[i]!.startsWith('=== ')) q.push(lines[i++]!);
    c.query = q.join('\n').trim();
    if (i < lines.length && lines[i]!.startsWith('---')) {
      const isError = lines[i]!.slice(3).trim() === 'error';
      i++;
      const body: string[] = [];
      while (i < lines.length && !lines[i]!.startsWith('=== ')) body.push(lines[i++]!);
      // `#` comment lines between cases belong to no case
      while (body.length && (body[body.length - 1]!.trim() === '' || body[body.length - 1]!.startsWith('#'))) body.pop();
      if (isError) c.expect = { kind: 'error', text: body.join('\n') };
      else c.expect = { kind: 'table', schema: (body[0] ?? '').trim(), rows: body.slice(1).map((r) => r.trim()).filter((r) => r !== '') };
    }
    cases.push(c);
  }
  return cases;
}

export function formatKqlCase(c: KqlCase): string {
  const out = [`=== ${c.title}`];
  if (c.unordered) out.push('@unordered');
  if (c.now) out.push(`@now ${c.now}`);
  if (c.data) out.push(`@data ${c.data}`);
  out.push(c.query);
  if (c.expect.kind === 'table') out.push('---', c.expect.schema, ...c.expect.rows);
  else if (c.expect.kind === 'error') out.push('--- error', c.expect.text);
  return out.join('\n');
}
