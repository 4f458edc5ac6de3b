// The search box's suggestions: an ARIA 1.2 combobox with a listbox popup, fed by /api/suggest.
import { el, getJson, SUGGESTION_KINDS } from './common.js';

const DELAY_MS = 120;

/** Wires suggestions to a search input; choosing one fills the box and submits its form. */
export function attachSuggestions(input, list) {
  let timer = 0;
  let latest = 0;
  let active = -1;
  let items = [];

  const close = () => {
    list.hidden = true;
    list.replaceChildren();
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
    items = [];
  };

  const choose = (item) => {
    input.value = item.text;
    close();
    input.form.requestSubmit();
  };

  const highlight = (index) => {
    const options = list.querySelectorAll('[role=option]');
    options.forEach((option, i) => option.setAttribute('aria-selected', i === index ? 'true' : 'false'));
    active = index;
    if (index >= 0) {
      input.setAttribute('aria-activedescendant', options[index].id);
      options[index].scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  };

  const render = (suggestions) => {
    items = suggestions;
    if (suggestions.length === 0) {
      close();
      return;
    }
    list.replaceChildren(...suggestions.map((item, i) => el('li', {
      id: 'suggestion-' + i, role: 'option', 'aria-selected': 'false', class: 'suggestion',
      'data-kind': item.kind,
      // mousedown, not click: the input's blur would otherwise close the list first.
      onmousedown: (event) => { event.preventDefault(); choose(item); },
    },
    el('span', { class: 'suggestion-text' }, item.text),
    item.pinyin ? el('span', { class: 'suggestion-pinyin', lang: 'zh-Latn-pinyin' }, item.pinyin) : null,
    el('span', { class: 'suggestion-kind' }, SUGGESTION_KINDS[item.kind] || item.kind, ' · ', item.count, ' 条'))));
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    active = -1;
  };

  const fetchSuggestions = async () => {
    const q = input.value.trim();
    const ticket = ++latest;
    if (q.length === 0 || q.length > 100) {
      close();
      return;
    }
    try {
      const body = await getJson('/api/suggest?size=8&q=' + encodeURIComponent(q));
      if (ticket === latest && document.activeElement === input) render(body.suggestions);
    } catch (e) {
      if (ticket === latest) close();
    }
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(fetchSuggestions, DELAY_MS);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' && items.length) {
      event.preventDefault();
      highlight((active + 1) % items.length);
    } else if (event.key === 'ArrowUp' && items.length) {
      event.preventDefault();
      highlight(active <= 0 ? items.length - 1 : active - 1);
    } else if (event.key === 'Enter' && active >= 0) {
      event.preventDefault();
      choose(items[active]);
    } else if (event.key === 'Escape') {
      // Escape in a search field also clears it; with the list open it should only close the list.
      if (!list.hidden) event.preventDefault();
      close();
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 100));
}
