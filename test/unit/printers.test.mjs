import {test} from 'node:test';
import assert from 'node:assert/strict';
import {toGoYaml, compareYamlKeys} from '../../dist/lib/printers/yaml.js';
import {renderTabwriter} from '../../dist/lib/printers/tabwriter.js';
import {formatGoFloat, joinAndTruncate, join, goQuote} from '../../dist/lib/printers/go-format.js';
import {compileTemplate, sprintf} from '../../dist/lib/printers/go-template.js';
import {parseOutputFormat, printObjects} from '../../dist/lib/printers/output.js';
import {renderTable} from '../../dist/lib/printers/table.js';
import {renderBoxTable} from '../../dist/lib/printers/box-table.js';
import {labelSelectorString} from '../../dist/lib/printers/cells.js';
import {kindFromManifest} from '../../dist/lib/registry/index.js';
import {BufferOutput} from '../../dist/lib/io.js';

// Scalar → how go-yaml v2 (via sigs.k8s.io/yaml) prints it as a mapping value.
const SCALARS = [
  ['1', '"1"'],
  ['true', '"true"'],
  ['null', '"null"'],
  ['yes', '"yes"'],
  ['on', '"on"'],
  ['~', '"~"'],
  ['!has(x)', "'!has(x)'"],
  ['2026-01-01T00:00:00Z', '"2026-01-01T00:00:00Z"'],
  ['2026-1-2', '"2026-1-2"'],
  ['2026-13-02', '2026-13-02'],
  ['0x1F', '"0x1F"'],
  ['1e3', '"1e3"'],
  ['08', '"08"'],
  ['1_000', '"1_000"'],
  ['1:20', '"1:20"'],
  ['.5', '".5"'],
  ['1.2.3', '1.2.3'],
  ['', '""'],
  ['*', "'*'"],
  ['&a', "'&a'"],
  ['@x', "'@x'"],
  ['%x', "'%x'"],
  ['`x', "'`x'"],
  ['[x]', "'[x]'"],
  ['{}', "'{}'"],
  ['---', "'---'"],
  ['- a', "'- a'"],
  ['-a', '-a'],
  ['a: b', "'a: b'"],
  ['a:b', 'a:b'],
  ['a #b', "'a #b'"],
  ['a#b', 'a#b'],
  ['a,b', 'a,b'],
  [' lead', "' lead'"],
  ['trail ', "'trail '"],
  ["it's", "it's"],
  ["'q'", "'''q'''"],
  ['héllo wörld', 'héllo wörld'],
  ['😀', '"\\U0001F600"'],
  ['tab\there', '"tab\\there"'],
  ['all()', 'all()'],
  ["foo == 'bar'", "foo == 'bar'"],
  ['projectcalico.org/namespace == "x"', 'projectcalico.org/namespace == "x"'],
];

test('yaml: tricky scalars are quoted exactly like go-yaml v2', () => {
  for (const [input, printed] of SCALARS) {
    assert.equal(toGoYaml({k: input}), `k: ${printed}\n`, JSON.stringify(input));
  }
});

test('yaml: multi-line strings are literal blocks with go-yaml chomping', () => {
  assert.equal(toGoYaml({k: 'multi\nline'}), 'k: |-\n  multi\n  line\n');
  assert.equal(toGoYaml({k: 'multi\nline\n'}), 'k: |\n  multi\n  line\n');
  assert.equal(toGoYaml({k: 'x\n\n'}), 'k: |+\n  x\n\n');
  assert.equal(toGoYaml({k: ' indented\nx'}), 'k: |2-\n   indented\n  x\n');
  // A space before a line break rules out block style: double quotes with escapes.
  assert.equal(toGoYaml({k: 'a \nb'}), 'k: "a \\nb"\n');
  assert.equal(toGoYaml({a: ['x\ny']}), 'a:\n- |-\n  x\n  y\n');
});

