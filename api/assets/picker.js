// Name pickers: an input with data-suggest="Product,Enterprise,…" fills its datalist with the
// names the server finds as the user types, so nobody has to know an id.
const DELAY_MS = 150;

for (const input of document.querySelectorAll('input[data-suggest]')) {
  const list = input.list;
  if (!list) continue;
  const labels = input.dataset.labels ? JSON.parse(input.dataset.labels) : {};
  let timer;
  let asked = '';
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = input.value.trim();
      if (!q || q === asked) return;
      asked = q;
      const params = new URLSearchParams({ q, types: input.dataset.suggest });
      const res = await fetch(`/portal/suggest?${params}`, { headers: { Accept: 'application/json' } });
      if (!res.ok || q !== input.value.trim()) return;
      const { items } = await res.json();
      list.replaceChildren(
        ...items.map((item) => {
          const option = document.createElement('option');
          option.value = item.name;
          if (labels[item.type]) option.label = labels[item.type];
          return option;
        }),
      );
    }, DELAY_MS);
  });
}
