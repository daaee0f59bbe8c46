// Building blocks for the per-kind table columns in src/lib/registry/kinds/*.ts. Each reproduces what one
// of calicoctl's column templates prints for a Go field of a given type when the JSON holds (or omits) it.
import type {CalicoResource} from '../resource.js';
import type {ColumnValue, KindColumns} from '../registry/types.js';
import {formatGoFloat, formatGoValue, joinAndTruncate} from './go-format.js';

function spec(r: CalicoResource): Record<string, any> {
  return (r.spec ?? {}) as Record<string, any>;
}

export const nameCell: ColumnValue = (r) => r.metadata?.name ?? '';
export const namespaceCell: ColumnValue = (r) => r.metadata?.namespace ?? '';

/** A Go `string` spec field: absent prints as the empty string. */
export function specString(field: string): ColumnValue {
  return (r) => {
    const v = spec(r)[field];
    return v === undefined || v === null ? '' : formatGoValue(v);
  };
}

/** A Go `bool` spec field: absent prints `false`. */
export function specBool(field: string): ColumnValue {
  return (r) => (spec(r)[field] ? 'true' : 'false');
}

/** A Go integer spec field (non-pointer): absent prints `0`. */
export function specInt(field: string): ColumnValue {
  return (r) => formatGoValue(spec(r)[field] ?? 0);
}

/** A Go pointer spec field printed directly: absent prints `<nil>`. */
export function specPointer(field: string): ColumnValue {
  return (r) => formatGoValue(spec(r)[field]);
}

/** A Go `*float64` spec field (policy and tier order): `<nil>` or `%v` (1000000 → 1e+06). */
export function specFloatPointer(field: string): ColumnValue {
  return (r) => {
    const v = spec(r)[field];
    return typeof v === 'number' ? formatGoFloat(v) : formatGoValue(v);
  };
}

/** `{{if .Spec.X}}{{.Spec.X}}{{else}}fallback{{end}}` for a pointer or string field. */
export function specOr(field: string, fallback: string, pointer = false): ColumnValue {
  return (r) => {
    const v = spec(r)[field];
    const set = pointer ? v !== undefined && v !== null : Boolean(v);
    return set ? formatGoValue(v) : fallback;
  };
}

/** `{{len .Spec.X}}` of a slice. */
export function specLen(field: string): ColumnValue {
  return (r) => {
    const v = spec(r)[field];
    return String(Array.isArray(v) ? v.length : 0);
  };
}

/** `{{join .Spec.X ","}}` (map fields as sorted `k=v`). */
export function specJoin(field: string, isMap = false): ColumnValue {
  return (r) => joinAndTruncate(spec(r)[field], ',', 0, isMap);
}

/** `{{joinAndTruncate .Spec.X "," 80}}`. */
export function specJoinTruncated(field: string, maxLen = 80): ColumnValue {
  return (r) => joinAndTruncate(spec(r)[field], ',', maxLen);
}

/** Go's String() of a Kubernetes LabelSelector (gogo-protobuf generated), as `{{.Spec.PodSelector}}` prints it. */
export function labelSelectorString(sel: unknown): string {
  const s = (sel ?? {}) as {matchLabels?: Record<string, string>; matchExpressions?: {key?: string; operator?: string; values?: string[]}[]};
  let exprs = '[]LabelSelectorRequirement{';
  for (const e of s.matchExpressions ?? []) {
    exprs += `LabelSelectorRequirement{Key:${e.key ?? ''},Operator:${e.operator ?? ''},Values:${formatGoValue(e.values ?? [])},},`;
  }
  exprs += '}';
  let labels = 'map[string]string{';
  for (const k of Object.keys(s.matchLabels ?? {}).sort()) labels += `${k}: ${s.matchLabels![k]},`;
  labels += '}';
  return `&LabelSelector{MatchLabels:${labels},MatchExpressions:${exprs},}`;
}

/** The columns of every Calico policy kind (global, namespaced and staged): NAME TIER [ORDER SELECTOR]. */
export function policyColumns(namespaced: boolean): KindColumns {
  return {
    ps: ['NAME', 'TIER'],
    wide: ['NAME', 'TIER', 'ORDER', 'SELECTOR'],
    values: {
      NAME: nameCell,
      ...(namespaced ? {NAMESPACE: namespaceCell} : {}),
      ORDER: specFloatPointer('order'),
      SELECTOR: specString('selector'),
      TIER: specString('tier'),
    },
  };
}
