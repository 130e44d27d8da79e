// Marks the cited passage (#chunk-N) of a document and brings it into view; the anchor alone
// scrolls there without this script.
(() => {
  const mark = () => {
    const m = /^#chunk-(\d+)$/.exec(location.hash);
    const text = document.getElementById('doc-text');
    if (!text) return;
    for (const el of text.querySelectorAll('.seg.hit')) el.classList.remove('hit');
    if (!m) return;
    const hits = text.querySelectorAll(`.seg[data-chunks~="${m[1]}"]`);
    for (const el of hits) el.classList.add('hit');
    text.setAttribute('data-highlighted', m[1]);
    hits[0]?.scrollIntoView({ block: 'center' });
  };
  window.addEventListener('hashchange', mark);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mark);
  else mark();
})();
