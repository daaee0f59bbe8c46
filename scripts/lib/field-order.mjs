// Derives Go struct field order from the JSON Schemas' property order (the schemas list properties in
// Go declaration order). Output: {kinds: {Kind: shapeId}, shapes: {id: {o?, p?, i?, m?, sorted?}}}
//   o: property names in order; p: property -> shape id; i: array item shape; m: map value shape;
//   sorted: the object is a Go map (keys are written sorted); d: property -> CRD default value.
// Used by src/lib/codec/go-order.ts for storage values and the JSON printer.

export function buildFieldOrder(schemas) {
  const byId = new Map(schemas.map((s) => [s.$id, s]));
  const shapes = {};
  const memo = new Map();
  let counter = 0;

  function resolvePointer(root, pointer) {
    let node = root;
    for (const part of pointer.split('/').filter(Boolean)) node = node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    return node;
  }

  function resolveRef(ref, baseId) {
    const [file, pointer = ''] = ref.split('#');
    const id = file || baseId;
    const root = byId.get(id);
    if (!root) return undefined;
    return {schema: resolvePointer(root, pointer), baseId: id, key: `${id}#${pointer}`};
  }

  // Returns a shape id, or undefined when the schema carries no ordering information (scalars).
  function shapeOf(schema, baseId) {
    if (!schema || typeof schema !== 'object') return undefined;
    if (schema.$ref) {
      const r = resolveRef(schema.$ref, baseId);
      if (!r || !r.schema) return undefined;
      if (memo.has(r.key)) return memo.get(r.key);
      const id = r.key;
      memo.set(r.key, id); // reserve first: recursive definitions refer back to themselves
      const shape = buildShape(r.schema, r.baseId);
      if (shape) shapes[id] = shape;
      else {
        memo.set(r.key, undefined);
        return undefined;
      }
      return id;
    }
    const shape = buildShape(schema, baseId);
    if (!shape) return undefined;
    const id = `_${counter++}`;
    shapes[id] = shape;
    return id;
  }

  function buildShape(schema, baseId) {
    const order = [];
    const props = {};
    const defaults = {};
    let items;
    let mapValues;
    let sorted = false;
    const visit = (s, base) => {
      if (!s || typeof s !== 'object') return;
      if (s.$ref) {
        const r = resolveRef(s.$ref, base);
        if (r?.schema) visit(r.schema, r.baseId);
        return;
      }
      for (const [name, sub] of Object.entries(s.properties ?? {})) {
        if (!order.includes(name)) order.push(name);
        const child = shapeOf(sub, base);
        if (child && !props[name]) props[name] = child;
        const def = sub && typeof sub === 'object' && 'default' in sub ? sub.default : undefined;
        if (def !== undefined && !(name in defaults)) defaults[name] = def;
      }
      if (s.items && !Array.isArray(s.items)) items ??= shapeOf(s.items, base);
      if (s.additionalProperties && typeof s.additionalProperties === 'object') {
        sorted = true;
        mapValues ??= shapeOf(s.additionalProperties, base);
      }
      for (const k of ['allOf', 'anyOf', 'oneOf']) for (const sub of s[k] ?? []) visit(sub, base);
      if (s.then) visit(s.then, base);
      if (s.else) visit(s.else, base);
    };
    visit(schema, baseId);
    if (!order.length && !items && !mapValues && !sorted) return undefined;
    const shape = {};
    if (order.length) shape.o = order;
    if (Object.keys(props).length) shape.p = props;
    if (Object.keys(defaults).length) shape.d = defaults;
    if (items) shape.i = items;
    if (mapValues) shape.m = mapValues;
    if (sorted && !order.length) shape.sorted = true;
    return shape;
  }

  const kinds = {};
  for (const s of schemas) {
    const kind = s['x-calico-kind'];
    if (!kind) continue;
    const id = shapeOf({$ref: `${s.$id}#`}, s.$id);
    if (id) kinds[kind] = id;
  }
  return {kinds, shapes};
}
