// Unified diff: exact `diff -u` shapes for typical cases, and for random inputs an edit script that
// rebuilds both sides with the minimum number of edits (checked against an LCS table).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {diffLines, splitLines, unifiedDiff, colorizeDiff} from '../../dist/lib/diff/unified.js';

const names = {fromName: 'a', toName: 'b'};

test('equal texts give no diff', () => {
  assert.equal(unifiedDiff('x\ny\n', 'x\ny\n', names), '');
  assert.equal(unifiedDiff('', '', names), '');
});

test('addition from nothing and removal to nothing', () => {
  assert.equal(unifiedDiff('', 'a\nb\n', names), '--- a\n+++ b\n@@ -0,0 +1,2 @@\n+a\n+b\n');
  assert.equal(unifiedDiff('a\n', '', names), '--- a\n+++ b\n@@ -1 +0,0 @@\n-a\n');
});

test('a change in the middle: three lines of context, removals before additions', () => {
  const a = '1\n2\n3\n4\n5\n6\n7\n8\n9\n';
  const b = '1\n2\n3\n4\nfive\n6\n7\n8\n9\n';
  assert.equal(unifiedDiff(a, b, names), '--- a\n+++ b\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n');
});

test('changes far apart make separate hunks; close ones share one', () => {
  const a = Array.from({length: 20}, (_, i) => `l${i}`).join('\n') + '\n';
  const far = a.replace('l1\n', 'L1\n').replace('l18\n', 'L18\n');
  assert.equal(
    unifiedDiff(a, far, names),
    '--- a\n+++ b\n@@ -1,5 +1,5 @@\n l0\n-l1\n+L1\n l2\n l3\n l4\n@@ -16,5 +16,5 @@\n l15\n l16\n l17\n-l18\n+L18\n l19\n',
  );
  const near = a.replace('l5\n', 'L5\n').replace('l10\n', 'L10\n');
  assert.match(unifiedDiff(a, near, names), /^--- a\n\+\+\+ b\n@@ -3,12 \+3,12 @@\n/);
  assert.equal(unifiedDiff(a, near, names).match(/^@@/gm).length, 1);
});

function lcsLength(a, b) {
  const dp = Array.from({length: a.length + 1}, () => new Array(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) dp[i][j] = a[i - 1] === b[j - 1] ? dp[i - 1][j - 1] + 1 : Math.max(dp[i - 1][j], dp[i][j - 1]);
  return dp[a.length][b.length];
}

test('random inputs: the script rebuilds both sides with a minimal number of edits', () => {
  let seed = 7;
  const rand = (n) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
  for (let round = 0; round < 300; round++) {
    const a = Array.from({length: rand(12)}, () => 'abcd'[rand(4)]);
    const b = Array.from({length: rand(12)}, () => 'abcd'[rand(4)]);
    const ops = diffLines(a, b);
    assert.deepEqual(ops.filter((o) => o.type !== 'insert').map((o) => o.line), a);
    assert.deepEqual(ops.filter((o) => o.type !== 'delete').map((o) => o.line), b);
    assert.equal(ops.filter((o) => o.type === 'equal').length, lcsLength(a, b), JSON.stringify({a, b}));
  }
});

test('splitLines and colour', () => {
  assert.deepEqual(splitLines('a\nb'), ['a', 'b']);
  assert.deepEqual(splitLines('a\n\n'), ['a', '']);
  const text = unifiedDiff('a\n', 'b\n', names);
  assert.equal(colorizeDiff(text, {enabled: false}), text);
  const tag = (t) => (s) => `<${t}>${s}</${t}>`;
  const palette = {enabled: true, red: tag('r'), green: tag('g'), cyan: tag('c'), bold: tag('b'), yellow: tag('y'), dim: tag('d')};
  assert.equal(colorizeDiff(text, palette), '<b>--- a</b>\n<b>+++ b</b>\n<c>@@ -1 +1 @@</c>\n<r>-a</r>\n<g>+b</g>\n');
});
