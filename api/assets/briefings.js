// The cockpit's briefing section: requests a briefing, then polls each of the user's recent jobs
// until it is ready and links its download. Job ids stay in this browser, per user.
(() => {
  const section = document.getElementById('briefings');
  const form = document.getElementById('briefing-form');
  const list = document.getElementById('briefing-list');
  if (!section || !form || !list) return;
  const text = JSON.parse(section.dataset.text);
  const storeKey = `ib_briefings:${section.dataset.user}`;
  const POLL_MS = 1500;
  const KEEP = 10;

  const load = () => {
    try {
      return JSON.parse(localStorage.getItem(storeKey) ?? '[]');
    } catch {
      return [];
    }
  };
  const save = (jobs) => localStorage.setItem(storeKey, JSON.stringify(jobs.slice(0, KEEP)));
  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    for (const c of children) node.append(c);
    return node;
  };

  const KIND = {
    product: text.product,
    enterprise: text.enterpriseKind,
    industry: text.industry,
    region: text.regionKind,
  };
  // "product:动力电池" reads "动力电池 (产品)": the scope syntax stays out of the list.
  const scopeName = (scope) => {
    const at = scope.indexOf(':');
    const kind = KIND[scope.slice(0, at)];
    if (!kind) return scope;
    const name = scope.slice(at + 1);
    return document.documentElement.lang.startsWith('zh') ? `${name}（${kind}）` : `${name} (${kind})`;
  };

  const render = () => {
    const jobs = load();
    list.replaceChildren(
      ...(jobs.length === 0
        ? [el('li', { class: 'empty' }, text.noBriefings)]
        : jobs.map((j) => {
            const state = el('span', { class: `state ${j.state}` }, text[j.state] ?? j.state);
            const links = j.downloads
              ? Object.entries(j.downloads).map(([format, href]) =>
                  el(
                    'a',
                    { href, class: 'download', download: '' },
                    `${text.download} ${format.toUpperCase()}`,
                  ),
                )
              : [];
            const percent = j.state === 'running' && j.percent ? ` ${j.percent}%` : '';
            return el(
              'li',
              { 'data-job': j.id, 'data-state': j.state },
              el('strong', {}, scopeName(j.scope)),
              el(
                'small',
                { class: 'muted' },
                ` ${j.lang.toUpperCase()} · ${new Date(j.at).toLocaleString(document.documentElement.lang)}`,
              ),
              state,
              percent,
              ...(j.error ? [el('span', { class: 'error' }, j.error)] : []),
              ...links,
            );
          })),
    );
  };

  const update = (id, patch) => {
    save(load().map((j) => (j.id === id ? { ...j, ...patch } : j)));
    render();
  };

  const poll = async (id) => {
    const res = await fetch(`/v1/jobs/${encodeURIComponent(id)}`, {
      headers: { Accept: 'application/json' },
    });
    if (res.status === 404) {
      save(load().filter((j) => j.id !== id));
      render();
      return;
    }
    if (!res.ok) return setTimeout(() => poll(id), POLL_MS * 4);
    const job = await res.json();
    update(id, {
      state: job.state,
      percent: job.progress?.percent,
      ...(job.error ? { error: job.error } : {}),
      ...(job.briefing ? { downloads: job.briefing.downloads } : {}),
    });
    if (job.state === 'queued' || job.state === 'running') setTimeout(() => poll(id), POLL_MS);
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const message = document.getElementById('briefing-error');
    message.textContent = '';
    const data = new FormData(form);
    const body = { scope: data.get('scope'), formats: [data.get('format')], lang: data.get('lang') };
    const res = await fetch('/v1/briefings', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
    });
    const answer = await res.json();
    if (res.status !== 202) {
      // The API's problem text is English; the page says it in its own language.
      message.textContent =
        res.status === 404
          ? text.scopeNotFound
          : res.status === 409
            ? text.scopeAmbiguous
            : res.status === 400 || res.status === 422
              ? text.scopeInvalid
              : text.requestFailed;
      return;
    }
    save([
      { id: answer.jobId, scope: body.scope, lang: body.lang, state: 'queued', at: Date.now() },
      ...load(),
    ]);
    render();
    poll(answer.jobId);
  });

  render();
  for (const j of load()) if (j.state === 'queued' || j.state === 'running') poll(j.id);
})();
