// `get -o ps|wide|custom-columns=...`: one tabwriter table per printed object (a List object gives one row
// per item), each followed by a blank line, exactly as calicoctl's ResourcePrinterTable.
import {CliError} from '../errors.js';
import type {CalicoResource} from '../resource.js';
import type {ColumnContext, KindColumns, KindDescriptor} from '../registry/types.js';
import {nameCell, namespaceCell} from './cells.js';
import {renderTabwriter} from './tabwriter.js';

export interface TableOptions {
  wide: boolean;
  /** custom-columns headings; undefined = the kind's ps/wide set. */
  headings?: readonly string[];
  /** -A or -n given (ps/wide only): prepend NAMESPACE for kinds that have it. */
  printNamespace: boolean;
  ctx: ColumnContext;
}

/** A printed object: one resource, or a `<Kind>List` with items. */
export interface PrintedObject {
  kind: KindDescriptor;
  isList: boolean;
  object: CalicoResource | {items: CalicoResource[]};
}

const NAME_ONLY: KindColumns = {ps: ['NAME'], wide: ['NAME'], values: {NAME: nameCell, NAMESPACE: namespaceCell}};

/** Renders one object's table (with its trailing blank line); throws calicoctl's error for an unknown heading. */
export function renderTable(printed: PrintedObject, opts: TableOptions): string {
  const cols = printed.kind.columns ?? NAME_ONLY;
  let headings = [...(opts.headings ?? (opts.wide ? cols.wide : cols.ps))];
  if (opts.printNamespace && 'NAMESPACE' in cols.values) headings = ['NAMESPACE', ...headings];
  const cells = headings.map((h) => {
    const fn = cols.values[h];
    if (!fn) throw new CliError(`unknown heading ${h}, valid values are: ${Object.keys(cols.values).join(', ')}`);
    return fn;
  });
  const items = printed.isList ? (printed.object as {items?: CalicoResource[]}).items ?? [] : [printed.object as CalicoResource];
  const rows = [headings, ...items.map((item) => cells.map((fn) => fn(item, opts.ctx)))];
  return renderTabwriter(rows) + '\n';
}