test('yaml: long plain strings fold after column 80 like go-yaml v2.4', () => {
  const sel = "has(projectcalico.org/namespace) && projectcalico.org/namespace in {'kube-system', 'calico-system'} && role == 'frontend-app'";
  assert.equal(
    toGoYaml({spec: {selector: sel}}),
    "spec:\n  selector: has(projectcalico.org/namespace) && projectcalico.org/namespace in {'kube-system',\n    'calico-system'} && role == 'frontend-app'\n",
  );
  // Keys never fold; a long word is never split.
  const word = 'x'.repeat(120);
  assert.equal(toGoYaml({k: word}), `k: ${word}\n`);
});

test('yaml: keys sorted in go-yaml natural order; numbers; empty collections; sequences not indented', () => {
  assert.deepEqual(['b', 'a10', 'a2', 'A', '_x', 'a'].sort(compareYamlKeys), ['_x', 'A', 'a', 'a2', 'a10', 'b']);
  assert.equal(
    toGoYaml({num: 1000000, f: 0.5, big: 1e21, p: 3.14159265358979, neg: -3, z: 0, n: 'y'}),
    'big: 1e+21\nf: 0.5\n"n": "y"\nneg: -3\nnum: 1000000\np: 3.1415927\nz: 0\n',
  );
  assert.equal(
    toGoYaml({items: [], labels: {}, seq: [{a: 1, b: [1, 2]}, [1, 2], 'x', null, true]}),
    'items: []\nlabels: {}\nseq:\n- a: 1\n  b:\n  - 1\n  - 2\n- - 1\n  - 2\n- x\n- null\n- true\n',
  );
  assert.equal(toGoYaml(null), 'null\n');
  assert.equal(toGoYaml([]), '[]\n');
  assert.equal(toGoYaml([{a: 'b'}, {c: {d: 'e'}}]), '- a: b\n- c:\n    d: e\n');
  assert.equal(toGoYaml({'1': 'x', 'projectcalico.org/tier': 'default'}), '"1": x\nprojectcalico.org/tier: default\n');
});

test('yaml: the IPPoolList shape of calicoctl', () => {
  const list = {kind: 'IPPoolList', apiVersion: 'projectcalico.org/v3', metadata: {resourceVersion: '123'}, items: []};
  assert.equal(toGoYaml(list), 'apiVersion: projectcalico.org/v3\nitems: []\nkind: IPPoolList\nmetadata:\n  resourceVersion: "123"\n');
});

test('tabwriter: minwidth 5, padding 3, every cell tab-terminated', () => {
  assert.equal(
    renderTabwriter([
      ['NAME', 'CIDR', 'SELECTOR'],
      ['ippool-name1', '10.0.1.0/24', "foo == 'bar'"],
    ]),
    "NAME           CIDR          SELECTOR       \nippool-name1   10.0.1.0/24   foo == 'bar'   \n",
  );
  assert.equal(renderTabwriter([['A', ''], ['ü', 'x']]), 'A    ' + '     \n' + 'ü    x    \n');
});

test('Go value formatting', () => {
  const cases = [[1e6, '1e+06'], [100, '100'], [1000, '1000'], [123456, '123456'], [1234567, '1.234567e+06'], [1e7, '1e+07'], [0.0001, '0.0001'], [0.00001, '1e-05'], [1.5, '1.5'], [-2.5e-7, '-2.5e-07'], [0, '0']];
  for (const [x, s] of cases) assert.equal(formatGoFloat(x), s, String(x));
  assert.equal(formatGoFloat(0.1, 32), '0.1');
  const nets = Array.from({length: 10}, (_, i) => `10.0.${i}.0/28`);
  const truncated = joinAndTruncate(nets, ',', 80);
  assert.equal(truncated, '10.0.0.0/28,10.0.1.0/28,10.0.2.0/28,10.0.3.0/28,10.0.4.0/28,10.0.5.0/28,10.0....');
  assert.equal(truncated.length, 80);
  assert.equal(join({b: '2', a: '1'}, ',', true), 'a=1,b=2');
  assert.equal(join(undefined, ','), '');
  assert.equal(join([{internalIP: '10.0.0.1', externalIP: '1.2.3.4'}], ','), '{10.0.0.1 1.2.3.4}');
  assert.equal(goQuote('a"b\n'), '"a\\"b\\n"');
  assert.equal(
    labelSelectorString({matchLabels: {b: '2', a: '1'}, matchExpressions: [{key: 'k', operator: 'In', values: ['x', 'y']}]}),
    '&LabelSelector{MatchLabels:map[string]string{a: 1,b: 2,},MatchExpressions:[]LabelSelectorRequirement{LabelSelectorRequirement{Key:k,Operator:In,Values:[x y],},},}',
  );
});

