// Name pickers of the analyst tools: suggestions from /tools/entities as one types; the pick's id
// goes to the hidden field beside the box, so the server never guesses among namesakes.
(() => {
  const root = document.querySelector('.tool');
  if (!root) return;
  const text = JSON.parse(root.dataset.pickerText || '{}');
  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    for (const c of children) node.append(c);
    return node;
  };

  const setup = (picker) => {
    const input = picker.querySelector('input[type=text]');
    const hidden = picker.querySelector('input[type=hidden]');
    const list = picker.querySelector('.picker-list');
    let timer = 0;
    let asked = 0;
    let active = -1;

    const close = () => {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      active = -1;
    };
    const choose = (hit) => {
      input.value = hit.name;
      hidden.value = hit.id;
      close();
      picker.dispatchEvent(new CustomEvent('picked', { bubbles: true, detail: hit }));
    };
    const mark = () => {
      [...list.children].forEach((li, i) => {
        li.setAttribute('aria-selected', String(i === active));
      });
    };
    const show = (hits) => {
      list.replaceChildren(
        ...(hits.length === 0
          ? [el('div', { class: 'none' }, text.noMatch ?? '')]
          : hits.map((hit) => {
              const li = el(
                'div',
                { role: 'option', 'data-id': hit.id },
                el('span', { class: 'name' }, hit.name),
                el(
                  'small',
                  {},
                  [text[`type${hit.type}`] ?? hit.type, hit.province].filter(Boolean).join(' · '),
                ),
              );
              li.addEventListener('mousedown', (event) => {
                event.preventDefault();
                choose(hit);
              });
              li.hit = hit;
              return li;
            })),
      );
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
      active = -1;
    };
    const search = async () => {
      const q = input.value.trim();
      if (!q) return close();
      const mine = ++asked;
      const params = new URLSearchParams({ q, types: picker.dataset.types });
      try {
        const res = await fetch(`/tools/entities?${params}`, { headers: { Accept: 'application/json' } });
        if (!res.ok || mine !== asked) return;
        show((await res.json()).hits);
      } catch {
        close();
      }
    };

    input.addEventListener('input', () => {
      hidden.value = '';
      clearTimeout(timer);
      timer = setTimeout(search, 150);
    });
    input.addEventListener('keydown', (event) => {
      const items = [...list.querySelectorAll('[role=option]')];
      if (list.hidden || items.length === 0) return;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        active = (active + (event.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length;
        mark();
      } else if (event.key === 'Enter' && active >= 0) {
        event.preventDefault();
        choose(items[active].hit);
      } else if (event.key === 'Escape') {
        close();
      }
    });
    input.addEventListener('blur', () => setTimeout(close, 150));
    picker.reset = () => {
      input.value = '';
      hidden.value = '';
      close();
    };
  };

  for (const picker of document.querySelectorAll('.picker')) setup(picker);

  // A scenario row's kind decides what its picker offers and whether it takes a percentage.
  for (const select of document.querySelectorAll('select.shock-kind')) {
    select.addEventListener('change', () => {
      const row = select.closest('fieldset');
      const option = select.selectedOptions[0];
      const picker = row.querySelector('.picker');
      if (picker.dataset.types !== option.dataset.types) {
        picker.dataset.types = option.dataset.types;
        picker.reset?.();
      }
      row.querySelector('.pct').hidden = option.dataset.percent !== 'true';
    });
  }
})();
