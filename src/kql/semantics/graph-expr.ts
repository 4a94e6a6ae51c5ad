// Syntax-tree helpers for graph-match expressions: a structural map over Expr, and `and` conjunct splitting.
import type { Expr } from '../syntax/ast.js';

/** Rebuilds `e` bottom-up; `f` may replace a node (returning a new Expr) or return undefined to recurse into it. */
export function mapExpr(e: Expr, f: (x: Expr) => Expr | undefined): Expr {
  const hit = f(e);
  if (hit) return hit;
  const m = (x: Expr): Expr => mapExpr(x, f);
  switch (e.kind) {
    case 'Member': return { ...e, target: m(e.target) };
    case 'Index': return { ...e, target: m(e.target), index: m(e.index) };
    case 'Call': return { ...e, args: e.args.map(m), ...(e.named ? { named: e.named.map((n) => ({ ...n, value: m(n.value) })) } : {}) };
    case 'Binary': return { ...e, left: m(e.left), right: m(e.right) };
    case 'Unary': return { ...e, operand: m(e.operand) };
    case 'Between': return { ...e, expr: m(e.expr), low: m(e.low), high: m(e.high) };
    case 'ListOp': return { ...e, left: m(e.left), items: e.items.map(m) };
    case 'Paren': return { ...e, expr: m(e.expr) };
    default: return e;
  }
}

/** Visits every node of `e` (pre-order). */
export function walkExpr(e: Expr, f: (x: Expr) => void): void {
  mapExpr(e, (x) => { f(x); return undefined; });
}

/** `a and (b and c)` → [a, b, c] */
export function conjuncts(e: Expr): Expr[] {
  if (e.kind === 'Paren') return conjuncts(e.expr);
  if (e.kind === 'Binary' && e.op === 'and') return [...conjuncts(e.left), ...conjuncts(e.right)];
  return [e];
}

/** `v` when `e` is the bare name v. */
export function nameOf(e: Expr | undefined): string | undefined {
  return e?.kind === 'Name' ? e.name : undefined;
}
