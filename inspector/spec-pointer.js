// Why a journaled request was refused, or why its response broke the contract, and where the rule
// lives in the OpenAPI document the mock served (GET /__mock/openapi/{version}).

const escape = (segment) => String(segment).replace(/~/g, '~0').replace(/\//g, '~1');

function resolve(doc, value, depth = 0) {
  if (!value || typeof value !== 'object' || typeof value.$ref !== 'string' || depth > 20) return value;
  const parts = value.$ref.replace(/^#\//, '').split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  return resolve(doc, parts.reduce((node, key) => node?.[key], doc), depth + 1);
}

/** The schema a dotted param (`profile_picture.id`) names inside a body schema, with its pointer. */
function bodyField(doc, schema, pointer, param) {
  let node = resolve(doc, schema);
  let at = pointer;
  for (const name of param.split('.')) {
    if (/^\d+$/.test(name) && node?.items) {
      node = resolve(doc, node.items);
      at += '/items';
      continue;
    }
    const props = node?.properties;
    if (!props || !(name in props)) return null;
    node = resolve(doc, props[name]);
    at += `/properties/${escape(name)}`;
  }
  return { pointer: at, schema: node };
}

/** The value a JSON pointer (`#/components/schemas/User/...`) names in the served document. */
function at(doc, pointer) {
  return pointer.replace(/^#\//, '').split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~')).reduce((node, key) => node?.[key], doc);
}

export function explain(entry, doc) {
  const error = entry.response_body?.error;
  const op = entry.path_template && entry.method ? `#/paths/${escape(entry.path_template)}/${entry.method.toLowerCase()}` : null;
  const opNode = doc && entry.path_template ? doc.paths?.[entry.path_template]?.[entry.method.toLowerCase()] : undefined;
  if (entry.validation && entry.validation.valid === false) {
    const lines = [`The response broke the spec at ${entry.validation.pointer || '/'}: ${entry.validation.rule}.`,
      entry.withheld_response ? `In strict mode the mock answered 500 instead of sending it (the ${entry.withheld_response.status} it withheld is kept below).` : entry.status === 500 && error?.type === 'mock_contract_violation' ? 'In strict mode the mock answered 500 instead of sending it.' : 'It was sent as it was (--validate-responses warn), flagged with X-Mock-Contract-Violation.'];
    // The schema keyword the first error broke, and the schema that holds it.
    const first = entry.validation.errors?.find((e) => e.schema_pointer)?.schema_pointer;
    if (first) return { ok: false, title: 'Contract violation (the response)', lines, pointer: first, schema: doc ? at(doc, first.replace(/\/[^/]*$/, '')) : undefined };
    return { ok: false, title: 'Contract violation (the response)', lines, pointer: op ? `${op}/responses` : null, schema: opNode?.responses ? Object.keys(opNode.responses) : undefined };
  }
  if (entry.status === null) return { ok: false, title: 'Dropped by a fault rule', lines: [`Fault ${entry.fault_id} closed the connection without an answer.`], pointer: null };
  if (!error || entry.status < 400) {
    const passed = entry.fault_id ? [`Fault rule ${entry.fault_id} let it through${entry.fault_step === null || entry.fault_step === undefined ? '' : ` (step ${entry.fault_step + 1} of its sequence)`}.`] : [];
    return { ok: true, title: entry.validation?.valid ? 'Valid: the request and the response match the spec' : 'Answered', lines: passed, pointer: op };
  }
  const lines = [`${error.type} · ${error.code}${error.param ? ` · param ${error.param}` : ''}`, error.message];
  if (entry.fault_id) lines.push(`Forced by fault rule ${entry.fault_id}${entry.fault_step === null || entry.fault_step === undefined ? '' : `, step ${entry.fault_step + 1} of its sequence`}.`);
  if (!doc) return { ok: false, title: `Refused with ${entry.status}`, lines, pointer: op };
  if (error.code === 'invalid_api_version') return { ok: false, title: 'Unknown API version', lines, pointer: '#/info/x-api-version-dates', schema: doc.info?.['x-api-version-dates'] };
  if (error.code === 'route_not_found' || error.code === 'method_not_allowed') return { ok: false, title: `No such operation (${entry.status})`, lines, pointer: '#/paths', schema: Object.keys(doc.paths ?? {}) };
  if (entry.status === 401 || entry.status === 403) {
    const security = opNode?.security ?? doc.security;
    return { ok: false, title: `Refused with ${entry.status}`, lines, pointer: op ? `${op}/security` : '#/security', schema: security };
  }
  if (entry.status === 400 && error.param && opNode) {
    const top = error.param.split('.')[0];
    const params = [...(opNode.parameters ?? []).map((p, i) => [resolve(doc, p), `${op}/parameters/${i}`]),
      ...(doc.paths[entry.path_template].parameters ?? []).map((p, i) => [resolve(doc, p), `#/paths/${escape(entry.path_template)}/parameters/${i}`])];
    const param = params.find(([p]) => p?.name === top || p?.name === error.param);
    if (param) return { ok: false, title: 'Invalid request (a parameter)', lines, pointer: param[1], schema: param[0].schema ? resolve(doc, param[0].schema) : param[0] };
    const body = opNode.requestBody ? resolve(doc, opNode.requestBody)?.content?.['application/json'] : undefined;
    if (body?.schema) {
      const base = `${op}/requestBody/content/application~1json/schema`;
      const field = bodyField(doc, body.schema, base, error.param);
      if (field) return { ok: false, title: 'Invalid request (the body)', lines, pointer: field.pointer, schema: field.schema };
      return { ok: false, title: 'Invalid request (the body)', lines: [...lines, `"${error.param}" is not a field this version's body declares.`], pointer: base, schema: Object.keys(resolve(doc, body.schema)?.properties ?? {}) };
    }
  }
  return { ok: false, title: `Refused with ${entry.status}`, lines, pointer: op ? `${op}/responses/${entry.status}` : null, schema: opNode?.responses?.[entry.status] ? resolve(doc, opNode.responses[entry.status]) : undefined };
}