const pool = (name, spec = {}) => ({kind: 'IPPool', apiVersion: 'projectcalico.org/v3', metadata: {name, labels: {b: '2', a: '1'}}, spec});
const poolList = {
  kind: 'IPPoolList',
  apiVersion: 'projectcalico.org/v3',
  metadata: {resourceVersion: '9'},
  items: [pool('p1', {cidr: '10.0.0.0/24', natOutgoing: true}), pool('p2', {cidr: '10.1.0.0/24'})],
};
const run = (src, data = [poolList]) => compileTemplate(src).execute(data, {asNumber: () => '64512'});

test('go-template: fields by Go name, range, variables, trim markers', () => {
  assert.equal(run('{{range .}}{{range .Items}}{{.ObjectMeta.Name}},{{end}}{{end}}'), 'p1,p2,');
  assert.equal(run('{{- range $i, $p := (index . 0).Items -}}\n  {{ $i }}:{{ $p.Spec.CIDR }}\n{{- end }}'), '0:10.0.0.0/241:10.1.0.0/24');
  assert.equal(run('a {{- range (index . 0).Items }}\n  {{.Spec.CIDR}}{{ end }}'), 'a\n  10.0.0.0/24\n  10.1.0.0/24');
  assert.equal(run('{{$n := len (index . 0).Items}}{{$n}} {{$n = 5}}{{$n}}'), '2 5');
  assert.equal(run('{{range .}}{{.Kind}} {{.APIVersion}} {{.ListMeta.ResourceVersion}} {{.ResourceVersion}}{{end}}'), 'IPPoolList projectcalico.org/v3 9 9');
  assert.equal(run('{{/* comment */}}x{{- /* c2 */ -}} y'), 'xy');
});

test('go-template: if/else if/else, with, comparisons, logic', () => {
  const t = '{{range (index . 0).Items}}{{if .Spec.NATOutgoing}}nat{{else if eq .Spec.CIDR "10.1.0.0/24"}}ten-one{{else}}other{{end}};{{end}}';
  assert.equal(run(t), 'nat;ten-one;');
  assert.equal(run('{{with (index . 0).Items}}{{len .}}{{else}}none{{end}}'), '2');
  assert.equal(run('{{with .Missing}}x{{else}}none{{end}}', {}), 'none');
  assert.equal(run('{{if and (gt 3 2) (not false) (or 0 "x")}}yes{{end}}'), 'yes');
  assert.equal(run('{{if eq .Spec.Node ""}}(global){{end}}', {spec: {}}), '(global)');
  assert.equal(run('{{range .}}{{if lt .x 2}}{{.x}}{{else}}{{break}}{{end}}{{end}}', [{x: 1}, {x: 3}, {x: 1}]), '1');
  assert.equal(run('{{range .}}{{if eq .x 3}}{{continue}}{{end}}{{.x}}{{end}}', [{x: 1}, {x: 3}, {x: 2}]), '12');
  assert.equal(run('{{range .}}x{{else}}empty{{end}}', []), 'empty');
});

