// The completion engine: given the words typed after the program name (the last one being the word under
// the cursor, possibly empty), returns the candidates and a directive for the shell. Every shell script
// calls back into the CLI for this (`completion complete -- WORDS...`), so bash, zsh, fish and kubectl's
// plugin completion share one implementation. The output format is cobra's `__complete` protocol, which
// kubectl expects from a `kubectl_complete-<plugin>` helper.
import type {Surface, SurfaceCommand, SurfaceFlag} from './manifest.js';

/** Shell directives (cobra's ShellCompDirective bit values). */
export const Directive = {
  /** Nothing special: when there is no candidate, the shell completes file names. */
  Default: 0,
  Error: 1,
  /** Do not add a space after the completion (values that go on, e.g. `custom-columns=`). */
  NoSpace: 2,
  /** Never fall back to file names. */
  NoFileComp: 4,
  /** Complete directory names only. */
  FilterDirs: 16,
} as const;

export interface Candidate {
  value: string;
  description?: string;
}

export interface CompletionResult {
  candidates: Candidate[];
  directive: number;
}

export interface KindInfo {
  /** CamelCase kind. */
  kind: string;
  /** Accepted names, the first one being the canonical lower-case singular. */
  aliases: readonly string[];
}

export interface NamesQuery {
  /** The KIND as typed (any alias, any case). */
  kind: string;
  /** Namespace from -n; undefined = calicoctl's default (`default`). */
  namespace?: string;
  allNamespaces: boolean;
  /** -c/--config from the command line, if given. */
  configPath?: string;
}

export interface NamespacesQuery {
  /** The KIND typed on the line, if any: only namespaces holding that kind. */
  kind?: string;
  configPath?: string;
}

/** Where the engine gets what it does not find on the command line. */
export interface CompletionSources {
  surface: Surface;
  kinds(): Promise<readonly KindInfo[]>;
  /** Resource names from the datastore; must resolve to [] on any problem, within a short timeout. */
  names(query: NamesQuery): Promise<string[]>;
  /** Namespaces in use, from the datastore; same rules as names(). */
  namespaces(query: NamespacesQuery): Promise<string[]>;
}

/** Options every command accepts before or after its words (base flags plus --no-color and help). */
const GLOBAL_FLAGS: SurfaceFlag[] = [
  {name: 'log-level', char: 'l', type: 'option', summary: 'Set the log level.'},
  {name: 'context', type: 'option', summary: 'The name of the kubeconfig context to use.'},
  {name: 'allow-version-mismatch', type: 'boolean', summary: 'Allow client and cluster versions mismatch.'},
  {name: 'no-color', type: 'boolean', summary: 'Do not colour output.'},
  {name: 'help', char: 'h', type: 'boolean', summary: 'Show help.'},
];

const LOG_LEVEL_VALUES = ['panic', 'fatal', 'error', 'warn', 'info', 'debug'];

/** Value lists the manifest cannot express (free-form flags that still have well-known values). */
const FLAG_VALUES: Record<string, Candidate[]> = {
  'get:output': [
    {value: 'ps'},
    {value: 'wide'},
    {value: 'yaml'},
    {value: 'json'},
    {value: 'custom-columns='},
    {value: 'go-template='},
    {value: 'go-template-file='},
  ],
};

/** Flags whose value is the name of a resource of a kind. */
const FLAG_RESOURCE_KIND: Record<string, string> = {
  'ipam:split:name': 'ippool',
};

const FILE_HELP_VALUES = new Set(['FILE', 'FILENAME', 'CONFIG', 'KUBECONFIG', 'REPORT', 'PATH']);
const FILE_FLAG_NAMES = new Set(['filename', 'config', 'kubeconfig', 'kernel-config', 'from-report']);

interface ParsedLine {
  /** Resolved command, if the words name one. */
  command?: SurfaceCommand;
  /** Command words consumed so far (a topic or command id, `:`-joined). */
  idPrefix: string;
  /** A word that names neither a command nor a topic: nothing sensible can follow. */
  unknownWord: boolean;
  positional: string[];
  /** Flag values given so far, by long name. */
  given: Map<string, string[]>;
  /** The flag whose value is the word under the cursor. */
  pendingFlag?: SurfaceFlag;
  afterDoubleDash: boolean;
}

function flagsOf(command: SurfaceCommand | undefined): SurfaceFlag[] {
  if (!command) return GLOBAL_FLAGS;
  const own = command.flags.filter((f) => !f.hidden);
  const names = new Set(own.map((f) => f.name));
  return [...own, ...GLOBAL_FLAGS.filter((g) => !names.has(g.name))];
}

