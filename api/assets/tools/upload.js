// Uploads each chosen file in turn to POST /v1/documents (the API's ingest path, one file at a
// time as it asks) and shows every file's outcome in the page's language.
(() => {
  const form = document.getElementById('upload-form');
  if (!form) return;
  const text = JSON.parse(form.dataset.text);
  const results = document.getElementById('upload-results');
  const problem = document.getElementById('upload-error');
  const visibility = document.getElementById('upload-visibility');
  const enterprise = document.getElementById('upload-enterprise');
  const ALLOWED = /\.(pdf|docx|txt|md|markdown)$/i;
  const fill = (s, vars) =>
    s.replace(/\{(\w+)\}/g, (all, k) => (vars[k] === undefined ? all : String(vars[k])));
  const ERRORS = {
    400: 'errInvalid',
    401: 'errSignedOut',
    403: 'errForbidden',
    413: 'errTooLarge',
    415: 'errType',
    422: 'errUnreadable',
    429: 'errBusy',
  };
  const OK = {
    added: 'resultAdded',
    updated: 'resultUpdated',
    unchanged: 'resultUnchanged',
    duplicate: 'resultDuplicate',
  };

  visibility?.addEventListener('change', () => {
    if (enterprise) enterprise.hidden = visibility.value !== 'enterprise';
  });

  const line = (file) => {
    const li = document.createElement('li');
    li.dataset.state = 'reading';
    const name = document.createElement('strong');
    name.textContent = file.name;
    const status = document.createElement('span');
    status.className = 'status';
    status.textContent = text.uploading;
    li.append(name, ' ', status);
    results.append(li);
    return { li, status };
  };

  const fail = (row, key, detail) => {
    row.li.dataset.state = 'failed';
    row.status.className = 'status error-text';
    row.status.textContent = text[key];
    if (detail) {
      const more = document.createElement('details');
      const summary = document.createElement('summary');
      summary.textContent = text.details;
      more.append(summary, detail);
      row.li.append(more);
    }
  };

  const send = async (file, chosen) => {
    const row = line(file);
    if (!ALLOWED.test(file.name)) return fail(row, 'errType');
    const body = new FormData();
    body.append('file', file);
    if (chosen) body.append('visibility', chosen);
    let res;
    try {
      res = await fetch('/v1/documents', { method: 'POST', body, headers: { Accept: 'application/json' } });
    } catch {
      return fail(row, 'errNetwork');
    }
    const answer = await res.json().catch(() => ({}));
    if (res.status !== 201) return fail(row, ERRORS[res.status] ?? 'errServer', answer.detail);
    row.li.dataset.state = answer.status;
    row.li.dataset.doc = answer.docId ?? '';
    row.status.className = 'status ok';
    row.status.textContent = fill(text[OK[answer.status]] ?? answer.status, {
      chunks: answer.chunks ?? 0,
      chars: answer.chars ?? 0,
    });
    if (answer.docId) {
      const a = document.createElement('a');
      a.href = form.dataset.docHref.replace('__DOC__', encodeURIComponent(answer.docId));
      a.textContent = text.openDocument;
      row.li.append(' ', a);
    }
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    problem.textContent = '';
    const files = [...form.querySelector('input[type=file]').files];
    let chosen = visibility?.value;
    if (chosen === 'enterprise') {
      const picked = enterprise.querySelector('input[type=hidden]').value;
      if (!picked) {
        problem.textContent = text.needEnterprise;
        return;
      }
      chosen = picked;
    }
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    results.replaceChildren();
    for (const file of files) await send(file, chosen);
    button.disabled = false;
    form.dataset.done = String(Date.now());
  });
})();
