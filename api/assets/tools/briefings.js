// The briefing history: rows still queued or running are polled until done, then get their links.
(() => {
  const box = document.getElementById('briefing-poll');
  if (!box) return;
  const text = JSON.parse(box.dataset.text);
  const POLL_MS = 1500;

  const poll = async (row) => {
    const id = row.dataset.job;
    let job;
    try {
      const res = await fetch(`/v1/jobs/${encodeURIComponent(id)}`, {
        headers: { Accept: 'application/json' },
      });
      if (!res.ok) return setTimeout(() => poll(row), POLL_MS * 4);
      job = await res.json();
    } catch {
      return setTimeout(() => poll(row), POLL_MS * 4);
    }
    row.dataset.state = job.state;
    const cell = row.querySelector('.job-state');
    const state = document.createElement('span');
    state.className = `state ${job.state}`;
    state.textContent = text[job.state] ?? job.state;
    const parts = [state];
    if (job.state === 'running') parts.push(` ${Math.round(job.progress?.percent ?? 0)}%`);
    cell.replaceChildren(...parts);
    if (job.briefing) {
      const risk = document.createElement('small');
      risk.className = 'muted';
      risk.textContent = ` ${text.riskScore.replace('{score}', Math.round(job.briefing.score))}`;
      cell.append(risk);
      const links = Object.entries(job.briefing.downloads).map(([format, href]) => {
        const a = document.createElement('a');
        a.className = 'download';
        a.href = href;
        a.setAttribute('download', '');
        a.textContent = format.toUpperCase();
        return a;
      });
      row.querySelector('.job-downloads').replaceChildren(...links);
    }
    if (job.state === 'queued' || job.state === 'running') setTimeout(() => poll(row), POLL_MS);
  };

  // Times come as UTC instants; the reader sees their own clock.
  for (const time of box.querySelectorAll('time[datetime]')) {
    time.textContent = new Date(time.dateTime).toLocaleString(document.documentElement.lang, {
      dateStyle: 'short',
      timeStyle: 'short',
    });
  }

  for (const row of box.querySelectorAll('tr[data-state="queued"], tr[data-state="running"]')) poll(row);
})();