function findFlag(flags: SurfaceFlag[], token: string): {flag?: SurfaceFlag; inlineValue?: string} {
  if (token.startsWith('--')) {
    const eq = token.indexOf('=');
    const name = eq < 0 ? token.slice(2) : token.slice(2, eq);
    const flag = flags.find((f) => f.name === name) ?? flags.find((f) => f.allowNo && `no-${f.name}` === name);
    return {flag, inlineValue: eq < 0 ? undefined : token.slice(eq + 1)};
  }
  const flag = flags.find((f) => f.char === token[1]);
  return {flag, inlineValue: token.length > 2 && flag?.type === 'option' ? token.slice(2).replace(/^=/, '') : undefined};
}

function isCommandOrTopic(surface: Surface, id: string): boolean {
  return surface.commands.has(id) || surface.topics.has(id);
}

/** Reads the words before the cursor the way the CLI's parser would. */
export function parseLine(surface: Surface, before: readonly string[]): ParsedLine {
  const st: ParsedLine = {idPrefix: '', unknownWord: false, positional: [], given: new Map(), afterDoubleDash: false};
  for (const tok of before) {
    if (st.pendingFlag) {
      const list = st.given.get(st.pendingFlag.name) ?? [];
      st.given.set(st.pendingFlag.name, [...list, tok]);
      st.pendingFlag = undefined;
      continue;
    }
    if (st.afterDoubleDash) {
      st.positional.push(tok);
      continue;
    }
    if (tok === '--') {
      st.afterDoubleDash = true;
      continue;
    }
    if (tok.startsWith('-') && tok.length > 1) {
      const {flag, inlineValue} = findFlag(flagsOf(st.command), tok);
      if (!flag) continue;
      if (flag.type === 'boolean') st.given.set(flag.name, ['true']);
      else if (inlineValue !== undefined) st.given.set(flag.name, [...(st.given.get(flag.name) ?? []), inlineValue]);
      else st.pendingFlag = flag;
      continue;
    }
    // A word: it extends the command id while it can (a sub-command wins over an argument, as in oclif).
    const extended = st.idPrefix ? `${st.idPrefix}:${tok}` : tok;
    if (st.positional.length === 0 && !st.unknownWord && isCommandOrTopic(surface, extended)) {
      st.idPrefix = extended;
      st.command = surface.commands.get(extended);
    } else if (st.command) {
      st.positional.push(tok);
    } else {
      st.unknownWord = true;
    }
  }
  return st;
}

function startsWithFolded(value: string, prefix: string): boolean {
  return value.toLowerCase().startsWith(prefix.toLowerCase());
}

function filterPrefix(cands: Candidate[], prefix: string): Candidate[] {
  return cands.filter((c) => c.value.startsWith(prefix));
}

/** The next command words after `idPrefix`: visible sub-commands and topics. */
function childWords(surface: Surface, idPrefix: string): Candidate[] {
  const depth = idPrefix ? idPrefix.split(':').length : 0;
  const under = (id: string) => (idPrefix ? id.startsWith(idPrefix + ':') : true) && id.split(':').length === depth + 1;
  const out = new Map<string, Candidate>();
  for (const [id, cmd] of surface.commands) {
    if (cmd.hidden || !under(id)) continue;
    out.set(id, {value: id.split(':')[depth], description: cmd.summary});
  }
  for (const [id, description] of surface.topics) {
    if (!under(id) || out.has(id)) continue;
    // A topic whose commands are all hidden is itself hidden.
    const visible = [...surface.commands.values()].some((c) => !c.hidden && c.id.startsWith(id + ':'));
    if (visible) out.set(id, {value: id.split(':')[depth], description: description || undefined});
  }
  return [...out.values()].sort((a, b) => a.value.localeCompare(b.value));
}

function flagCandidates(command: SurfaceCommand | undefined, given: Map<string, string[]>, cur: string): Candidate[] {
  const out: Candidate[] = [];
  for (const f of flagsOf(command)) {
    if (given.has(f.name) && !f.multiple) continue;
    const value = `--${f.name}`;
    if (value.startsWith(cur)) out.push({value, description: f.summary});
  }
  return out;
}

/** Completes a flag's value: listed values, resource names, or file/directory names. */
async function flagValueCompletion(
  sources: CompletionSources,
  line: ParsedLine,
  flag: SurfaceFlag,
  cur: string,
  insertPrefix: string,
): Promise<CompletionResult> {
  const id = line.command?.id ?? '';
  const prefixed = (cands: Candidate[], extraDirective = 0): CompletionResult => {
    const matching = filterPrefix(cands, cur).map((c) => ({...c, value: insertPrefix + c.value}));
    const noSpace = matching.length === 1 && matching[0].value.endsWith('=') ? Directive.NoSpace : 0;
    return {candidates: matching, directive: Directive.NoFileComp | noSpace | extraDirective};
  };
  if (flag.options?.length) return prefixed(flag.options.map((value) => ({value})));
  if (flag.name === 'log-level') return prefixed(LOG_LEVEL_VALUES.map((value) => ({value})));
  const known = FLAG_VALUES[`${id}:${flag.name}`];
  if (known) return prefixed(known);
  if (flag.name === 'namespace') {
    const kindArg = line.command?.args[0]?.name === 'kind' ? line.positional[0] : undefined;
    return prefixed((await sources.namespaces({kind: kindArg, configPath: line.given.get('config')?.at(-1)})).map((value) => ({value})));
  }
  const kind = FLAG_RESOURCE_KIND[`${id}:${flag.name}`];
  if (kind) return prefixed((await sources.names(namesQuery(line, kind))).map((value) => ({value})));
  const helpValue = flag.helpValue ?? '';
  if (/^[A-Za-z]+([|/][A-Za-z]+)+$/.test(helpValue)) return prefixed(helpValue.split(/[|/]/).map((value) => ({value})));
  if (/DIR$/.test(helpValue) || flag.name.endsWith('-dir')) return {candidates: [], directive: Directive.FilterDirs};
  if (FILE_HELP_VALUES.has(helpValue) || FILE_FLAG_NAMES.has(flag.name)) return {candidates: [], directive: Directive.Default};
  return {candidates: [], directive: Directive.NoFileComp};
}

