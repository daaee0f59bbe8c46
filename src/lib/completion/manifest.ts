// The command surface completion works from: oclif.manifest.json (written at build time from the command
// classes) and the topic descriptions in package.json. Read at run time, so completion can never
// disagree with the installed commands.
import {readFileSync} from 'node:fs';

export interface SurfaceFlag {
  name: string;
  char?: string;
  type: 'option' | 'boolean';
  summary?: string;
  options?: string[];
  helpValue?: string;
  multiple?: boolean;
  hidden?: boolean;
  allowNo?: boolean;
}

export interface SurfaceArg {
  name: string;
  description?: string;
  options?: string[];
}

export interface SurfaceCommand {
  id: string;
  summary?: string;
  hidden?: boolean;
  strict?: boolean;
  args: SurfaceArg[];
  flags: SurfaceFlag[];
}

export interface Surface {
  commands: Map<string, SurfaceCommand>;
  /** Topic id (`ipam`, `datastore:migrate`) -> description. */
  topics: Map<string, string>;
}

interface RawManifest {
  commands: Record<string, {
    id: string;
    summary?: string;
    description?: string;
    hidden?: boolean;
    strict?: boolean;
    args?: Record<string, SurfaceArg>;
    flags?: Record<string, SurfaceFlag>;
  }>;
}

/** Builds the surface from the parsed manifest and package.json `oclif.topics` (space-separated names). */
export function surfaceFrom(manifest: RawManifest, topicDescriptions: Record<string, {description?: string}> = {}): Surface {
  const commands = new Map<string, SurfaceCommand>();
  const topics = new Map<string, string>();
  for (const c of Object.values(manifest.commands)) {
    commands.set(c.id, {
      id: c.id,
      summary: c.summary ?? c.description?.split('\n')[0],
      hidden: c.hidden,
      strict: c.strict,
      args: Object.values(c.args ?? {}),
      flags: Object.values(c.flags ?? {}),
    });
    const parts = c.id.split(':');
    for (let i = 1; i < parts.length; i++) {
      const topic = parts.slice(0, i).join(':');
      if (!topics.has(topic)) topics.set(topic, '');
    }
  }
  for (const [name, t] of Object.entries(topicDescriptions)) {
    const id = name.split(' ').join(':');
    if (topics.has(id)) topics.set(id, t.description ?? '');
  }
  return {commands, topics};
}

/** Loads the installed CLI's surface; undefined when the manifest is missing or unreadable. */
export function loadSurface(root: URL = new URL('../../../', import.meta.url)): Surface | undefined {
  try {
    const manifest = JSON.parse(readFileSync(new URL('oclif.manifest.json', root), 'utf8')) as RawManifest;
    let topics = {};
    try {
      topics = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')).oclif?.topics ?? {};
    } catch {
      // Descriptions are optional.
    }
    return surfaceFrom(manifest, topics);
  } catch {
    return undefined;
  }
}