test('go-template: functions and Go value printing', () => {
  const p = (index) => `(index (index . 0).Items ${index})`;
  assert.equal(run(`{{${p(0)}.ObjectMeta.Labels}}`), 'map[a:1 b:2]');
  assert.equal(run(`{{index ${p(0)}.ObjectMeta.Labels "b"}}|{{${p(0)}.ObjectMeta.Labels.zz}}`), '2|<no value>');
  assert.equal(run(`{{join ${p(0)}.ObjectMeta.Labels ","}}`), 'a=1,b=2');
  assert.equal(run('{{joinAndTruncate .nets "," 12}}', {nets: ['10.0.0.0/8', '11.0.0.0/8']}), '10.0.0.0/...');
  assert.equal(run('{{.order}} {{.spec.order}} {{.n}} {{.f}} {{.missing}}|{{.z}}', {order: 1e6, spec: {order: 100}, n: 1e6, f: 0.5, z: null}), '1e+06 100 1000000 0.5 |<nil>');
  assert.equal(run('{{printf "%s-%d-%v-%q-%5s|%-4d|%t" "a" 7 true "q" "r" 3 false}}'), 'a-7-true-"q"-    r|3   |false');
  assert.equal(run('{{"x" | printf "%s!"}} {{print 1 2 "a" "b"}} {{len "héllo"}}'), 'x! 1 2ab 6');
  assert.equal(run('{{config "asnumber"}}'), '64512');
  // Go names that differ from the JSON name beyond case come from the schemas' x-go-name.
  assert.equal(run('{{.Spec.WireguardPersistentKeepAlive}}', {spec: {wireguardKeepAlive: '25s'}}), '25s');
  assert.equal(sprintf('%d %v', [1]), '1 %!v(MISSING)');
});

