// Name scopes for let statements, function parameters and query parameters.
import type { FunctionParam, PatternStatement, Statement } from '../syntax/ast.js';
import type { ColumnSchema } from '../types/index.js';
import type { BExpr, Plan } from './bound.js';

export type Binding =
  | { kind: 'scalar'; expr: BExpr }
  | { kind: 'tabular'; plan: Plan }
  | { kind: 'function'; name: string; params: FunctionParam[]; body: Statement[]; scope: Scope }
  | { kind: 'pattern'; stmt: PatternStatement; scope: Scope };

export class Scope {
  private vars = new Map<string, Binding>();
  constructor(readonly parent?: Scope) {}
  set(name: string, b: Binding): void { this.vars.set(name, b); }
  get(name: string): Binding | undefined {
    return this.vars.get(name) ?? this.parent?.get(name);
  }
  child(): Scope { return new Scope(this); }
}

/** What the binder needs from a workspace: table schemas by name. */
export interface BindCatalog {
  tableSchema(name: string): ColumnSchema[] | undefined;
  tableNames(): string[];
  /** Tables that have data (a workspace's files); `search` without `in (…)` looks in these. */
  dataTableNames?(): string[];
}
