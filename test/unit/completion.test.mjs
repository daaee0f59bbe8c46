import {test} from 'node:test';
import {createServer} from 'node:net';
import assert from 'node:assert/strict';
import {complete, formatResult, parseLine, Directive} from '../../dist/lib/completion/engine.js';
import {loadSurface, surfaceFrom} from '../../dist/lib/completion/manifest.js';
import {completionScript, SHELLS} from '../../dist/lib/completion/scripts.js';
import {registryKinds, datastoreNames, datastoreNamespaces} from '../../dist/lib/completion/sources.js';

const surface = loadSurface();
const queries = [];
const sources = {
  surface,
  kinds: registryKinds,
  async names(q) {
    queries.push(q);
    return {ippool: ['pool-a', 'pool-b'], pool: ['pool-a', 'pool-b'], policy: ['np1', 'np2'], profile: ['projectcalico-default-allow']}[q.kind] ?? [];
  },
  async namespaces(q) {
    queries.push({namespaces: q});
    return q.kind === 'policy' ? ['prod'] : ['default', 'prod'];
  },
};
const values = async (...words) => (await complete(sources, words)).candidates.map((c) => c.value);
const run = (...words) => complete(sources, words);

test('the surface comes from the built manifest and package.json topics', () => {
  assert.ok(surface.commands.get('get'));
  assert.equal(surface.commands.get('completion:complete').hidden, true);
  assert.equal(surface.topics.get('ipam'), 'IP address management');
  assert.equal(surface.topics.get('datastore:migrate'), 'Migrate the contents of an etcdv3 datastore');
  const small = surfaceFrom({commands: {'a:b:c': {id: 'a:b:c', description: 'First line\nmore'}}});
  assert.deepEqual([...small.topics.keys()], ['a', 'a:b']);
  assert.equal(small.commands.get('a:b:c').summary, 'First line');
});

test('command words: top level, topics with a space separator, hidden commands left out', async () => {
  const top = await values('');
  for (const w of ['apply', 'completion', 'create', 'datastore', 'delete', 'get', 'ipam', 'label', 'node', 'patch', 'replace', 'validate', 'version']) assert.ok(top.includes(w), w);
  assert.deepEqual(top, [...top].sort());
  assert.deepEqual(await values('ip'), ['ipam']);
  assert.deepEqual(await values('ipam', ''), ['check', 'configure', 'release', 'show', 'split']);
  assert.deepEqual(await values('ipam', 's'), ['show', 'split']);
  assert.deepEqual(await values('datastore', ''), ['migrate']);
  assert.deepEqual(await values('datastore', 'migrate', ''), ['export', 'import', 'lock', 'unlock']);
  assert.deepEqual(await values('node', ''), ['checksystem', 'diags', 'status']);
  // `completion` takes a shell; its hidden sub-commands are not offered.
  assert.deepEqual(await values('completion', ''), ['bash', 'zsh', 'fish']);
  assert.deepEqual(await values('nosuchcommand', ''), []);
  const r = await run('ipam', '');
  assert.equal(r.directive, Directive.NoFileComp);
  assert.equal(r.candidates[0].description, 'Check the integrity of the IPAM datastructures.');
});

test('global options before the command are skipped', async () => {
  assert.deepEqual(await values('-l', 'debug', 'ipam', 'sh'), ['show']);
  assert.deepEqual(await values('--log-level=info', '--allow-version-mismatch', 'ipam', 'sh'), ['show']);
  assert.deepEqual(await values('-l', ''), ['panic', 'fatal', 'error', 'warn', 'info', 'debug']);
  assert.deepEqual(await values('--'), ['--log-level', '--context', '--allow-version-mismatch', '--no-color', '--help']);
  assert.deepEqual(await values('--con'), ['--context']);
});

test('flags per command, without the ones already given (unless repeatable)', async () => {
  const get = await values('get', '--');
  for (const f of ['--all-namespaces', '--config', '--export', '--filename', '--namespace', '--output', '--recursive', '--skip-empty', '--log-level', '--context', '--allow-version-mismatch', '--no-color', '--help']) assert.ok(get.includes(f), f);
  assert.deepEqual(await values('get', '--o'), ['--output']);
  assert.deepEqual(await values('get', '-o', 'yaml', '--o'), []);
  assert.deepEqual(await values('ipam', 'release', '--from-report', 'a', '--fr'), ['--from-report']);
  const r = await run('get', '--ou');
  assert.equal(r.candidates[0].description, 'Output format. One of: yaml, json, ps, wide, custom-columns=..., go-template=..., go-template-file=...');
});

