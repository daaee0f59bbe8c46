// Reorders a resource's fields the way Go's encoding/json writes the typed object: struct fields in
// declaration order (taken from the JSON Schemas' property order at build time, see
// scripts/lib/field-order.mjs), map keys sorted. Used for etcd values and for `-o json`.
import {readFileSync} from 'node:fs';

interface Shape {
  o?: string[];
  p?: Record<string, string>;
  i?: string;
  m?: string;
  sorted?: boolean;
}

interface FieldOrder {
  kinds: Record<string, string>;
  shapes: Record<string, Shape>;
}

let cached: FieldOrder | undefined;

function fieldOrder(): FieldOrder {
  if (!cached) {
    try {
      cached = JSON.parse(readFileSync(new URL('../../generated/field-order.json', import.meta.url), 'utf8')) as FieldOrder;
    } catch {
      cached = {kinds: {}, shapes: {}};
    }
  }
  return cached;
}

const MAP: Shape = {sorted: true};
// ObjectMeta as Go declares it; used whatever the schemas say, so metadata is right even for kinds
// whose schema has not landed.
const OBJECT_META: Shape = {
  o: [
    'name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp',
    'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields',
  ],
};
const TOP_ORDER = ['kind', 'apiVersion', 'metadata', 'spec', 'status'];

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function order(value: unknown, shape: Shape | undefined, shapes: Record<string, Shape>): unknown {
  if (Array.isArray(value)) {
    const item = shape?.i ? shapes[shape.i] : undefined;
    return item ? value.map((v) => order(v, item, shapes)) : value;
  }
  if (!isPlainObject(value) || !shape) return value;
  const out: Record<string, unknown> = {};
  if (shape.o) {
    for (const k of shape.o) if (k in value) out[k] = order(value[k], shape.p?.[k] ? shapes[shape.p[k]] : undefined, shapes);
    // Fields the schema does not know keep their place after the known ones.
    for (const k of Object.keys(value)) if (!(k in out)) out[k] = value[k];
    return out;
  }
  if (shape.sorted || shape.m) {
    const valueShape = shape.m ? shapes[shape.m] : undefined;
    for (const k of Object.keys(value).sort(compareBytes)) out[k] = order(value[k], valueShape, shapes);
    return out;
  }
  return value;
}

/** Go sorts map keys bytewise (UTF-8), which for our keys equals code-unit order. */
export function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Returns a copy of a resource (or `<Kind>List`) with Go's field order at every level the schemas describe. */
export function toGoOrder<T>(resource: T): T {
  if (!isPlainObject(resource)) return resource;
  const {kinds, shapes} = fieldOrder();
  const kind = String(resource.kind ?? '');
  if (kind.endsWith('List') && Array.isArray(resource.items)) {
    const out: Record<string, unknown> = {};
    for (const k of ['kind', 'apiVersion', 'metadata', 'items']) if (k in resource) out[k] = k === 'items' ? (resource.items as unknown[]).map((i) => toGoOrder(i)) : resource[k];
    for (const k of Object.keys(resource)) if (!(k in out)) out[k] = resource[k];
    return out as T;
  }
  const kindShape = kinds[kind] ? shapes[kinds[kind]] : undefined;
  const out: Record<string, unknown> = {};
  for (const k of TOP_ORDER) {
    if (!(k in resource)) continue;
    if (k === 'metadata') out[k] = orderMetadata(resource[k]);
    else if (k === 'spec' || k === 'status') out[k] = order(resource[k], kindShape?.p?.[k] ? shapes[kindShape.p[k]] : undefined, shapes);
    else out[k] = resource[k];
  }
  for (const k of Object.keys(resource)) if (!(k in out)) out[k] = resource[k];
  return out as T;
}

function orderMetadata(meta: unknown): unknown {
  if (!isPlainObject(meta)) return meta;
  const out = order(meta, OBJECT_META, {}) as Record<string, unknown>;
  for (const k of ['labels', 'annotations']) if (isPlainObject(out[k])) out[k] = order(out[k], MAP, {});
  return out;
}

/**
 * JSON as Go's encoding/json writes it: `&`, `<`, `>` (and U+2028/2029) escaped. Compact unless an
 * indent is given (json.MarshalIndent). These characters can only occur inside JSON strings, so a
 * textual replacement is exact.
 */
export function goJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent)
    .replace(/&/g, '\\u0026')
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function applyDefaultsAt(value: unknown, shape: Shape | undefined, shapes: Record<string, Shape>): void {
  if (!shape) return;
  if (Array.isArray(value)) {
    const item = shape.i ? shapes[shape.i] : undefined;
    if (item) for (const v of value) applyDefaultsAt(v, item, shapes);
    return;
  }
  if (!isPlainObject(value)) return;
  for (const [k, d] of Object.entries((shape as Shape & {d?: Record<string, unknown>}).d ?? {})) {
    if (value[k] === undefined || value[k] === null) value[k] = structuredClone(d);
  }
  for (const [k, id] of Object.entries(shape.p ?? {})) if (k in value) applyDefaultsAt(value[k], shapes[id], shapes);
  if (shape.m) for (const v of Object.values(value)) applyDefaultsAt(v, shapes[shape.m], shapes);
}

/**
 * Applies the CRD schema `default` values (in place) to the spec of a resource, only where the parent
 * object exists, as the API server's structural defaulting (which 3.32's etcd client runs in-process) does.
 */
export function applySchemaDefaults(resource: {kind: string; spec?: unknown}): void {
  const {kinds, shapes} = fieldOrder();
  const kindShape = kinds[resource.kind] ? shapes[kinds[resource.kind]] : undefined;
  const specShape = kindShape?.p?.spec ? shapes[kindShape.p.spec] : undefined;
  if (resource.spec !== undefined) applyDefaultsAt(resource.spec, specShape, shapes);
}
