// The record page: the whole canonical record from /api/records/{id}, with holdings by library and branch,
// the IIIF thumbnail and manifest, media links, and an activity's time, venue and running time.
import { el, getJson, kindBadge, LANGUAGES, recordApi } from './common.js';
import { attachSuggestions } from './suggest.js';

attachSuggestions(document.getElementById('q'), document.getElementById('suggestions'));

const MEDIA = {
  iiif_manifest: 'IIIF 清单', thumbnail: '缩略图', pdf: 'PDF 全文', ocr_text: '识别文本', audio: '音频', video: '视频',
  image: '图像', web_page: '网页', file: '文件',
};

const id = new URLSearchParams(location.search).get('id');
const article = document.getElementById('record');
if (document.referrer && new URL(document.referrer).origin === location.origin && new URL(document.referrer).pathname === '/') {
  document.getElementById('back').href = document.referrer;
}

function row(label, ...value) {
  const present = value.flat(Infinity).filter((v) => v !== null && v !== undefined && v !== '');
  if (present.length === 0) return null;
  return [el('dt', {}, label), el('dd', {}, ...present)];
}

function searchLink(text) {
  return el('a', { href: '/?q=' + encodeURIComponent(text) }, text);
}

function list(values, render = (v) => v) {
  return values.map((v, i) => [i ? '；' : '', render(v)]);
}

const BEIJING = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant as Beijing time, e.g. 2024/07/06 09:30. */
function beijing(instant) {
  return BEIJING.format(new Date(instant));
}

/** {@code 2024/07/06 09:30 至 11:30} within one day, else both ends in full. */
function period(event) {
  if (!event || !event.start) return event && event.end ? '至 ' + beijing(event.end) : null;
  const from = beijing(event.start);
  if (!event.end) return from;
  const to = beijing(event.end);
  return from + ' 至 ' + (to.slice(0, 10) === from.slice(0, 10) ? to.slice(11) : to);
}

/** The running time as h:mm:ss, from an ISO-8601 duration (PT2H1M) or a number of seconds. */
function runningTime(duration) {
  if (duration === null || duration === undefined || duration === '') return null;
  let seconds = Number(duration);
  if (Number.isNaN(seconds)) {
    const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(String(duration));
    if (!m) return String(duration);
    seconds = (Number(m[1] || 0) * 3600) + (Number(m[2] || 0) * 60) + Number(m[3] || 0);
  }
  seconds = Math.round(seconds);
  const pad = (n) => String(n).padStart(2, '0');
  return Math.floor(seconds / 3600) + ':' + pad(Math.floor((seconds % 3600) / 60)) + ':' + pad(seconds % 60);
}

/** The notes without those the structured time, venue and running time rows already show. */
function otherNotes(record) {
  const shown = [];
  if (record.event && (record.event.start || record.event.end)) shown.push('活动时间 ');
  if (record.event && (record.event.venue || record.event.address)) shown.push('活动地点 ');
  if (record.duration) shown.push('时长 ');
  return record.notes.filter((n) => !shown.some((prefix) => n.startsWith(prefix)));
}

const STATUS = { available: '可借', on_loan: '已借出', in_transit: '在途', unavailable: '不可借', unknown: '未知' };

/** Holdings grouped by library, then by branch/location; availability is filled in by {@link availability}. */
function holdings(record) {
  if (!record.holdings.length) {
    return el('p', { class: 'summary' }, '记录未载明馆藏。');
  }
  const byLibrary = new Map();
  for (const h of record.holdings) {
    const key = h.library;
    if (!byLibrary.has(key)) byLibrary.set(key, []);
    byLibrary.get(key).push(h);
  }
  const sections = [];
  for (const [library, items] of byLibrary) {
    const rows = items
      .slice()
      .sort((a, b) => (a.location || '').localeCompare(b.location || '', 'zh'))
      .map((h) => el('tr', { class: 'holding' },
        el('td', { 'data-label': '分馆/馆藏地' }, h.location || '—'),
        el('td', { 'data-label': '索书号' }, h.callNumber || '—'),
        el('td', { 'data-label': '条码' }, h.barcode || '—'),
        el('td', { 'data-label': '状态' }, h.status || '—'),
        el('td', { 'data-label': '可借情况', class: 'availability', 'data-barcode': h.barcode || '' }, '查询中…')));
    sections.push(el('section', { class: 'holdings-library' },
      el('h3', {}, library, ' ', el('span', { class: 'count' }, '（' + items.length + ' 册）')),
      el('table', { class: 'holdings-table' },
        el('caption', { class: 'visually-hidden' }, library + ' 馆藏'),
        el('thead', {}, el('tr', {}, ['分馆/馆藏地', '索书号', '条码', '状态', '可借情况'].map((t) => el('th', { scope: 'col' }, t)))),
        el('tbody', {}, rows))));
  }
  return sections;
}

