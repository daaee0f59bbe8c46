// Parsers for `show protocols` and `show protocols all` replies, BIRD 1.6 and 2.x alike.
// Columns are split on whitespace, never by offset: names longer than the column width push the rest right.
import type {BirdReply} from './client.js';

/** One row of the `show protocols` table. */
export interface ProtocolRow {
  name: string;
  proto: string;
  table: string;
  /** Protocol state: up, start, down, wait (1.6 graceful-restart recovery), feed, stop, flush. */
  state: string;
  /** As BIRD printed it; may contain a space (`iso long`: `2026-11-26 12:14:27`). */
  since: string;
  /** Everything after `since`, runs of spaces collapsed, trimmed. */
  info: string;
}

/** The part of `show protocols all` we report for a BGP protocol. */
export interface ProtocolDetails {
  bgpState?: string;
  neighborAddress?: string;
  neighborPort?: number;
  neighborAS?: number;
  localAS?: number;
  neighborID?: string;
  sourceAddress?: string;
  lastError?: string;
  /** Summed over the protocol (1.6) or over its channels (2.x). */
  routes?: {imported: number; exported: number; preferred: number};
  /** BIRD 2.x channels (`Channel ipv4`), in order. */
  channels: string[];
}

export interface ProtocolEntry extends ProtocolRow {
  details?: ProtocolDetails;
}

/** The heading does not look like a protocol table at all. */
export class UnknownTableFormatError extends Error {
  constructor() {
    super('unknown BIRD table output format');
    this.name = 'UnknownTableFormatError';
  }
}

const EXPECTED_HEADINGS = ['name', 'proto', 'table', 'state', 'since', 'info'];
const DATE = /^(\d{4}-\d\d-\d\d|\d\d-\d\d-\d{4})$/;
const TIME = /^\d\d:\d\d(:\d\d(\.\d+)?)?([+-]\d{4})?$/;

/** Splits one table row into its columns; undefined when it has fewer than name..since. */
export function parseProtocolRow(line: string): ProtocolRow | undefined {
  const f = line.trim().split(/\s+/);
  if (f.length < 5) return undefined;
  const [name, proto, table, state] = f;
  let next = 5;
  let since = f[4];
  if (DATE.test(f[4]) && f.length > 5 && TIME.test(f[5])) {
    since = `${f[4]} ${f[5]}`;
    next = 6;
  }
  return {name, proto, table, state, since, info: f.slice(next).join(' ')};
}

/**
 * Parses a `show protocols` or `show protocols all` reply into its rows, each with its detail block when
 * present. Throws UnknownTableFormatError when the heading is not BIRD's protocol heading (case ignored:
 * 2.x capitalises it).
 */
export function parseProtocols(reply: BirdReply): ProtocolEntry[] {
  const entries: ProtocolEntry[] = [];
  let detail: string[] | undefined;
  const flushDetail = (): void => {
    const last = entries[entries.length - 1];
    if (last && detail) last.details = parseDetails(detail);
    detail = undefined;
  };
  for (const {code, text} of reply.lines) {
    if (code === '2002') {
      const headings = text.trim().toLowerCase().split(/\s+/);
      if (headings.join(' ') !== EXPECTED_HEADINGS.join(' ')) throw new UnknownTableFormatError();
    } else if (code === '1002') {
      flushDetail();
      const row = parseProtocolRow(text);
      if (row) entries.push(row);
    } else if (code === '1006') {
      detail ??= [];
      detail.push(text);
    }
  }
  flushDetail();
  return entries;
}

const ROUTES = /^(\d+) imported, (?:(\d+) filtered, )?(\d+) exported(?:, (\d+) preferred)?/;

/** Reads the `key: value` lines of one protocol's detail block (both versions' layouts). */
export function parseDetails(lines: readonly string[]): ProtocolDetails {
  const d: ProtocolDetails = {channels: []};
  for (const raw of lines) {
    const line = raw.trim();
    const channel = /^Channel (\S+)$/.exec(line);
    if (channel) {
      d.channels.push(channel[1]);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon);
    const value = line.slice(colon + 1).trim();
    switch (key) {
      case 'BGP state':
        d.bgpState = value;
        break;
      case 'Neighbor address':
        d.neighborAddress = value;
        break;
      case 'Neighbor port':
        d.neighborPort = toInt(value);
        break;
      case 'Neighbor AS':
        d.neighborAS = toInt(value);
        break;
      case 'Local AS':
        d.localAS = toInt(value);
        break;
      case 'Neighbor ID':
        d.neighborID = value;
        break;
      case 'Source address':
        d.sourceAddress = value;
        break;
      case 'Last error':
        d.lastError = value;
        break;
      case 'Routes': {
        const m = ROUTES.exec(value);
        if (m) {
          const prev = d.routes ?? {imported: 0, exported: 0, preferred: 0};
          d.routes = {
            imported: prev.imported + Number(m[1]),
            exported: prev.exported + Number(m[3]),
            preferred: prev.preferred + Number(m[4] ?? 0),
          };
        }
        break;
      }
    }
  }
  return d;
}

function toInt(text: string): number | undefined {
  return /^\d+$/.test(text) ? Number(text) : undefined;
}