test('flag values: options, well-known values, help values, files and directories', async () => {
  assert.deepEqual(await values('get', '-o', ''), ['ps', 'wide', 'yaml', 'json', 'custom-columns=', 'go-template=', 'go-template-file=']);
  assert.deepEqual(await values('get', '-o', 'go'), ['go-template=', 'go-template-file=']);
  assert.deepEqual(await values('validate', '-o', ''), ['text', 'json', 'junit', 'sarif']);
  assert.deepEqual(await values('node', 'status', '--output', ''), ['table', 'json']);
  assert.deepEqual(await values('ipam', 'configure', '--strictaffinity', ''), ['true', 'false']);
  assert.deepEqual(await values('ipam', 'configure', '--kubevirt-ip-persistence=', ''), []);
  assert.deepEqual(await values('ipam', 'configure', '--kubevirt-ip-persistence', 'E'), ['Enabled']);
  // --flag=value in one word: the candidates keep the flag so the shell can replace the whole word.
  assert.deepEqual(await values('get', '--output=y'), ['--output=yaml']);
  const cc = await run('get', '--output=cu');
  assert.deepEqual(cc, {candidates: [{value: '--output=custom-columns='}], directive: Directive.NoFileComp | Directive.NoSpace});
  assert.deepEqual(await run('create', '-f', ''), {candidates: [], directive: Directive.Default});
  assert.deepEqual(await run('get', '--config', ''), {candidates: [], directive: Directive.Default});
  assert.deepEqual(await run('node', 'diags', '--log-dir', ''), {candidates: [], directive: Directive.FilterDirs});
  queries.length = 0;
  assert.deepEqual(await values('get', '-n', ''), ['default', 'prod']);
  assert.deepEqual(await values('delete', '-c', '/x.cfg', 'policy', '--namespace', ''), ['prod']);
  assert.deepEqual(await values('get', '--namespace=p'), ['--namespace=prod']);
  assert.deepEqual(queries, [
    {namespaces: {kind: undefined, configPath: undefined}},
    {namespaces: {kind: 'policy', configPath: '/x.cfg'}},
    {namespaces: {kind: undefined, configPath: undefined}},
  ]);
  assert.deepEqual(await values('ipam', 'split', '4', '--name', ''), ['pool-a', 'pool-b']);
});

test('KIND arguments: one name per kind, then every alias matching the prefix (any case)', async () => {
  const all = await run('get', '');
  assert.equal(all.candidates.length, 22);
  assert.deepEqual(all.candidates.find((c) => c.value === 'ippool'), {value: 'ippool', description: 'IPPool'});
  assert.ok(!all.candidates.some((c) => c.value === 'pools'));
  assert.deepEqual(await values('get', 'ipp'), ['ippool', 'ippools', 'ipp', 'ipps']);
  assert.deepEqual(await values('delete', 'GNP'), ['gnp', 'gnps']);
  assert.deepEqual(await values('label', 'pol'), ['policy', 'policies', 'pol', 'pols']);
  assert.deepEqual(await values('patch', 'sk'), ['sknp', 'skpol', 'skpols']);
});