function media(record) {
  // The record API spells enum values in upper case (IIIF_MANIFEST); the portal compares them in lower case.
  const links = (record.media || []).map((m) => ({ ...m, kind: String(m.kind).toLowerCase() }));
  if (!links.length) return null;
  const thumbnail = links.find((m) => m.kind === 'thumbnail');
  const manifest = links.find((m) => m.kind === 'iiif_manifest');
  const figure = thumbnail ? el('figure', { class: 'thumbnail' },
    el('img', { src: thumbnail.url, alt: record.title + ' 的缩略图', loading: 'lazy' }),
    manifest ? el('figcaption', {}, el('a', { href: manifest.url, class: 'manifest-link', target: '_blank', rel: 'noopener' }, '打开 IIIF 清单')) : null) : null;
  const items = links.filter((m) => m !== thumbnail && !(thumbnail && m === manifest)).map((m) => el('li', {},
    el('a', { href: m.url, target: '_blank', rel: 'noopener', class: 'media-link', 'data-kind': m.kind },
      m.label || MEDIA[m.kind] || m.kind),
    m.mimeType ? el('span', { class: 'mime' }, ' ', m.mimeType) : null));
  return el('section', { class: 'media', 'aria-labelledby': 'media-title' },
    el('h2', { id: 'media-title' }, '数字资源'), figure, items.length ? el('ul', { class: 'media-links' }, items) : null);
}

function render(record) {
  document.title = record.title + ' · 上党';
  const creators = record.creators.map((c) => [searchLink(c.name), c.role ? el('span', { class: 'role' }, ' ' + c.role) : '']);
  const classification = (record.classifications || []).map((c) => (c.scheme === 'clc' ? '中图法 ' : c.scheme + ' ') + c.code);
  // The DOM's replaceChildren writes a null child as the text "null": a record without media has none.
  article.replaceChildren(...[
    el('header', { class: 'record-header' },
      kindBadge(String(record.kind).toLowerCase()),
      el('h1', { id: 'record-title' }, record.title),
      record.parallelTitles.length ? el('p', { class: 'parallel' }, record.parallelTitles.join(' / ')) : null),
    media(record),
    el('dl', { class: 'fields' },
      row('责任者', list(creators)),
      row('其他题名', record.otherTitles.join('；')),
      row('版本', record.edition),
      row('卷册', record.volume),
      row('出版', [record.place, record.publisher, record.year].filter(Boolean).join('：')),
      row('ISBN', record.isbns.join('；')),
      row('主题', list(record.subjects, searchLink)),
      row('分类', classification.join('；')),
      row('剧种/曲种', record.genre ? searchLink(record.genre) : null),
      row('活动时间', period(record.event)),
      row('活动地点', record.event ? [record.event.venue, record.event.address ? '（' + record.event.address + '）' : null]
        .filter(Boolean).join('') : null),
      row('时长', runningTime(record.duration)),
      row('专题', record.themes.join('；')),
      row('语种', record.languages.map((l) => LANGUAGES[l] || l).join('；')),
      row('提要', record.description),
      row('附注', otherNotes(record).join('；')),
      row('版权', record.rights),
      row('来源', record.library + (record.county ? '（' + record.county + '）' : ''))),
    el('section', { class: 'holdings', 'aria-labelledby': 'holdings-title' },
      el('h2', { id: 'holdings-title' }, '馆藏与可借情况'), holdings(record))].filter(Boolean));
  article.focus();
}

/** Live status of each copy from /api/availability; a library that does not answer shows 未知 with the reason. */
function availability(recordId) {
  const cells = () => [...article.querySelectorAll('td.availability')];
  getJson('/api/availability?record=' + encodeURIComponent(recordId))
    .then((answer) => {
      const byBarcode = new Map(answer.copies.filter((c) => c.barcode).map((c) => [c.barcode, c]));
      for (const cell of cells()) {
        const copy = byBarcode.get(cell.dataset.barcode);
        const status = copy ? copy.status : 'unknown';
        const due = copy && copy.due_date ? '（应还 ' + copy.due_date + '）' : '';
        const where = copy && copy.service_point ? ' · ' + copy.service_point : '';
        cell.textContent = (STATUS[status] || STATUS.unknown) + due + where;
        cell.dataset.status = status;
        if (copy && copy.detail && status === 'unknown') cell.title = copy.detail;
      }
    })
    .catch(() => cells().forEach((cell) => {
      cell.textContent = STATUS.unknown;
      cell.dataset.status = 'unknown';
    }));
}

if (!id) {
  article.replaceChildren(el('p', { class: 'summary' }, '缺少记录编号。'));
} else {
  getJson(recordApi(id))
    .then((record) => {
      render(record);
      availability(id);
    })
    .catch((e) => article.replaceChildren(el('p', { class: 'summary', role: 'alert' }, '无法打开这条记录：' + e.message)));
}
