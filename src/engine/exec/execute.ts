// Plan → Table: one dispatcher over the physical operators.
import { execPlugin } from './plugin-exec.js';
import type { Plan } from '../../kql/semantics/index.js';
import type { Table } from '../../table/index.js';
import { runtimeError } from '../expr/compile.js';
import type { ExecContext } from './context.js';
import { execGetschema, execProject, execRange, execScan, execTake, execUnion, execValues, execWhere } from './simple.js';
import { execSort, execTop } from './sort.js';
import { execDistinct, execSummarize } from './summarize.js';
import { execJoin } from './join.js';
import { execMvExpand } from './mvexpand.js';
import { execParse } from './parse.js';
import { execMvApply, execPartition } from './mvapply.js';
import { execMakeSeries } from './make-series.js';
import { execBagUnpack, execDcountIntersect, execIpLookup, execPivot, execSchemaMerge } from './plugins.js';
import { execParseKv } from './parse-kv.js';
import { execScanOp } from './scan.js';
import { execTopNested } from './top-nested.js';
import { execGraphMatch, execGraphPartition, execGraphToTable, graphAsTableError } from '../graph/exec.js';

export function executePlan(ctx: ExecContext, p: Plan): Table {
  switch (p.k) {
    case 'scan': return execScan(ctx, p);
    case 'values': return execValues(ctx, p);
    case 'range': return execRange(ctx, p);
    case 'where': return execWhere(ctx, p);
    case 'project': case 'serialize': return execProject(ctx, p);
    case 'summarize': return execSummarize(ctx, p);
    case 'distinct': return execDistinct(ctx, p);
    case 'sort': return execSort(ctx, p);
    case 'top': return execTop(ctx, p);
    case 'take': return execTake(ctx, p);
    case 'join': return execJoin(ctx, p);
    case 'union': return execUnion(ctx, p);
    case 'mvexpand': return execMvExpand(ctx, p);
    case 'parse': return execParse(ctx, p);
    case 'getschema': return execGetschema(ctx, p);
    case 'mvapply': return execMvApply(ctx, p);
    case 'partition': return execPartition(ctx, p);
    case 'makeseries': return execMakeSeries(ctx, p);
    case 'bagunpack': return execBagUnpack(ctx, p);
    case 'parsekv': return execParseKv(ctx, p);
    case 'scanop': return execScanOp(ctx, p);
    case 'topnested': return execTopNested(ctx, p);
    case 'pivot': return execPivot(ctx, p);
    case 'plugin': return execPlugin(ctx, p);
    case 'iplookup': return execIpLookup(ctx, p);
    case 'schemamerge': return execSchemaMerge(ctx, p);
    case 'dcountintersect': return execDcountIntersect(ctx, p);
    case 'mvapplyInput': {
      const top = ctx.mvapplyInputs?.[ctx.mvapplyInputs.length - 1];
      if (!top) throw runtimeError('KQL3006', 'mv-apply input used outside mv-apply', p.span);
      return top;
    }
    case 'graphmatch': return execGraphMatch(ctx, p);
    case 'graphtotable': return execGraphToTable(ctx, p);
    case 'graphpartition': return execGraphPartition(ctx, p);
    case 'makegraph': case 'graphcomponents': case 'graphinput': return graphAsTableError(p);
    case 'render': return ctx.run(p.input);
    case 'materialized': {
      const hit = ctx.materialized.get(p.id);
      if (hit) return hit;
      const t = ctx.run(p.input);
      ctx.materialized.set(p.id, t);
      return t;
    }
    case 'external': {
      const local = ctx.externals?.get(p);
      if (local) return local;
      throw runtimeError('KQL3015', `externaldata cannot fetch ${p.urls.join(', ')} offline: save a copy in the data directory and map the URL to it in DIR/kqlite.json, e.g. {"externaldata": {${JSON.stringify(p.urls[0] ?? '')}: "file.csv"}}`, p.span);
    }
    default: {
      const unknown = p as { k: string; span: Plan['span'] };
      throw runtimeError('KQL3006', `'${unknown.k}' cannot be executed yet`, unknown.span);
    }
  }
}
