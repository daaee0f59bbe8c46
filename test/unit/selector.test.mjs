import {test} from 'node:test';
import assert from 'node:assert/strict';
import {parseSelector, validateSelector, SelectorSyntaxError} from '../../dist/lib/selector/index.js';

// [selector, labels that match, labels that do not] — semantics of Calico's selector evaluator.
const CASES = [
  [`a == "b"`, [{a: 'b'}, {a: 'b', c: 'd'}], [{}, {a: 'c'}, {c: 'd'}]],
  [`a == "b" && c == "d"`, [{a: 'b', c: 'd'}], [{}, {a: 'b', c: 'e'}, {a: 'c', c: 'd'}, {a: 'b'}]],
  [`a == "b" || c == "d"`, [{a: 'b', c: 'd'}, {a: 'b'}, {c: 'd'}], [{}, {a: 'e', c: 'e'}]],
  [`a in {"'", '"', "c"}`, [{a: 'c'}, {a: '"'}, {a: "'"}], [{}, {a: 'e'}]],
  [`a not in {"'", '"', "c"}`, [{}, {a: 'e'}], [{a: 'c'}, {a: '"'}, {a: "'"}]],
  [`a != "a"`, [{}, {a: 'b'}], [{a: 'a'}]],
  [`a contains "a"`, [{a: 'bab'}, {a: 'a'}], [{}, {a: 'b'}, {b: 'aaa'}]],
  [`a starts with "a"`, [{a: 'abb'}], [{}, {a: 'baa'}]],
  [`a ends with "a"`, [{a: 'bba'}], [{}, {a: 'aab'}]],
  [`!a in {"a"}`, [{a: 'b'}, {}], [{a: 'a'}]],
  [`has(a)`, [{a: ''}], [{b: 'a'}]],
  [`!has(a)`, [{b: 'b'}], [{a: 'b'}]],
  [`!!has(a)`, [{a: 'x'}], [{}]],
  [``, [{}, {a: 'b'}], []],
  [` `, [{}], []],
  [`all()`, [{}], []],
  [` all( )`, [{a: 'b'}], []],
  [`global()`, [{}], []],
  [`(a == "1" || b == "2") && !(c == "3")`, [{a: '1'}, {b: '2', c: '4'}], [{a: '1', c: '3'}, {}]],
  [`a == "1" || b == "2" && c == "3"`, [{a: '1'}, {b: '2', c: '3'}], [{b: '2'}]],
  [`projectcalico.org/name == 'x_y.z-1'`, [{'projectcalico.org/name': 'x_y.z-1'}], [{}]],
  [`a notin {'x'}`, [{a: 'y'}], [{a: 'x'}]],
  [`a in {}`, [], [{a: ''}, {}]],
  [`a in {'x',}`, [{a: 'x'}], []],
  [`\ta\t==\t'b'\t`, [{a: 'b'}], []],
];

for (const [sel, yes, no] of CASES) {
  test(`selector ${JSON.stringify(sel)} evaluates like Calico`, () => {
    const ast = parseSelector(sel);
    for (const labels of yes) assert.equal(ast.matches(labels), true, `should match ${JSON.stringify(labels)}`);
    for (const labels of no) assert.equal(ast.matches(labels), false, `should not match ${JSON.stringify(labels)}`);
    assert.equal(validateSelector(sel), undefined);
  });
}

// Calico's parser test list of invalid selectors, plus tokenizer edge cases.
const BAD = [
  'b == b', 'b contains b', 'b starts with b', 'b ends with b', "'b1' == b", 'b', 'a b', '!', 'foo == "bar" &',
  'foo == "bar" |', 'foo != ||', 'foo in {"", ||', 'foo in ""', '"FOO', `"FOO'`, "'FOO", '(', '(a == "foo"', ')', '()',
  '%', 'a == "b" && %', 'a == "b" || %', 'a ', 'has(foo) &&', 'a = "b"', 'has (a)', 'has()', 'has(a', 'all(x)',
  'a == "b" c == "d"', 'a contains"x"x', 'a in {"x" "y"}', `a == "b"\n`, 'a is "b"', 'a.b/c!d == "x"',
  `${'x'.repeat(513)} == "a"`,
];
for (const sel of BAD) {
  test(`selector ${JSON.stringify(sel.slice(0, 40))} is rejected`, () => {
    assert.throws(() => parseSelector(sel), SelectorSyntaxError);
    assert.match(validateSelector(sel), /^invalid selector: .+ at position \d+$/);
  });
}

test('words after a label need a boundary exactly as Calico', () => {
  assert.equal(validateSelector(`a contains'x'`), undefined);
  assert.equal(validateSelector(`a starts   with 'x'`), undefined);
  assert.equal(validateSelector(`a in{'x'}`), undefined);
  assert.equal(validateSelector(`a startswith 'x'`), undefined); // Calico allows no space between the words
  assert.match(validateSelector(`a containsx 'x'`), /expected operator after label "a"/);
});

test('syntax errors name the position', () => {
  assert.equal(validateSelector(`a == 'b' && c ==`), 'invalid selector: expected a quoted string but found end of selector at position 16');
  assert.equal(validateSelector(`a == 'b' && %`), 'invalid selector: expected identifier at position 12');
  assert.equal(validateSelector(`(a == 'b'`), 'invalid selector: expected ) but found end of selector at position 9');
});

test('canonical text', () => {
  assert.equal(String(parseSelector(`a=='b'&&c in {'y','x'}`)), '(a == "b" && c in {"x", "y"})');
});
