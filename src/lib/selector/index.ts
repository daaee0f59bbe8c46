// Calico label selectors: tokenizer, parser and evaluator with the grammar and acceptance rules of
// libcalico-go's selector parser (same tokens, same whitespace, same quoting, same label characters).
// Errors name the character position (0-based) so users can find the problem in long selectors.

/** The longest label name Calico's tokenizer accepts. */
export const MAX_LABEL_LENGTH = 512;

type TokenKind =
  | 'label'
  | 'string'
  | '{'
  | '}'
  | ','
  | '=='
  | '!='
  | 'in'
  | 'not in'
  | '!'
  | 'contains'
  | 'starts with'
  | 'ends with'
  | 'all()'
  | 'has()'
  | '('
  | ')'
  | '&&'
  | '||'
  | 'global()'
  | 'end';

interface Token {
  kind: TokenKind;
  value: string;
  /** 0-based offset of the token in the selector text. */
  pos: number;
}

/** A selector syntax error; `position` is the 0-based offset where the problem was found. */
export class SelectorSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly position: number,
  ) {
    super(`${reason} at position ${position}`);
    this.name = 'SelectorSyntaxError';
  }
}

function isIdentifierChar(c: string): boolean {
  return (
    (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '_' || c === '.' || c === '/' || c === '-'
  );
}

/** Calico only treats spaces and tabs as whitespace inside selectors. */
function skipWhitespace(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

function readIdentifier(text: string, start: number): {ident: string; end: number} {
  let end = start;
  while (end < text.length && isIdentifierChar(text[end])) end++;
  const ident = text.slice(start, end);
  if (ident.length === 0) throw new SelectorSyntaxError('expected identifier', start);
  if (ident.length > MAX_LABEL_LENGTH) throw new SelectorSyntaxError(`label too long: ${ident}`, start);
  return {ident, end};
}

/**
 * A word operator (`contains`, `in`) must be followed by a non-identifier character; a multi-word one
 * (`starts with`, `not in`, also written `notin`) skips whitespace after each word and checks the boundary
 * after that, exactly as Calico's tokenizer does. Returns the index after the operator.
 */
function matchWords(text: string, i: number, words: readonly string[]): number | undefined {
  let j = i;
  for (const w of words) {
    if (!text.startsWith(w, j)) return undefined;
    j += w.length;
    if (words.length > 1) j = skipWhitespace(text, j);
  }
  if (j < text.length && isIdentifierChar(text[j])) return undefined;
  return j;
}

/** Word operators that may follow a label, in Calico's matching order. */
const WORD_OPERATORS: ReadonlyArray<[TokenKind, readonly string[]]> = [
  ['contains', ['contains']],
  ['starts with', ['starts', 'with']],
  ['ends with', ['ends', 'with']],
  ['not in', ['not', 'in']],
  ['in', ['in']],
];

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  for (;;) {
    i = skipWhitespace(text, i);
    if (i >= text.length) {
      tokens.push({kind: 'end', value: '', pos: i});
      return tokens;
    }
    const c = text[i];
    const start = i;
    const lastKind = tokens.length ? tokens[tokens.length - 1].kind : undefined;
    let kind: TokenKind | undefined;
    let value = '';
    if (c === '(' || c === ')' || c === '{' || c === '}' || c === ',') {
      kind = c;
      i += 1;
    } else if (c === '"' || c === "'") {
      const close = text.indexOf(c, i + 1);
      if (close < 0) throw new SelectorSyntaxError('unterminated string', start);
      kind = 'string';
      value = text.slice(i + 1, close);
      i = close + 1;
    } else if (c === '=') {
      if (text[i + 1] !== '=') throw new SelectorSyntaxError('expected ==', start);
      kind = '==';
      i += 2;
    } else if (c === '!') {
      kind = text[i + 1] === '=' ? '!=' : '!';
      i += kind.length;
    } else if (c === '&') {
      if (text[i + 1] !== '&') throw new SelectorSyntaxError('expected &&', start);
      kind = '&&';
      i += 2;
    } else if (c === '|') {
      if (text[i + 1] !== '|') throw new SelectorSyntaxError('expected ||', start);
      kind = '||';
      i += 2;
    } else if (lastKind === 'label') {
      // After a label only a word operator may follow (symbol operators were handled above).
      for (const [opKind, words] of WORD_OPERATORS) {
        const end = matchWords(text, i, words);
        if (end !== undefined) {
          kind = opKind;
          i = end;
          break;
        }
      }
      if (!kind) throw new SelectorSyntaxError(`expected operator after label "${tokens[tokens.length - 1].value}"`, start);
    } else if (text.startsWith('has(', i)) {
      const {ident, end} = readIdentifier(text, skipWhitespace(text, i + 4));
      i = skipWhitespace(text, end);
      if (text[i] !== ')') throw new SelectorSyntaxError("no closing ')' after has(", i);
      kind = 'has()';
      value = ident;
      i += 1;
    } else if (text.startsWith('all(', i) || text.startsWith('global(', i)) {
      kind = c === 'a' ? 'all()' : 'global()';
      i = skipWhitespace(text, i + kind.length - 1);
      if (text[i] !== ')') throw new SelectorSyntaxError(`no closing ')' after ${kind.slice(0, -1)}`, i);
      i += 1;
    } else {
      const {ident, end} = readIdentifier(text, i);
      kind = 'label';
      value = ident;
      i = end;
    }
    tokens.push({kind, value, pos: start});
  }
}

/** A parsed selector expression. */
export interface SelectorNode {
  matches(labels: Readonly<Record<string, string>>): boolean;
  /** Canonical text (Calico's normal form: double quotes, single spaces). */
  toString(): string;
}

const has = (labels: Readonly<Record<string, string>>, k: string): boolean => Object.prototype.hasOwnProperty.call(labels, k);

function quote(v: string): string {
  return v.includes('"') ? `'${v}'` : `"${v}"`;
}

class AllNode implements SelectorNode {
  matches(): boolean {
    return true;
  }
  toString(): string {
    return 'all()';
  }
}

class GlobalNode implements SelectorNode {
  matches(): boolean {
    return true;
  }
  toString(): string {
    return 'global()';
  }
}

class HasNode implements SelectorNode {
  constructor(readonly label: string) {}
  matches(labels: Readonly<Record<string, string>>): boolean {
    return has(labels, this.label);
  }
  toString(): string {
    return `has(${this.label})`;
  }
}

type Comparison = '==' | '!=' | 'contains' | 'starts with' | 'ends with';

class CompareNode implements SelectorNode {
  constructor(
    readonly label: string,
    readonly op: Comparison,
    readonly value: string,
  ) {}
  matches(labels: Readonly<Record<string, string>>): boolean {
    if (!has(labels, this.label)) return this.op === '!=';
    const v = labels[this.label];
    switch (this.op) {
      case '==':
        return v === this.value;
      case '!=':
        return v !== this.value;
      case 'contains':
        return v.includes(this.value);
      case 'starts with':
        return v.startsWith(this.value);
      case 'ends with':
        return v.endsWith(this.value);
    }
  }
  toString(): string {
    return `${this.label} ${this.op} ${quote(this.value)}`;
  }
}

class SetNode implements SelectorNode {
  private readonly set: Set<string>;
  constructor(
    readonly label: string,
    readonly negated: boolean,
    values: string[],
  ) {
    this.set = new Set(values);
  }
  matches(labels: Readonly<Record<string, string>>): boolean {
    if (!has(labels, this.label)) return this.negated;
    return this.set.has(labels[this.label]) !== this.negated;
  }
  toString(): string {
    const values = [...this.set].sort().map(quote).join(', ');
    return `${this.label} ${this.negated ? 'not in' : 'in'} {${values}}`;
  }
}

class NotNode implements SelectorNode {
  constructor(readonly operand: SelectorNode) {}
  matches(labels: Readonly<Record<string, string>>): boolean {
    return !this.operand.matches(labels);
  }
  toString(): string {
    return `!${this.operand.toString()}`;
  }
}

class AndNode implements SelectorNode {
  constructor(readonly operands: SelectorNode[]) {}
  matches(labels: Readonly<Record<string, string>>): boolean {
    return this.operands.every((o) => o.matches(labels));
  }
  toString(): string {
    return `(${this.operands.map(String).join(' && ')})`;
  }
}

class OrNode implements SelectorNode {
  constructor(readonly operands: SelectorNode[]) {}
  matches(labels: Readonly<Record<string, string>>): boolean {
    return this.operands.some((o) => o.matches(labels));
  }
  toString(): string {
    return `(${this.operands.map(String).join(' || ')})`;
  }
}

function describe(t: Token): string {
  if (t.kind === 'end') return 'end of selector';
  if (t.kind === 'label') return `label "${t.value}"`;
  if (t.kind === 'string') return `string "${t.value}"`;
  if (t.kind === 'has()') return `has(${t.value})`;
  return `"${t.kind}"`;
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.i];
  }

  parseRoot(): SelectorNode {
    if (this.peek().kind === 'end') return new AllNode();
    const node = this.parseOr();
    const rest = this.peek();
    if (rest.kind !== 'end') throw new SelectorSyntaxError(`unexpected ${describe(rest)} at end of selector`, rest.pos);
    return node;
  }

  private parseOr(): SelectorNode {
    const nodes = [this.parseAnd()];
    while (this.peek().kind === '||') {
      this.i++;
      nodes.push(this.parseAnd());
    }
    return nodes.length === 1 ? nodes[0] : new OrNode(nodes);
  }

  private parseAnd(): SelectorNode {
    const nodes = [this.parseOperation()];
    while (this.peek().kind === '&&') {
      this.i++;
      nodes.push(this.parseOperation());
    }
    return nodes.length === 1 ? nodes[0] : new AndNode(nodes);
  }

  private parseOperation(): SelectorNode {
    let negated = false;
    while (this.peek().kind === '!') {
      negated = !negated;
      this.i++;
    }
    const node = this.parseTerm();
    return negated ? new NotNode(node) : node;
  }

  private parseTerm(): SelectorNode {
    const t = this.peek();
    switch (t.kind) {
      case 'has()':
        this.i++;
        return new HasNode(t.value);
      case 'all()':
        this.i++;
        return new AllNode();
      case 'global()':
        this.i++;
        return new GlobalNode();
      case '(': {
        this.i++;
        const inner = this.parseOr();
        const close = this.peek();
        if (close.kind !== ')') throw new SelectorSyntaxError(`expected ) but found ${describe(close)}`, close.pos);
        this.i++;
        return inner;
      }
      case 'label':
        return this.parseLabelOperation(t);
      case 'end':
        throw new SelectorSyntaxError('unexpected end of selector', t.pos);
      default:
        throw new SelectorSyntaxError(`unexpected ${describe(t)}`, t.pos);
    }
  }

  private parseLabelOperation(label: Token): SelectorNode {
    this.i++;
    const op = this.peek();
    switch (op.kind) {
      case '==':
      case '!=':
      case 'contains':
      case 'starts with':
      case 'ends with': {
        this.i++;
        const value = this.peek();
        if (value.kind !== 'string') throw new SelectorSyntaxError(`expected a quoted string but found ${describe(value)}`, value.pos);
        this.i++;
        return new CompareNode(label.value, op.kind, value.value);
      }
      case 'in':
      case 'not in': {
        this.i++;
        const open = this.peek();
        if (open.kind !== '{') throw new SelectorSyntaxError(`expected set literal {...} but found ${describe(open)}`, open.pos);
        this.i++;
        const values: string[] = [];
        // As in Calico: strings separated by commas; a trailing comma is tolerated.
        while (this.peek().kind === 'string') {
          values.push(this.peek().value);
          this.i++;
          if (this.peek().kind !== ',') break;
          this.i++;
        }
        const close = this.peek();
        if (close.kind !== '}') throw new SelectorSyntaxError(`expected } but found ${describe(close)}`, close.pos);
        this.i++;
        return new SetNode(label.value, op.kind === 'not in', values);
      }
      case 'end':
        throw new SelectorSyntaxError(`unexpected end of selector after label "${label.value}"`, op.pos);
      default:
        throw new SelectorSyntaxError(`expected an operator after label "${label.value}" but found ${describe(op)}`, op.pos);
    }
  }
}

/** Parses a selector; throws SelectorSyntaxError. An empty selector selects everything, as in Calico. */
export function parseSelector(text: string): SelectorNode {
  return new Parser(tokenize(text)).parseRoot();
}

/** Returns an error message when the selector is not valid Calico selector syntax, else undefined. */
export function validateSelector(text: string): string | undefined {
  try {
    parseSelector(text);
    return undefined;
  } catch (err) {
    if (err instanceof SelectorSyntaxError) return `invalid selector: ${err.message}`;
    throw err;
  }
}

/** Calico's label-name check used by the selector tokenizer (e.g. for has(...)). */
export function isValidSelectorLabel(label: string): boolean {
  if (label.length === 0 || label.length > MAX_LABEL_LENGTH) return false;
  for (const c of label) if (!isIdentifierChar(c)) return false;
  return true;
}
