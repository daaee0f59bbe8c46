import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, mkdirSync, writeFileSync, symlinkSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {splitDocuments, decodeDocument, readManifests, walkManifestFiles} from '../../dist/lib/manifest/index.js';

const texts = (input, max) => splitDocuments(Buffer.from(input), max).map((d) => [d.bytes.toString(), d.line]);

test('documents split on lines starting with --- (calicoctl separator rule)', () => {
  assert.deepEqual(texts('a: 1\n---\nb: 2\n'), [['a: 1', 1], ['b: 2\n', 3]]);
  assert.deepEqual(texts('a: 1\n--- # comment\nb: 2'), [['a: 1', 1], ['b: 2', 3]]);
  assert.deepEqual(texts('a: 1\n----\nb: 2'), [['a: 1', 1], ['b: 2', 3]]);
  assert.deepEqual(texts('---\na: 1\n'), [['---\na: 1\n', 1]]);
  assert.deepEqual(texts('a: 1\n---'), [['a: 1', 1]]);
  assert.deepEqual(texts(''), []);
  assert.deepEqual(texts('a\n\n---\n---\nb'), [['a\n', 1], ['---\nb', 4]]);
  assert.deepEqual(texts('x: "a\n---b"\n'), [['x: "a', 1]], 'a final --- line without newline drops the data (bufio.Scanner quirk)');
  assert.deepEqual(texts('a: 1\r\n---\r\nb: 2\r\n'), [['a: 1\r', 1], ['b: 2\r\n', 3]]);
});

test('a document over the limit is refused like bufio.Scanner', () => {
  assert.throws(() => splitDocuments(Buffer.from('a'.repeat(100)), 64), /bufio.Scanner: token too long/);
  assert.equal(splitDocuments(Buffer.from('a'.repeat(40) + '\n---\n' + 'b'.repeat(40)), 64).length, 2);
});

const one = (text) => decodeDocument(text, {file: 'f.yaml', line: 1});
const POOL = 'apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata:\n  name: p\n';

test('go-yaml v2 scalars: YAML 1.1 booleans, Go integers and floats, strings otherwise', () => {
  const [r] = one(POOL + 'spec:\n  a: yes\n  b: Off\n  c: 0777\n  d: 0x1F\n  e: 1_000\n  f: 08\n  g: .5\n  h: "yes"\n  i: 2001-12-14\n  j: ~\n  k: 0o17\n  l: y\n  m: 1e3\n  p: +5\n  y: 1\n');
  assert.deepEqual(r.resource.spec, {a: true, b: false, c: 511, d: 31, e: 1000, f: 8, g: 0.5, h: 'yes', i: '2001-12-14', j: null, k: 15, l: true, m: 1000, p: 5, true: 1});
});

test('single resource, list and top-level sequence flatten in order with lines', () => {
  const [r] = one('# leading comment\n' + POOL + 'spec:\n  cidr: 10.0.0.0/8\n');
  assert.equal(r.line, 2);
  assert.equal(r.kind, 'IPPool');
  assert.equal(r.lineOf(['spec', 'cidr']), 7);
  assert.equal(r.lineOf(['spec', 'missing']), 6);
  assert.equal(r.goStringCoercion, true);

  const list = one('apiVersion: projectcalico.org/v3\nkind: IPPoolList\nitems:\n- metadata: {name: a}\n- kind: IPPool\n  metadata: {name: b}\n');
  assert.deepEqual(list.map((x) => [x.kind, x.declaredKind, x.line, x.resource.metadata.name]), [['IPPool', '', 4, 'a'], ['IPPool', 'IPPool', 5, 'b']]);

  const seq = one(`- ${POOL.replace(/\n(?=.)/g, '\n  ')}- apiVersion: projectcalico.org/v3\n  kind: TierList\n  items: [{metadata: {name: t}}]\n`);
  assert.deepEqual(seq.map((x) => [x.kind, x.goStringCoercion]), [['IPPool', false], ['Tier', false]]);
  assert.deepEqual(one('# only a comment\n'), []);
  assert.deepEqual(one('[]'), []);
});

test('documents calicoctl refuses', () => {
  assert.throws(() => one('apiVersion: v1\nkind: Pod\n'), /unknown resource type \(Pod\) and\/or version \(v1\)/);
  assert.throws(() => one('apiVersion: projectcalico.org/v3\nkind: ippool\n'), /unknown resource type \(ippool\)/);
  assert.throws(() => one('metadata: {name: x}\n'), /cannot unmarshal object into Go value of type \[\]unstructured.Unstructured/);
  assert.throws(() => one('just text\n'), /cannot unmarshal string/);
  assert.throws(() => one('a: 1\na: 2\n'), /yaml: line 2: duplicated mapping key/);
  assert.throws(() => one('a: [1\n'), /yaml: line \d+: /);
  assert.throws(() => one('apiVersion: projectcalico.org/v3\nkind: IPPoolList\nbogus: 1\n'), /not recognized or is in the wrong location: bogus/);
  assert.throws(() => one('[' .repeat(3000) + ']'.repeat(3000)), /nesting exceeded maxDepth/);
  const bomb = ['a: &a [x,x,x,x,x,x,x,x,x]'];
  for (let i = 1; i < 9; i++) bomb.push(`${'abcdefghij'[i]}: &${'abcdefghij'[i]} [${Array(9).fill('*' + 'abcdefghij'[i - 1]).join(',')}]`);
  assert.throws(() => one(bomb.join('\n') + '\nkind: IPPool\n'), /excessive aliasing/);
});

test('directories: lexical order, manifest extensions only, -R, symlinked directories not followed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'manifest-test-'));
  try {
    const pool = (n) => `apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata: {name: ${n}}\nspec: {cidr: 10.0.0.0/8}\n`;
    writeFileSync(join(dir, 'b.yaml'), pool('b'));
    writeFileSync(join(dir, 'a.JSON'), JSON.stringify({apiVersion: 'projectcalico.org/v3', kind: 'IPPool', metadata: {name: 'a'}}));
    writeFileSync(join(dir, 'c.txt'), pool('c'));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'd.yml'), pool('d'));
    symlinkSync(join(dir, 'sub'), join(dir, 'link'));
    assert.deepEqual(walkManifestFiles(dir, false), [join(dir, 'a.JSON'), join(dir, 'b.yaml')]);
    assert.deepEqual(walkManifestFiles(dir, true), [join(dir, 'a.JSON'), join(dir, 'b.yaml'), join(dir, 'sub', 'd.yml')]);
    const names = (await readManifests(dir, {recursive: true})).map((r) => r.resource.metadata.name);
    assert.deepEqual(names, ['a', 'b', 'd']);
    writeFileSync(join(dir, 'empty.yaml'), '# nothing\n');
    await assert.rejects(readManifests(dir), {message: `no resources specified in file ${join(dir, 'empty.yaml')}`});
    assert.equal((await readManifests(dir, {skipEmpty: true})).length, 2);
    await assert.rejects(readManifests(join(dir, 'sub', 'none')), {message: `failed to execute command: open ${join(dir, 'sub', 'none')}: no such file or directory`});
    const stdin = (async function* () {
      yield Buffer.from(pool('s').slice(0, 10));
      yield pool('s').slice(10);
    })();
    assert.deepEqual((await readManifests('-', {stdin})).map((r) => [r.file, r.resource.metadata.name]), [['-', 's']]);
    await assert.rejects(readManifests('-', {stdin: (async function* () {})()}), {message: 'no resources specified in file -'});
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
});
