// `calicoctl validate`: offline validation of manifests (no config file, no datastore, no network).
// Besides calicoctl's text, reports for CI: json (docs/validation.md), junit and sarif; --strict turns
// warnings (deprecated fields) into errors.
import type {CommandAction} from '../cli/types.js';
import {CliError} from '../errors.js';
import type {FieldError, ValidationResult} from '../validation/index.js';
import type {ValidationRecordJson} from '../validation/format.js';

const OUTPUTS = ['text', 'json', 'junit', 'sarif'];

export const validateAction: CommandAction = async ({flags, out}) => {
  const output = String(flags.output ?? 'text');
  if (!OUTPUTS.includes(output)) throw new CliError(`unrecognized output format '${output}'`);
  // Start loading the validation modules while the manifests are read.
  const validation = import('../validation/index.js');
  const format = import('../validation/format.js');
  validation.catch(() => undefined);
  format.catch(() => undefined);
  const {readManifests} = await import('../manifest/index.js');
  const records = await readManifests(String(flags.filename), {recursive: !!flags.recursive, skipEmpty: !!flags['skip-empty']});
  const checked = await (await validation).validateAsWritten(records);
  const warnings = checked.map(deprecationWarnings);
  const results = flags.strict ? checked.map((r, i) => withWarningsAsErrors(r, warnings[i])) : checked;
  const {summarize, toJsonRecord} = await format;
  const exitCode = results.every((r) => r.valid) ? 0 : 1;
  if (output === 'json') {
    out.out(JSON.stringify(results.map(toJsonRecord), null, 2) + '\n');
    return exitCode;
  }
  if (output === 'junit') {
    out.out(junitReport(results.map(toJsonRecord), flags.strict ? [] : warnings));
    return exitCode;
  }
  if (output === 'sarif') {
    const {CLIENT_VERSION} = await import('../version.js');
    out.out(JSON.stringify(sarifReport(results.map(toJsonRecord), flags.strict ? [] : warnings, CLIENT_VERSION), null, 2) + '\n');
    return exitCode;
  }
  if (records.length === 0) {
    out.out('No resources specified\n');
    return 0;
  }
  const summary = summarize(results);
  if (summary.stdout) out.out(summary.stdout);
  if (summary.stderr) out.err(summary.stderr);
  return summary.exitCode;
};

// ---------------------------------------------------------------------------------------------------
// Warnings: fields the v3 API keeps for compatibility but marks deprecated.

interface DeprecatedField {
  kind: string;
  path: readonly string[];
  replacement: string;
}

/** From the v3 API's Go types (`// Deprecated...` comments on these fields). */
export const DEPRECATED_FIELDS: readonly DeprecatedField[] = [
  {kind: 'FelixConfiguration', path: ['spec', 'routeTableRange'], replacement: 'spec.routeTableRanges'},
  {kind: 'FelixConfiguration', path: ['spec', 'bpfConnectTimeLoadBalancingEnabled'], replacement: 'spec.bpfConnectTimeLoadBalancing'},
  {kind: 'FelixConfiguration', path: ['spec', 'dataplaneWatchdogTimeout'], replacement: 'spec.healthTimeoutOverrides'},
  {kind: 'BGPPeer', path: ['spec', 'keepOriginalNextHop'], replacement: 'spec.nextHopMode'},
];

/** The message of a deprecation warning; also how reports recognise one. */
export const DEPRECATED_MESSAGE = 'field is deprecated';

/** The deprecated fields a resource sets. */
export function deprecationWarnings(r: ValidationResult): FieldError[] {
  const found: FieldError[] = [];
  for (const d of DEPRECATED_FIELDS) {
    if (d.kind !== r.kind) continue;
    let node: unknown = r.record.resource;
    for (const seg of d.path) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[seg] : undefined;
    if (node === undefined || node === null) continue;
    found.push({path: d.path.join('.'), line: r.record.lineOf(d.path), message: `${DEPRECATED_MESSAGE}: use ${d.replacement} instead`});
  }
  return found;
}

function withWarningsAsErrors(r: ValidationResult, warnings: FieldError[]): ValidationResult {
  if (warnings.length === 0) return r;
  const errors = [...r.errors, ...warnings.filter((w) => !r.errors.some((e) => e.path === w.path))];
  return {...r, valid: errors.length === 0, errors};
}

// ---------------------------------------------------------------------------------------------------
// Report formats. Both are built from the `-o json` records, so every format says the same thing.

type Problem = {path: string; line: number; message: string};

function recordId(r: ValidationRecordJson): string {
  return r.namespace ? `${r.kind}(${r.namespace}/${r.name})` : `${r.kind}(${r.name})`;
}

function xmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;'})[c]!);
}

function problemLine(r: ValidationRecordJson, p: Problem): string {
  return `${r.file}:${p.line}: ${p.path || 'resource'}: ${p.message}`;
}

/**
 * JUnit XML: one <testsuite> per file, one <testcase> per resource (named Kind(name), with file and line);
 * an invalid resource has a <failure> listing every problem as `file:line: field: message`. Warnings that
 * do not fail the run are in the test case's <system-out>.
 */
