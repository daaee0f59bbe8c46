// JSON merge patch (RFC 7386) plus the strategic-merge `$patch` directives calicoctl users may send.
// Calico's types carry no patch-strategy tags, so strategic merge behaves as a merge patch: objects
// merge recursively, null deletes a key, arrays are replaced.

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const directive = patch.$patch;
  if (directive === 'delete') return undefined;
  if (directive === 'replace') {
    const rest = {...patch};
    delete rest.$patch;
    return rest;
  }
  const out: Record<string, unknown> = isObject(target) ? {...target} : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k === '$patch') continue;
    if (v === null) delete out[k];
    else {
      const merged = mergePatch(out[k], v);
      if (merged === undefined) delete out[k];
      else out[k] = merged;
    }
  }
  return out;
}
