// calicoctl's summaries of a create/apply/replace/delete run (commands/{create,apply,replace,delete}.go).
import {CliError} from '../errors.js';
import type {Output} from '../io.js';
import {formatErrorList, type CommandResults, type Verb} from './engine.js';

const PAST: Record<Verb, string> = {create: 'created', apply: 'applied', replace: 'replaced', delete: 'deleted'};

export interface ReportOptions {
  /** apply --skip-unchanged: how many resources were already as stored (shown after the count). */
  unchanged?: number;
}

/** Prints the outcome; throws CliError for the error part (stderr, exit 1). */
export function reportResults(verb: Verb, r: CommandResults, out: Output, opts: ReportOptions = {}): void {
  const past = PAST[verb];
  const kindPart = r.singleKind ? ` '${r.singleKind}'` : '';
  if (verb === 'delete') {
    if (r.numHandled > 0) out.out(`Successfully deleted ${r.numHandled}${kindPart} resource(s)\n`);
    if (r.resErrs.length > 0) {
      const lines = r.resErrs.map((e) => (r.singleKind ? `Failed to delete '${r.singleKind}' resource: ${e.message}\n` : `Failed to delete resource: ${e.message}\n`));
      // The message ends with a newline and calicoctl adds one more.
      throw new CliError(lines.join(''));
    }
    return;
  }
  if (verb === 'replace') {
    if (r.numHandled === 0) {
      const e = r.err?.message ?? '<nil>';
      if (r.numResources === 1) throw new CliError(`failed to replace '${r.singleKind}' resource: ${e}`);
      throw new CliError(r.singleKind ? `failed to replace any '${r.singleKind}' resources: ${e}` : `failed to replace any resources: ${e}`);
    }
    if (!r.err) {
      out.out(`Successfully replaced ${r.numHandled}${kindPart} resource(s)\n`);
      return;
    }
    out.out(`Partial success: replaced the first ${r.numHandled} out of ${r.numResources}${kindPart} resources:\n`);
    throw new CliError(`hit error: ${r.err.message}`);
  }
  const errs = formatErrorList(r.resErrs);
  if (r.numHandled === 0) {
    if (r.numResources === 1) throw new CliError(`failed to ${verb} '${r.singleKind}' resource: ${errs}`);
    throw new CliError(r.singleKind ? `failed to ${verb} any '${r.singleKind}' resources: ${errs}` : `failed to ${verb} any resources: ${errs}`);
  }
  if (r.resErrs.length === 0) {
    const unchanged = opts.unchanged === undefined ? '' : ` (${opts.unchanged} unchanged)`;
    out.out(`Successfully ${past} ${r.numHandled}${kindPart} resource(s)${unchanged}\n`);
    return;
  }
  if (r.numHandled - r.resErrs.length > 0) out.out(`Partial success: ${past} the first ${r.numHandled} out of ${r.numResources}${kindPart} resources:\n`);
  throw new CliError(`${verb === 'apply' ? 'hit error(s)' : 'hit error'}: ${errs}`);
}
