// graph-mark-components: weak components (edge direction ignored) or strong ones (Tarjan, iterative),
// numbered 0, 1, … in the order of each component's first node.
import { Table } from '../../table/index.js';
import type { Graph } from './graph.js';

export function markComponents(g: Graph, strong: boolean, column: string): Graph {
  const n = g.ids.length;
  const raw = strong ? strongComponents(g) : weakComponents(g);
  // renumber by first node so ids are consecutive in node order
  const renum = new Map<number, number>();
  const comp: bigint[] = new Array<bigint>(n);
  for (let v = 0; v < n; v++) {
    let c = renum.get(raw[v]!);
    if (c === undefined) { c = renum.size; renum.set(raw[v]!, c); }
    comp[v] = BigInt(c);
  }
  const cols = g.nodes.columns.filter((c) => c.name !== column);
  // the component column goes after the properties, before the degree columns
  const at = cols.findIndex((c) => c.name.startsWith('$node_degree'));
  const withComp = [...cols.slice(0, at), { name: column, type: 'long' as const, values: comp }, ...cols.slice(at)];
  return { ...g, nodes: new Table(withComp, n) };
}

function weakComponents(g: Graph): Int32Array {
  const n = g.ids.length;
  const comp = new Int32Array(n).fill(-1);
  let next = 0;
  const stack: number[] = [];
  for (let s = 0; s < n; s++) {
    if (comp[s]! >= 0) continue;
    comp[s] = next;
    stack.push(s);
    while (stack.length) {
      const v = stack.pop()!;
      for (const e of g.out[v]!) { const w = g.dst[e]!; if (comp[w]! < 0) { comp[w] = next; stack.push(w); } }
      for (const e of g.in[v]!) { const w = g.src[e]!; if (comp[w]! < 0) { comp[w] = next; stack.push(w); } }
    }
    next++;
  }
  return comp;
}

/** Tarjan's algorithm without recursion (deep graphs must not overflow the stack). */
function strongComponents(g: Graph): Int32Array {
  const n = g.ids.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const comp = new Int32Array(n).fill(-1);
  const stack: number[] = [];
  let counter = 0, next = 0;
  for (let root = 0; root < n; root++) {
    if (index[root]! >= 0) continue;
    const work: [number, number][] = [[root, 0]];
    index[root] = low[root] = counter++;
    stack.push(root); onStack[root] = 1;
    while (work.length) {
      const top = work[work.length - 1]!;
      const v = top[0];
      const outs = g.out[v]!;
      if (top[1] < outs.length) {
        const w = g.dst[outs[top[1]++]!]!;
        if (index[w]! < 0) {
          index[w] = low[w] = counter++;
          stack.push(w); onStack[w] = 1;
          work.push([w, 0]);
        } else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      work.pop();
      if (work.length) { const u = work[work.length - 1]![0]; low[u] = Math.min(low[u]!, low[v]!); }
      if (low[v] === index[v]) {
        for (;;) {
          const w = stack.pop()!;
          onStack[w] = 0;
          comp[w] = next;
          if (w === v) break;
        }
        next++;
      }
    }
  }
  return comp;
}