test('go-template: clear errors for what is not supported or malformed', () => {
  assert.throws(() => compileTemplate('{{define "x"}}{{end}}'), /\{\{define\}\} is not supported/);
  assert.throws(() => compileTemplate('{{foo .}}'), /template: get:1: function "foo" not defined/);
  assert.throws(() => compileTemplate('{{if .}}x'), /unexpected EOF/);
  assert.throws(() => compileTemplate('x{{end}}'), /unexpected \{\{end\}\}/);
  assert.throws(() => compileTemplate('{{.A'), /unclosed action/);
  assert.throws(() => run('{{range 3.5}}{{end}}'), /range can't iterate over 3.5/);
  assert.throws(() => run('{{.a.b.c}}', {}), /executing "get" at <\.a\.b\.c>: nil pointer evaluating/);
  assert.throws(() => run('before {{.a.b.c}}', {}), (err) => err.partialOutput === 'before ');
});

test('output format parsing and errors (before any datastore access)', () => {
  assert.deepEqual(parseOutputFormat('ps'), {type: 'table', wide: false});
  assert.deepEqual(parseOutputFormat('yml'), {type: 'yaml'});
  assert.deepEqual(parseOutputFormat('custom-columns=NAME,CIDR'), {type: 'table', wide: false, headings: ['NAME', 'CIDR']});
  assert.deepEqual(parseOutputFormat('go-template={{.}}'), {type: 'template', source: '{{.}}'});
  assert.throws(() => parseOutputFormat('go-template='), {message: 'need to specify a template'});
  assert.throws(() => parseOutputFormat('go-template-file'), {message: 'need to specify a template file'});
  assert.throws(() => parseOutputFormat('custom-columns='), {message: 'need to specify at least one column'});
  assert.throws(() => parseOutputFormat('xml'), {message: "unrecognized output format 'xml'"});
});

test('table printer: ps, wide, NAMESPACE, Node ASN, unknown heading', async () => {
  const ctx = {globalAsNumber: () => '64513'};
  const ippool = kindFromManifest('IPPool');
  const single = {kind: ippool, isList: false, object: pool('ippool-name1', {cidr: '10.0.1.0/24', ipipMode: 'Always', nodeSelector: "foo == 'bar'"})};
  assert.equal(
    renderTable(single, {wide: true, printNamespace: false, ctx}),
    'NAME           CIDR          NAT     IPIPMODE   VXLANMODE   DISABLED   DISABLEBGPEXPORT   SELECTOR       ASSIGNMENTMODE   \n' +
      "ippool-name1   10.0.1.0/24   false   Always     Never       false      false              foo == 'bar'   <nil>            \n\n",
  );
  const np = kindFromManifest('NetworkPolicy');
  const npList = {kind: np, isList: true, object: {items: [{metadata: {name: 'p', namespace: 'ns'}, spec: {tier: 'default'}}]}};
  assert.equal(renderTable(npList, {wide: false, printNamespace: true, ctx}), 'NAMESPACE   NAME   TIER      \nns          p      default   \n\n');
  assert.equal(renderTable(npList, {wide: false, headings: ['NAME'], printNamespace: false, ctx}), 'NAME   \np      \n\n');
  const node = kindFromManifest('Node');
  const nodes = {kind: node, isList: true, object: {items: [{metadata: {name: 'n1'}, spec: {bgp: {ipv4Address: '10.0.0.1/24'}}}, {metadata: {name: 'n2'}, spec: {bgp: {asNumber: 65001}}}, {metadata: {name: 'n3'}, spec: {}}]}};
  assert.equal(
    renderTable(nodes, {wide: true, printNamespace: false, ctx}),
    'NAME   ASN       IPV4          IPV6   \n' +
      'n1     (64513)   10.0.0.1/24   ' + ' '.repeat(7) + '\n' +
      'n2     65001     ' + ' '.repeat(14 + 7) + '\n' +
      'n3     ' + ' '.repeat(10 + 14 + 7) + '\n\n',
  );
  assert.throws(() => renderTable(single, {wide: false, headings: ['NOPE'], printNamespace: false, ctx}), {message: "unknown heading NOPE, valid values are: NAME, CIDR, NAT, IPIPMODE, VXLANMODE, DISABLED, DISABLEBGPEXPORT, SELECTOR, ASSIGNMENTMODE"});
  const tier = kindFromManifest('Tier');
  const tiers = [{spec: {}}, {spec: {order: 1e7}}, {spec: {order: 1000}}, {spec: {order: 1e6}}].map((t, i) => ({metadata: {name: `t${i}`}, ...t}));
  tiers.sort(tier.compareListItems);
  assert.equal(renderTable({kind: tier, isList: true, object: {items: tiers}}, {wide: false, printNamespace: false, ctx}), 'NAME   ORDER   \nt2     1000    \nt3     1e+06   \nt1     1e+07   \nt0     <nil>   \n\n');
});

test('yaml/json printers: one object alone, several as a list, none as null', async () => {
  const ippool = kindFromManifest('IPPool');
  const objs = [pool('a'), pool('b')].map((object) => ({kind: ippool, isList: false, object}));
  const print = async (format, list) => {
    const out = new BufferOutput();
    await printObjects(out, list, {format, printNamespace: false, globalAsNumber: () => '64512'});
    return out.stdout;
  };
  assert.equal(await print({type: 'json'}, []), 'null');
  assert.equal(await print({type: 'yaml'}, []), 'null\n');
  assert.equal(await print({type: 'table', wide: false}, []), '');
  assert.match(await print({type: 'json'}, objs.slice(0, 1)), /^\{\n  "kind": "IPPool",\n  "apiVersion": "projectcalico.org\/v3",\n  "metadata": \{\n    "name": "a",\n    "labels": \{\n      "a": "1",\n      "b": "2"\n    \}\n  \},\n  "spec": \{\}\n\}$/);
  assert.match(await print({type: 'yaml'}, objs), /^- apiVersion: projectcalico.org\/v3\n  kind: IPPool\n  metadata:\n    labels:\n      a: "1"\n/);
});

test('box table: released calicoctl look', () => {
  assert.equal(
    renderBoxTable(['grouping', 'CIDR', 'IPS TOTAL'], [['IP Pool', '10.65.0.0/16', '65536'], ['Block', '10.65.79.0/26', '64']]),
    '+----------+---------------+-----------+\n' +
      '| GROUPING |     CIDR      | IPS TOTAL |\n' +
      '+----------+---------------+-----------+\n' +
      '| IP Pool  | 10.65.0.0/16  |     65536 |\n' +
      '| Block    | 10.65.79.0/26 |        64 |\n' +
      '+----------+---------------+-----------+\n',
  );
});

test('box table with no rows still closes with a border, like tablewriter', async () => {
  const {renderBoxTable} = await import('../../dist/lib/printers/box-table.js');
  assert.equal(renderBoxTable(['ip', 'type'], []), '+----+------+\n| IP | TYPE |\n+----+------+\n+----+------+\n');
});