test('NAME arguments come from the datastore with the namespace and config typed so far', async () => {
  queries.length = 0;
  assert.deepEqual(await values('get', 'ippool', ''), ['pool-a', 'pool-b']);
  assert.deepEqual(await values('get', 'ippool', 'pool-a', ''), ['pool-b'], 'get takes several names; typed ones are not offered again');
  assert.deepEqual(await values('delete', 'pool', 'pool-b', 'p'), ['pool-a']);
  assert.deepEqual(await values('get', '-n', 'prod', '-c', '/etc/x.cfg', 'policy', 'n'), ['np1', 'np2']);
  assert.deepEqual(await values('get', 'policy', '-A', ''), ['np1', 'np2']);
  assert.deepEqual(queries, [
    {kind: 'ippool', namespace: undefined, allNamespaces: false, configPath: undefined},
    {kind: 'ippool', namespace: undefined, allNamespaces: false, configPath: undefined},
    {kind: 'pool', namespace: undefined, allNamespaces: false, configPath: undefined},
    {kind: 'policy', namespace: 'prod', allNamespaces: false, configPath: '/etc/x.cfg'},
    {kind: 'policy', namespace: undefined, allNamespaces: true, configPath: undefined},
  ]);
  // patch and label take one name; label's third argument is free text; -f means no names.
  assert.deepEqual(await values('patch', 'ippool', ''), ['pool-a', 'pool-b']);
  assert.deepEqual(await values('patch', 'ippool', 'pool-a', ''), []);
  assert.deepEqual(await values('label', 'ippool', 'pool-a', ''), []);
  assert.deepEqual(await values('get', '-f', 'x.yaml', 'ippool', ''), []);
  assert.deepEqual(await values('ipam', 'split', ''), []);
});

test('parseLine reads flags, values and positionals like the CLI parser', () => {
  const p = parseLine(surface, ['-l', 'debug', 'get', '--output=yaml', '-nprod', '-A', 'ippool', 'a']);
  assert.equal(p.command.id, 'get');
  assert.deepEqual(p.positional, ['ippool', 'a']);
  assert.deepEqual([...p.given], [['log-level', ['debug']], ['output', ['yaml']], ['namespace', ['prod']], ['all-namespaces', ['true']]]);
  const q = parseLine(surface, ['get', '-o']);
  assert.equal(q.pendingFlag.name, 'output');
  const r = parseLine(surface, ['get', '--', '-x']);
  assert.deepEqual(r.positional, ['-x']);
});

test('results use cobra\'s __complete format', () => {
  assert.equal(formatResult({candidates: [{value: 'a'}, {value: 'b', description: 'two\n  lines'}], directive: 4}), 'a\nb\ttwo lines\n:4\n');
  assert.equal(formatResult({candidates: [], directive: 0}), ':0\n');
});

test('datastore names resolve to nothing on an unknown kind or an unreachable datastore, within the timeout', async () => {
  assert.deepEqual(await datastoreNames({kind: 'nokind', allNamespaces: false}), []);
  assert.deepEqual(await datastoreNamespaces({kind: 'ippool'}), [], 'cluster-scoped kinds have no namespaces');
  const saved = {...process.env};
  try {
    process.env.ETCD_ENDPOINTS = 'http://127.0.0.1:9';
    const t0 = Date.now();
    assert.deepEqual(await datastoreNames({kind: 'ippool', allNamespaces: false}, 500), []);
    assert.ok(Date.now() - t0 < 1500);
    assert.deepEqual(await datastoreNames({kind: 'ippool', allNamespaces: false, configPath: '/nonexistent/calicoctl.cfg'}), []);
    // An etcd that accepts connections and never answers: the lookup still ends at the timeout.
    const sockets = new Set();
    const silent = createServer((sock) => sockets.add(sock));
    await new Promise((r) => silent.listen(0, '127.0.0.1', r));
    try {
      process.env.ETCD_ENDPOINTS = `http://127.0.0.1:${silent.address().port}`;
      const t1 = Date.now();
      assert.deepEqual(await datastoreNames({kind: 'ippool', allNamespaces: false}, 400), []);
      const took = Date.now() - t1;
      assert.ok(took >= 350 && took < 1500, `took ${took} ms`);
    } finally {
      for (const sock of sockets) sock.destroy();
      silent.close();
    }
  } finally {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  }
});

test('each shell script registers the program and calls back into it', () => {
  for (const shell of SHELLS) {
    const s = completionScript(shell, 'calicoctl');
    assert.match(s, /completion complete --/);
    assert.ok(s.endsWith('\n'));
  }
  assert.match(completionScript('bash', 'calicoctl'), /\ncomplete -o default -F __calicoctl_complete calicoctl\n$/);
  assert.match(completionScript('bash', 'kubectl-calico'), /\ncomplete -o default -F __kubectl_calico_complete kubectl-calico\n$/);
  assert.match(completionScript('zsh', 'calicoctl'), /^#compdef calicoctl\n/);
  assert.match(completionScript('fish', 'calicoctl'), /\ncomplete -c calicoctl -f -a '\(__calicoctl_complete\)'\n$/);
});
