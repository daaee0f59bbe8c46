// `get -o <format>`: parsing (before any datastore access, with calicoctl's errors) and printing of the
// result objects. Heavy printers are imported only for the format in use.
import {CliError} from '../errors.js';
import type {Output} from '../io.js';
import type {ColumnContext} from '../registry/types.js';
import type {PrintedObject} from './table.js';

export type OutputFormat =
  | {type: 'table'; wide: boolean; headings?: string[]}
  | {type: 'yaml'}
  | {type: 'json'}
  | {type: 'template'; source: string}
  | {type: 'template-file'; path: string};

/** calicoctl's -o parsing: ps, wide, yaml|yml, json, custom-columns=A,B, go-template=T, go-template-file=F. */
export function parseOutputFormat(output: string): OutputFormat {
  switch (output) {
    case 'yaml':
    case 'yml':
      return {type: 'yaml'};
    case 'json':
      return {type: 'json'};
    case 'ps':
      return {type: 'table', wide: false};
    case 'wide':
      return {type: 'table', wide: true};
  }
  const eq = output.indexOf('=');
  const key = eq < 0 ? output : output.slice(0, eq);
  const value = eq < 0 ? '' : output.slice(eq + 1);
  switch (key) {
    case 'go-template':
      if (!value) throw new CliError('need to specify a template');
      return {type: 'template', source: value};
    case 'go-template-file':
      if (!value) throw new CliError('need to specify a template file');
      return {type: 'template-file', path: value};
    case 'custom-columns':
      if (!value) throw new CliError('need to specify at least one column');
      return {type: 'table', wide: false, headings: value.split(',')};
  }
  throw new CliError(`unrecognized output format '${output}'`);
}

export interface PrintOptions {
  format: OutputFormat;
  /** -A or -n was given (NAMESPACE column in ps/wide). */
  printNamespace: boolean;
  /** Cluster AS number for the Node ASN column and the `config "asnumber"` template function. */
  globalAsNumber: () => string;
}

/** Whether printing needs the cluster AS number (so the caller can fetch it before printing). */
export function needsGlobalAsNumber(format: OutputFormat, objects: readonly PrintedObject[], templateSource?: string): boolean {
  if (format.type === 'template' || format.type === 'template-file') return /\bconfig\b/.test(templateSource ?? '');
  if (format.type !== 'table') return false;
  const headings = format.headings ?? (format.wide ? ['ASN'] : []);
  return headings.includes('ASN') && objects.some((o) => o.kind.kind === 'Node');
}

/** The single object, or the array of objects (null when there are none), as calicoctl's yaml/json printers. */
function printedValue(objects: readonly PrintedObject[]): unknown {
  if (objects.length === 1) return objects[0].object;
  return objects.length === 0 ? null : objects.map((o) => o.object);
}

/** Prints the results; throws CliError for failures calicoctl reports after printing started. */
export async function printObjects(out: Output, objects: readonly PrintedObject[], opts: PrintOptions, templateSource?: string): Promise<void> {
  const {format} = opts;
  switch (format.type) {
    case 'table': {
      const {renderTable} = await import('./table.js');
      const ctx: ColumnContext = {globalAsNumber: opts.globalAsNumber};
      for (const o of objects) {
        out.out(renderTable(o, {wide: format.wide, headings: format.headings, printNamespace: opts.printNamespace && !format.headings, ctx}));
      }
      return;
    }
    case 'yaml': {
      const {toGoYaml} = await import('./yaml.js');
      out.out(toGoYaml(printedValue(objects)));
      return;
    }
    case 'json': {
      const {goJson, toGoOrder} = await import('../codec/go-order.js');
      const value = printedValue(objects);
      out.out(goJson(Array.isArray(value) ? value.map((v) => toGoOrder(v)) : toGoOrder(value), 2));
      return;
    }
    case 'template':
    case 'template-file': {
      const {compileTemplate, TemplateExecutionError} = await import('./go-template.js');
      const {toGoOrder} = await import('../codec/go-order.js');
      const tmpl = compileTemplate(templateSource ?? '');
      try {
        // The template sees the slice of results (a list query is one `<Kind>List` element).
        out.out(tmpl.execute(objects.map((o) => toGoOrder(o.object)), {asNumber: opts.globalAsNumber}));
      } catch (err) {
        if (err instanceof TemplateExecutionError) out.out(err.partialOutput);
        throw err;
      }
      return;
    }
  }
}
