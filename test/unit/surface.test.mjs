// The command-line surface is an API: scripts depend on every command and flag. The snapshot in
// test/surface.snapshot.json lists each command id with its arguments and flags (name, char, type,
// options); removing or renaming anything fails here. After deliberately adding to the surface, update it:
//   UPDATE_SURFACE_SNAPSHOT=1 node --test test/unit/surface.test.mjs
// The same build must also match the generated command reference (docs/commands.md).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync, writeFileSync} from 'node:fs';
import {spawnSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const snapshotPath = new URL('../surface.snapshot.json', import.meta.url);

function currentSurface() {
  const manifest = JSON.parse(readFileSync(new URL('oclif.manifest.json', `file://${root}/`), 'utf8'));
  const surface = {};
  for (const id of Object.keys(manifest.commands).sort()) {
    const c = manifest.commands[id];
    const flags = {};
    for (const name of Object.keys(c.flags ?? {}).sort()) {
      const f = c.flags[name];
      flags[name] = {char: f.char ?? null, type: f.type, options: f.options ?? null};
    }
    surface[id] = {args: Object.values(c.args ?? {}).map((a) => a.name), flags};
  }
  return surface;
}

test('no command, argument or flag was removed, renamed or changed; additions are in the snapshot', () => {
  const current = currentSurface();
  if (process.env.UPDATE_SURFACE_SNAPSHOT) writeFileSync(snapshotPath, JSON.stringify(current, null, 2) + '\n');
  const snapshot = JSON.parse(readFileSync(snapshotPath, 'utf8'));
  const problems = [];
  for (const [id, cmd] of Object.entries(snapshot)) {
    const now = current[id];
    if (!now) {
      problems.push(`command removed: ${id}`);
      continue;
    }
    if (JSON.stringify(now.args) !== JSON.stringify(cmd.args)) problems.push(`${id}: arguments changed from ${JSON.stringify(cmd.args)} to ${JSON.stringify(now.args)}`);
    for (const [name, flag] of Object.entries(cmd.flags)) {
      if (!now.flags[name]) problems.push(`${id}: flag removed or renamed: --${name}`);
      else if (JSON.stringify(now.flags[name]) !== JSON.stringify(flag)) problems.push(`${id}: --${name} changed from ${JSON.stringify(flag)} to ${JSON.stringify(now.flags[name])}`);
    }
    for (const name of Object.keys(now.flags)) if (!cmd.flags[name]) problems.push(`${id}: new flag --${name} is not in the snapshot`);
  }
  for (const id of Object.keys(current)) if (!snapshot[id]) problems.push(`new command ${id} is not in the snapshot`);
  assert.deepEqual(problems, [], 'update test/surface.snapshot.json only for deliberate additions (see the top of this file)');
});

test('docs/commands.md is generated from the current command definitions', () => {
  const r = spawnSync(process.execPath, ['scripts/gen-command-docs.mjs', '--check'], {cwd: root, encoding: 'utf8'});
  assert.equal(r.status, 0, r.stderr);
});
