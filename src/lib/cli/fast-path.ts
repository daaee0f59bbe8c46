// Start-up fast path. Importing @oclif/core costs about as much as starting Node itself, which would
// break the start-up budgets of `validate`, `node status` and `get`. For the common case (a known
// command, well-formed flags, no help) we parse argv against the flag definitions oclif wrote into
// oclif.manifest.json and call the command's action directly. Anything unusual (help, an unknown or
// malformed flag, a missing required flag) returns false and oclif handles it, with its messages.
import {readFileSync} from 'node:fs';
import type {CommandInput} from './types.js';
import {ACTIONS} from './actions.js';
import {processOutput} from '../io.js';

interface ManifestFlag {
  name: string;
  char?: string;
  type: 'option' | 'boolean';
  default?: unknown;
  multiple?: boolean;
  options?: string[];
  required?: boolean;
  allowNo?: boolean;
  charAliases?: string[];
  aliases?: string[];
}

interface ManifestCommand {
  id: string;
  args: Record<string, {name: string; required?: boolean}>;
  flags: Record<string, ManifestFlag>;
  strict?: boolean;
}

interface Parsed extends Omit<CommandInput, 'out'> {
  id: string;
}

function loadManifest(): Record<string, ManifestCommand> | undefined {
  try {
    const m = JSON.parse(readFileSync(new URL('../../../oclif.manifest.json', import.meta.url), 'utf8'));
    return m.commands;
  } catch {
    return undefined;
  }
}

/** Parses argv for one command exactly as far as we are sure oclif would; undefined = let oclif do it. */
export function parseForFastPath(argv: readonly string[], commands: Record<string, ManifestCommand>): Parsed | undefined {
  // Longest run of leading words that names a command (the topic separator is a space).
  let id = '';
  let i = 0;
  for (let j = 0; j < argv.length && !argv[j].startsWith('-'); j++) {
    const candidate = argv.slice(0, j + 1).join(':');
    if (commands[candidate]) {
      id = candidate;
      i = j + 1;
    }
  }
  const cmd = commands[id];
  if (!cmd || !ACTIONS[id]) return undefined;

  const byLong = new Map<string, ManifestFlag>();
  const byChar = new Map<string, ManifestFlag>();
  for (const f of Object.values(cmd.flags)) {
    byLong.set(f.name, f);
    for (const a of f.aliases ?? []) byLong.set(a, f);
    if (f.char) byChar.set(f.char, f);
    for (const c of f.charAliases ?? []) byChar.set(c, f);
  }
  const flags: Record<string, unknown> = {};
  const positional: string[] = [];
  const set = (f: ManifestFlag, value: unknown): boolean => {
    if (f.type === 'option' && f.options && !f.options.includes(String(value))) return false;
    if (f.multiple) flags[f.name] = [...((flags[f.name] as unknown[]) ?? []), value];
    else if (f.name in flags && f.type === 'option') return false; // oclif rejects repeats
    else flags[f.name] = value;
    return true;
  };
  for (; i < argv.length; i++) {
    const tok = argv[i];
    if (tok === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (tok === '--help' || tok === '-h') return undefined;
    if (tok.startsWith('--')) {
      const eq = tok.indexOf('=');
      const name = eq > 0 ? tok.slice(2, eq) : tok.slice(2);
      let f = byLong.get(name);
      if (!f && name.startsWith('no-')) {
        const neg = byLong.get(name.slice(3));
        if (neg?.type === 'boolean' && neg.allowNo && eq < 0) {
          flags[neg.name] = false;
          continue;
        }
      }
      if (!f) return undefined;
      if (f.type === 'boolean') {
        if (eq > 0) return undefined;
        flags[f.name] = true;
      } else {
        const value = eq > 0 ? tok.slice(eq + 1) : argv[++i];
        if (value === undefined) return undefined;
        if (!set(f, value)) return undefined;
      }
    } else if (tok.startsWith('-') && tok.length > 1) {
      const f = byChar.get(tok[1]);
      if (!f) return undefined;
      if (f.type === 'boolean') {
        if (tok.length > 2) return undefined; // grouped short flags: leave to oclif
        flags[f.name] = true;
      } else {
        let value = tok.length > 2 ? tok.slice(2) : argv[++i];
        if (value === undefined) return undefined;
        if (tok.length > 2 && value.startsWith('=')) value = value.slice(1);
        if (!set(f, value)) return undefined;
      }
    } else {
      positional.push(tok);
    }
  }
  for (const f of Object.values(cmd.flags)) {
    if (!(f.name in flags)) {
      if (f.required) return undefined;
      if (f.default !== undefined) flags[f.name] = f.multiple && !Array.isArray(f.default) ? [f.default] : f.default;
      else if (f.type === 'boolean') flags[f.name] = false;
    }
  }
  const argDefs = Object.values(cmd.args);
  if (cmd.strict !== false && positional.length > argDefs.length) return undefined;
  const args: Record<string, string | undefined> = {};
  argDefs.forEach((a, k) => {
    args[a.name] = positional[k];
  });
  if (argDefs.some((a, k) => a.required && positional[k] === undefined)) return undefined;
  return {id, flags, args, argv: positional};
}

/** Runs the command without oclif when possible; resolves to the exit code, or undefined to fall back. */
export async function tryFastPath(argv: readonly string[]): Promise<number | undefined> {
  const commands = loadManifest();
  if (!commands) return undefined;
  const parsed = parseForFastPath(argv, commands);
  if (!parsed) return undefined;
  const {applyGlobalFlags} = await import('./global-flags.js');
  await applyGlobalFlags(parsed.flags);
  const action = await ACTIONS[parsed.id]();
  return (await action({flags: parsed.flags, args: parsed.args, argv: parsed.argv, out: processOutput})) ?? 0;
}
