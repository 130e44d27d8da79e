// Renders /openapi.json as a browsable list of operations; no third-party assets.
(async () => {
  const main = document.getElementById('docs');
  const spec = await (await fetch('/openapi.json')).json();
  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    for (const c of children) node.append(c);
    return node;
  };
  const resolve = (schema) => {
    if (schema?.$ref) return spec.components.schemas[schema.$ref.split('/').pop()] ?? schema;
    return schema;
  };
  main.replaceChildren(
    el('h1', {}, spec.info.title, ' ', el('small', {}, spec.info.version)),
    el('p', { class: 'hint' }, spec.info.description),
    el('p', {}, el('a', { href: '/openapi.json' }, 'openapi.json')),
  );
  const byTag = new Map();
  for (const [path, ops] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = op.tags?.[0] ?? 'other';
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag).push({ path, method, op });
    }
  }
  for (const [tag, ops] of byTag) {
    main.append(el('h2', {}, tag));
    for (const { path, method, op } of ops) {
      const body = el('div', { class: 'body' });
      if (op.security?.length)
        body.append(el('p', { class: 'hint' }, 'Requires Authorization: Bearer <key>'));
      const params = op.parameters ?? [];
      if (params.length) {
        const rows = params.map((p) =>
          el(
            'tr',
            {},
            el('td', {}, el('code', {}, p.name)),
            el('td', {}, p.in),
            el('td', {}, p.required ? 'required' : ''),
            el('td', {}, JSON.stringify(p.schema ?? {})),
          ),
        );
        body.append(el('table', {}, el('tbody', {}, ...rows)));
      }
      const reqBody = op.requestBody?.content;
      if (reqBody) {
        for (const [type, media] of Object.entries(reqBody)) {
          body.append(
            el('p', {}, `Request body (${type})`),
            el('pre', {}, JSON.stringify(resolve(media.schema), null, 2)),
          );
        }
      }
      for (const [status, res] of Object.entries(op.responses ?? {})) {
        const media = Object.entries(res.content ?? {})[0];
        body.append(el('p', {}, el('strong', {}, status), ' ', res.description ?? ''));
        if (media && status.startsWith('2'))
          body.append(el('pre', {}, JSON.stringify(resolve(media[1].schema), null, 2)));
      }
      main.append(
        el(
          'details',
          { class: 'op' },
          el(
            'summary',
            {},
            el('span', { class: `method ${method}` }, method.toUpperCase()),
            el('code', {}, path),
            ' ',
            op.summary ?? '',
          ),
          body,
        ),
      );
    }
  }
})();