export function junitReport(records: readonly ValidationRecordJson[], warnings: ReadonlyArray<readonly Problem[]> = []): string {
  const files = [...new Set(records.map((r) => r.file))];
  const failures = records.filter((r) => !r.valid).length;
  let xml = '<?xml version="1.0" encoding="UTF-8"?>\n';
  xml += `<testsuites name="calicoctl validate" tests="${records.length}" failures="${failures}" errors="0">\n`;
  for (const file of files) {
    const inFile = records.map((r, i) => ({r, w: warnings[i] ?? []})).filter(({r}) => r.file === file);
    const fileFailures = inFile.filter(({r}) => !r.valid).length;
    xml += `  <testsuite name="${xmlEscape(file)}" tests="${inFile.length}" failures="${fileFailures}" errors="0">\n`;
    for (const {r, w} of inFile) {
      const attrs = `classname="${xmlEscape(r.file)}" name="${xmlEscape(recordId(r))}" file="${xmlEscape(r.file)}" line="${r.line}"`;
      if (r.valid && w.length === 0) {
        xml += `    <testcase ${attrs}/>\n`;
        continue;
      }
      xml += `    <testcase ${attrs}>\n`;
      if (!r.valid) {
        const first = r.errors[0];
        const summary = first ? problemLine(r, first) : `${r.file}:${r.line}: invalid resource`;
        const body = r.errors.map((p) => problemLine(r, p)).join('\n');
        xml += `      <failure type="ValidationError" message="${xmlEscape(summary)}">${xmlEscape(body)}</failure>\n`;
      }
      if (w.length) xml += `      <system-out>${xmlEscape(w.map((p) => `warning: ${problemLine(r, p)}`).join('\n'))}</system-out>\n`;
      xml += '    </testcase>\n';
    }
    xml += '  </testsuite>\n';
  }
  return xml + '</testsuites>\n';
}

interface SarifRule {
  id: string;
  description: string;
  level: 'error' | 'warning';
}

/** One rule per kind of check, so code-scanning tools can group and filter. */
export const SARIF_RULES: readonly SarifRule[] = [
  {id: 'calico/unknown-field', description: 'A field the resource kind does not have (calicoctl rejects it while parsing).', level: 'error'},
  {id: 'calico/namespace', description: "The resource's namespace breaks calicoctl's namespace rules.", level: 'error'},
  {id: 'calico/name', description: 'The resource name is not valid for its kind.', level: 'error'},
  {id: 'calico/metadata', description: 'Labels or annotations are not valid.', level: 'error'},
  {id: 'calico/invalid-field', description: "A field value the schema or Calico's validation rules reject.", level: 'error'},
  {id: 'calico/deprecated-field', description: 'A field the v3 API marks deprecated (fails the run with --strict).', level: 'warning'},
];

export function sarifRuleId(p: Problem): string {
  if (p.message.startsWith('field in document is not recognized')) return 'calico/unknown-field';
  if (p.message.startsWith(DEPRECATED_MESSAGE)) return 'calico/deprecated-field';
  if (p.path === 'metadata.namespace') return 'calico/namespace';
  if (p.path === 'metadata.name') return 'calico/name';
  if (p.path.startsWith('metadata.')) return 'calico/metadata';
  return 'calico/invalid-field';
}

/** A SARIF artifact URI for a walked path: relative paths stay relative (to the working directory). */
function artifactUri(file: string): string {
  if (file === '-') return 'stdin';
  const slashed = file.replace(/\\/g, '/');
  if (slashed.startsWith('/')) return 'file://' + encodeURI(slashed);
  return encodeURI(slashed.replace(/^\.\//, ''));
}

/** SARIF 2.1.0: one result per problem, located by file and line; warnings are level `warning`. */
export function sarifReport(records: readonly ValidationRecordJson[], warnings: ReadonlyArray<readonly Problem[]>, version: string): unknown {
  const results: unknown[] = [];
  records.forEach((r, i) => {
    const problems = [...r.errors, ...(warnings[i] ?? [])];
    for (const p of problems) {
      const ruleId = sarifRuleId(p);
      const ruleIndex = SARIF_RULES.findIndex((rule) => rule.id === ruleId);
      const level = r.errors.includes(p as ValidationRecordJson['errors'][number]) ? 'error' : 'warning';
      results.push({
        ruleId,
        ruleIndex,
        level,
        message: {text: `${recordId(r)}: ${p.path || 'resource'}: ${p.message}`},
        locations: [
          {
            physicalLocation: {artifactLocation: {uri: artifactUri(r.file)}, region: {startLine: p.line}},
            logicalLocations: [{fullyQualifiedName: p.path ? `${recordId(r)}.${p.path}` : recordId(r), kind: 'object'}],
          },
        ],
      });
    }
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'calicoctl',
            version: version.replace(/^v/, ''),
            informationUri: 'https://docs.tigera.io/calico/latest/reference/calicoctl/',
            rules: SARIF_RULES.map((rule) => ({
              id: rule.id,
              shortDescription: {text: rule.description},
              defaultConfiguration: {level: rule.level},
            })),
          },
        },
        results,
      },
    ],
  };
}
