// The search page: reads the query from the address, asks /api/search, and renders hits, facets and pages.
// Every action (search, facet, page) is a plain link or form submission, so Back and bookmarks work.
import { el, getJson, highlighted, kindBadge, kindOf, LANGUAGES, recordHref } from './common.js';
import { attachSuggestions } from './suggest.js';

const FACETS = [
  ['kind', '类型'], ['county', '区县'], ['library', '图书馆'], ['source', '来源'], ['language', '语种'], ['year', '出版年'],
];
const PAGE_SIZE = 10;
// The API pages through at most 10 000 hits.
const MAX_WINDOW = 10000;

const params = new URLSearchParams(location.search);
const input = document.getElementById('q');
input.value = params.get('q') || '';
attachSuggestions(input, document.getElementById('suggestions'));

function urlWith(change) {
  const next = new URLSearchParams(params);
  change(next);
  return '/?' + next.toString();
}

function facetLabel(facet, value) {
  if (facet === 'kind') return kindOf(value).label;
  if (facet === 'language') return LANGUAGES[value] || value;
  return value;
}

function renderHit(hit) {
  const titleSnippet = hit.highlights && hit.highlights.title && hit.highlights.title[0];
  // A work's hit is shown by its best-matching record: the link opens that record, its copies listed with it.
  const title = el('a', { href: recordHref(hit.record || hit.id), class: 'hit-title' },
    titleSnippet ? highlighted(titleSnippet) : hit.title);
  const creators = hit.highlights && hit.highlights.creators ? hit.highlights.creators : null;
  const meta = el('p', { class: 'hit-meta' },
    kindBadge(hit.kind),
    creators ? el('span', { class: 'hit-creators' }, ...creators.map((c, i) => [i ? '；' : '', highlighted(c)]))
      : hit.creators.length ? el('span', { class: 'hit-creators' }, hit.creators.join('；')) : null,
    hit.year ? el('span', { class: 'hit-year' }, hit.year + ' 年') : null,
    hit.holdings ? el('span', { class: 'hit-holdings' }, hit.libraries + ' 馆藏 ' + hit.holdings + ' 册') : null);
  const more = [];
  for (const field of ['subjects', 'description']) {
    const snippets = hit.highlights && hit.highlights[field];
    if (snippets && snippets.length) {
      more.push(el('p', { class: 'hit-snippet' }, ...snippets.map((s, i) => [i ? ' … ' : '', highlighted(s)])));
    }
  }
  return el('li', { class: 'hit', 'data-id': hit.id }, el('h2', { class: 'hit-heading' }, title), meta, ...more);
}

function renderFacets(facets) {
  const form = document.getElementById('facets');
  const groups = [];
  for (const [facet, label] of FACETS) {
    const values = facets[facet] || [];
    const chosen = params.getAll(facet);
    if (values.length === 0 && chosen.length === 0) continue;
    const options = values.map((v) => {
      const id = 'facet-' + facet + '-' + v.value;
      const checked = chosen.includes(v.value);
      return el('li', {},
        el('input', {
          type: 'checkbox', id, name: facet, value: v.value, checked,
          onchange: () => {
            location.assign(urlWith((next) => {
              const kept = next.getAll(facet).filter((x) => x !== v.value);
              next.delete(facet);
              kept.forEach((x) => next.append(facet, x));
              if (!checked) next.append(facet, v.value);
              next.delete('page');
            }));
          },
        }),
        el('label', { for: id }, facetLabel(facet, v.value), ' ', el('span', { class: 'count' }, '(' + v.count + ')')));
    });
    groups.push(el('fieldset', { class: 'facet', 'data-facet': facet },
      el('legend', {}, label), el('ul', {}, options)));
  }
  if (params.getAll('kind').length || FACETS.some(([f]) => params.getAll(f).length)) {
    groups.push(el('a', { class: 'clear-facets', href: urlWith((next) => FACETS.forEach(([f]) => next.delete(f))) }, '清除全部筛选'));
  }
  form.replaceChildren(...groups);
  if (window.matchMedia('(max-width: 899px)').matches) {
    document.getElementById('facets-box').open = FACETS.some(([f]) => params.getAll(f).length);
  }
}

function renderPager(total, page) {
  const pages = Math.max(1, Math.ceil(Math.min(total, MAX_WINDOW) / PAGE_SIZE));
  const pager = document.getElementById('pager');
  if (pages <= 1) {
    pager.replaceChildren();
    return;
  }
  const link = (n, text, rel) => el('a', { href: urlWith((next) => next.set('page', n)), rel, class: 'page-link' }, text);
  pager.replaceChildren(
    page > 1 ? link(page - 1, '上一页', 'prev') : el('span', { class: 'page-link disabled', 'aria-disabled': 'true' }, '上一页'),
    el('span', { class: 'page-current', 'aria-current': 'page' }, '第 ' + page + ' / ' + pages + ' 页'),
    page < pages ? link(page + 1, '下一页', 'next') : el('span', { class: 'page-link disabled', 'aria-disabled': 'true' }, '下一页'));
}

async function search() {
  const page = Math.max(1, parseInt(params.get('page') || '1', 10) || 1);
  const query = new URLSearchParams(params);
  query.set('page', page);
  query.set('size', PAGE_SIZE);
  const summary = document.getElementById('summary');
  summary.textContent = '正在检索…';
  try {
    const body = await getJson('/api/search?' + query.toString());
    const q = params.get('q');
    summary.replaceChildren(q ? '“' + q + '” ' : '', '共 ', el('strong', { id: 'total' }, body.total), ' 条结果',
      ...(body.works != null ? ['，合为 ', el('strong', { id: 'works' }, body.works), ' 种作品'] : []),
      el('span', { class: 'took' }, '（用时 ' + body.took_ms + ' 毫秒）'));
    document.getElementById('hits').replaceChildren(...body.hits.map(renderHit));
    if (body.hits.length === 0) {
      document.getElementById('hits').replaceChildren(el('li', { class: 'empty' }, '没有找到相关资源，请换个词或减少筛选条件。'));
    }
    renderFacets(body.facets);
    // Collapsed to works (the default), pages count works, not records.
    renderPager(body.works != null ? body.works : body.total, page);
    document.title = (q ? q + ' · ' : '') + '上党 · 长治公共文化一站式检索';
  } catch (e) {
    summary.textContent = '检索失败：' + e.message;
    document.getElementById('hits').replaceChildren();
    document.getElementById('pager').replaceChildren();
  }
}

search();