function namesQuery(line: ParsedLine, kind: string): NamesQuery {
  const last = (name: string) => line.given.get(name)?.at(-1);
  return {kind, namespace: last('namespace'), allNamespaces: line.given.has('all-namespaces'), configPath: last('config')};
}

async function positionalCompletion(sources: CompletionSources, line: ParsedLine, cur: string): Promise<CompletionResult> {
  const command = line.command!;
  const none = {candidates: [], directive: Directive.NoFileComp};
  const index = line.positional.length;
  const argDefs = command.args;
  const def = argDefs[Math.min(index, argDefs.length - 1)];
  if (!def || (index >= argDefs.length && command.strict !== false)) return none;
  if (def.options?.length) return {candidates: filterPrefix(def.options.map((value) => ({value})), cur), directive: Directive.NoFileComp};
  const takesKind = argDefs[0]?.name === 'kind';
  if (!takesKind) return none;
  if (index === 0) return {candidates: await kindCandidates(sources, cur), directive: Directive.NoFileComp};
  // Names follow the kind; with -f the resources come from a file and no name is accepted.
  if (def.name !== 'name' || line.given.has('filename')) return none;
  if (index > 1 && command.strict !== false) return none;
  const typed = new Set(line.positional.slice(1));
  const names = await sources.names(namesQuery(line, line.positional[0]));
  const fresh = [...new Set(names)].filter((n) => !typed.has(n) && n.startsWith(cur));
  return {candidates: fresh.map((value) => ({value})), directive: Directive.NoFileComp};
}

/**
 * Kind candidates: with nothing typed, one canonical name per kind (the lists stay short); once a prefix is
 * typed, every alias that matches it, case-insensitively as the CLI matches kinds.
 */
async function kindCandidates(sources: CompletionSources, cur: string): Promise<Candidate[]> {
  const kinds = await sources.kinds();
  if (cur === '') return kinds.map((k) => ({value: k.aliases[0], description: k.kind}));
  const out: Candidate[] = [];
  for (const k of kinds) for (const a of k.aliases) if (startsWithFolded(a, cur)) out.push({value: a, description: k.kind});
  return out;
}

/** Completes `words` (the words after the program name; the last is the one under the cursor). */
export async function complete(sources: CompletionSources, words: readonly string[]): Promise<CompletionResult> {
  const cur = words.length ? words[words.length - 1] : '';
  const line = parseLine(sources.surface, words.slice(0, -1));
  const none: CompletionResult = {candidates: [], directive: Directive.NoFileComp};
  if (line.unknownWord) return none;
  if (line.pendingFlag) return flagValueCompletion(sources, line, line.pendingFlag, cur, '');
  if (!line.afterDoubleDash && cur.startsWith('-')) {
    const eq = cur.indexOf('=');
    if (cur.startsWith('--') && eq > 0) {
      const {flag} = findFlag(flagsOf(line.command), cur);
      if (!flag || flag.type !== 'option') return none;
      return flagValueCompletion(sources, line, flag, cur.slice(eq + 1), cur.slice(0, eq + 1));
    }
    return {candidates: flagCandidates(line.command, line.given, cur), directive: Directive.NoFileComp};
  }
  const words_ = line.positional.length === 0 && !line.afterDoubleDash ? filterPrefix(childWords(sources.surface, line.idPrefix), cur) : [];
  if (!line.command) return {candidates: words_, directive: Directive.NoFileComp};
  const positional = await positionalCompletion(sources, line, cur);
  return {candidates: [...words_, ...positional.candidates], directive: positional.directive};
}

/** Renders a result in cobra's `__complete` format: `value[\tdescription]` lines, then `:<directive>`. */
export function formatResult(result: CompletionResult): string {
  const lines = result.candidates.map((c) => (c.description ? `${c.value}\t${oneLine(c.description)}` : c.value));
  return [...lines, `:${result.directive}`].join('\n') + '\n';
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
