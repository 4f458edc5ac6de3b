// The staff dashboard: sources, running jobs with live progress, recent failures and a rejects browser, all over
// the staff API (/api/admin).
//
// Authentication is the browser's own: opening /admin/ answers 401 with a Basic challenge, the browser asks for the
// staff user name and password once, and sends them again on these same-origin requests. This script never sees,
// stores or sends a secret itself.

import { el } from '/portal/common.js';

const POLL_MS = 1000;
const HISTORY_SIZE = 50;
const RECENT_JOBS = 20;
const RECENT_FAILURES = 5;
const REJECTS_PAGE_SIZE = 50;

const HEALTH = {
  running: '采集中', ok: '正常', failing: '失败', broken: '已熔断（暂停采集）', stopped: '已停止', never_harvested: '从未采集',
  disabled: '已停用',
};
const STATES = { running: '运行中', paused: '已暂停', completed: '完成', failed: '失败', stopped: '已停止' };
const MODES = { full: '全量', incremental: '增量' };
const PROTOCOLS = { oaipmh: 'OAI-PMH', sru: 'SRU', filedrop: '文件投递' };

const $ = (id) => document.getElementById(id);

/** Source id → source, from the last refresh; names the sources of jobs. */
let sourcesById = new Map();
/** The job whose rejects are shown, and the page. */
let rejectsView = null;
/** Jobs whose stop was requested from this page: their button stays disabled until they end. */
const stopping = new Set();

/** Calls the staff API; resolves with the JSON body, rejects with the API's error message. */
async function api(path, method = 'GET') {
  // Resolved against the origin, not the page's address, which may still hold user:password@ (fetch refuses it).
  const response = await fetch(new URL(path, location.origin), { method, headers: { Accept: 'application/json' } });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    throw new Error(body && body.error ? body.error.message : `${response.status} ${response.statusText}`);
  }
  return body;
}

function label(map, value) {
  return map[value] || value || '—';
}

function time(iso) {
  return iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false }) : '—';
}

function count(n) {
  return Number(n).toLocaleString('zh-CN');
}

function duration(seconds) {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} 秒`;
  if (s < 3600) return `${Math.floor(s / 60)} 分 ${s % 60} 秒`;
  return `${Math.floor(s / 3600)} 小时 ${Math.floor((s % 3600) / 60)} 分`;
}

function sourceName(id) {
  const source = sourcesById.get(id);
  return source ? source.name : id;
}

function badge(kind, value, text) {
  return el('span', { class: `badge ${kind}-${value}` }, text);
}

function show(text, kind = 'info') {
  const message = $('message');
  message.textContent = text;
  message.className = 'message message-' + kind;
  message.hidden = false;
}

/**
 * Makes the children of a container match the items, keeping the element of each key that is still there: rows and
 * buttons are updated in place, so a click or a screen reader's position survives the refresh every second.
 */
function sync(container, items, key, create, update) {
  const existing = new Map([...container.children].map((child) => [child.dataset.key, child]));
  const wanted = new Set(items.map((item) => String(key(item))));
  for (const [k, child] of existing) {
    if (!wanted.has(k)) child.remove();
  }
  items.forEach((item, i) => {
    const k = String(key(item));
    let node = existing.get(k);
    if (!node || !node.isConnected) {
      node = create(item);
      node.dataset.key = k;
    }
    update(node, item);
    if (container.children[i] !== node) container.insertBefore(node, container.children[i] || null);
  });
}

function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

// Sources ---------------------------------------------------------------------------------------------------------

function createSourceRow(source) {
  const start = (mode) => el('button', {
    type: 'button', class: 'start-' + mode, 'aria-label': `${MODES[mode]}采集 ${source.name}`,
    onclick: () => startHarvest(source.id, mode),
  }, `${MODES[mode]}采集`);
  return el('tr', { 'data-source': source.id },
    el('th', { scope: 'row', class: 'name' }, el('span', { class: 'source-name' }), el('span', { class: 'id' }, source.id)),
    el('td', { class: 'library' }),
    el('td', { class: 'county' }),
    el('td', { class: 'protocol' }),
    el('td', { class: 'health' }),
    el('td', { class: 'last' }, el('span', { class: 'last-job' }), el('span', { class: 'last-success' })),
    el('td', { class: 'records num' }),
    el('td', { class: 'actions' }, start('incremental'), start('full')));
}

function updateSourceRow(row, source) {
  setText(row.querySelector('.source-name'), source.name);
  setText(row.querySelector('.library'), source.library);
  setText(row.querySelector('.county'), source.county || '市级');
  setText(row.querySelector('.protocol'), label(PROTOCOLS, source.protocol));
  const health = row.querySelector('.health');
  if (health.dataset.value !== source.health) {
    health.dataset.value = source.health;
    health.replaceChildren(badge('health', source.health, label(HEALTH, source.health)));
  }
  const last = source.last_job;
  setText(row.querySelector('.last-job'), last
    ? `#${last.id} ${label(MODES, last.mode)} ${label(STATES, last.state)} · ${time(last.ended_at || last.started_at)}`
    : '—');
  setText(row.querySelector('.last-success'), source.last_success_at ? `上次成功 ${time(source.last_success_at)}` : '');
  setText(row.querySelector('.records'), count(source.records - source.deleted_records));
  const busy = source.health === 'running' || !source.enabled;
  row.querySelectorAll('.actions button').forEach((button) => { button.disabled = busy; });
}

async function startHarvest(sourceId, mode) {
  try {
    const job = await api(`/api/admin/sources/${encodeURIComponent(sourceId)}/harvest?mode=${mode}`, 'POST');
    show(`已开始${MODES[mode]}采集“${sourceName(sourceId)}”（任务 #${job.id}）。`);
  } catch (e) {
    show(`无法开始采集“${sourceName(sourceId)}”：${e.message}`, 'error');
  }
  refresh();
}

async function harvestAll() {
  try {
    const answer = await api('/api/admin/harvest?mode=incremental', 'POST');
    const skipped = answer.skipped.map((s) => `${sourceName(s.source)}（${s.reason}）`);
    show(`已开始增量采集 ${answer.jobs.length} 个采集源。` + (skipped.length ? ` 跳过：${skipped.join('；')}` : ''));
  } catch (e) {
    show(`无法开始采集：${e.message}`, 'error');
  }
  refresh();
}

// Running jobs ----------------------------------------------------------------------------------------------------

function createRunningJob(job) {
  const progressId = `progress-${job.id}`;
  return el('li', { class: 'job', 'data-job': job.id, 'data-source': job.source },
    el('h3', { class: 'job-title' }),
    el('div', { class: 'job-bar' },
      el('label', { for: progressId, class: 'progress-label' }, '采集进度'),
      el('progress', { id: progressId, class: 'job-progress' })),
    el('p', { class: 'job-stats' }),
    el('button', { type: 'button', class: 'stop', 'aria-label': `停止任务 #${job.id}`, onclick: () => stopJob(job.id) }, '停止'));
}

function updateRunningJob(item, job) {
  setText(item.querySelector('.job-title'),
    `#${job.id} ${sourceName(job.source)} · ${label(MODES, job.mode)}采集 · ${label(STATES, job.state)}`);
  const progress = item.querySelector('progress');
  const total = job.expected_total;
  const parts = [];
  if (total) {
    progress.max = total;
    progress.value = Math.min(job.seen, total);
    parts.push(`已处理 ${count(job.seen)} / ${count(total)} 条（${Math.floor((Math.min(job.seen, total) * 100) / total)}%）`);
  } else {
    // Without the source's list size the bar cannot show a share: it shows activity instead.
    progress.removeAttribute('value');
    parts.push(`已处理 ${count(job.seen)} 条（总数未知）`);
  }
  parts.push(`速率 ${job.records_per_second} 条/秒`);
  if (job.eta_seconds !== null && job.eta_seconds !== undefined) parts.push(`预计剩余 ${duration(job.eta_seconds)}`);
  parts.push(`第 ${job.pages} 页`, `入库 ${count(job.stored)}`, `拒收 ${count(job.rejected)}`, `删除 ${count(job.deleted)}`);
  setText(item.querySelector('.job-stats'), parts.join(' · '));
  const stop = item.querySelector('.stop');
  stop.disabled = stopping.has(job.id);
  setText(stop, stopping.has(job.id) ? '正在停止…' : '停止');
}

async function stopJob(id) {
  stopping.add(id);
  try {
    await api(`/api/admin/jobs/${id}/stop`, 'POST');
    show(`已请求停止任务 #${id}：当前页处理完后停止，下次增量采集从这里继续。`);
  } catch (e) {
    stopping.delete(id);
    show(`无法停止任务 #${id}：${e.message}`, 'error');
  }
  refresh();
}

// Job history and failures ----------------------------------------------------------------------------------------

function createJobRow(job) {
  return el('tr', { 'data-job': job.id },
    el('th', { scope: 'row' }, `#${job.id}`),
    el('td', { class: 'source' }),
    el('td', { class: 'mode' }),
    el('td', { class: 'state' }),
    el('td', { class: 'started' }),
    el('td', { class: 'ended' }),
    el('td', { class: 'counts num' }),
    el('td', { class: 'rejects' }, el('button', {
      type: 'button', class: 'show-rejects', 'aria-label': `查看任务 #${job.id} 的拒收记录`,
      onclick: () => openRejects(job.id, 1),
    })));
}

function updateJobRow(row, job) {
  setText(row.querySelector('.source'), sourceName(job.source));
  setText(row.querySelector('.mode'), label(MODES, job.mode));
  const state = row.querySelector('.state');
  if (state.dataset.value !== job.state) {
    state.dataset.value = job.state;
    state.replaceChildren(badge('state', job.state, label(STATES, job.state)));
  }
  setText(row.querySelector('.started'), time(job.started_at));
  setText(row.querySelector('.ended'), time(job.ended_at));
  setText(row.querySelector('.counts'),
    `${count(job.seen)} / ${count(job.stored)} / ${count(job.rejected)} / ${count(job.deleted)}`);
  const button = row.querySelector('.show-rejects');
  setText(button, `查看（${count(job.rejected)}）`);
  button.disabled = job.rejected === 0;
}

function createFailure(job) {
  return el('li', { class: 'failure', 'data-job': job.id, 'data-source': job.source },
    el('p', { class: 'failure-title' }), el('p', { class: 'failure-error' }));
}

function updateFailure(item, job) {
  setText(item.querySelector('.failure-title'),
    `#${job.id} ${sourceName(job.source)} · ${label(MODES, job.mode)}采集失败 · ${time(job.ended_at)} · 已处理 ${count(job.seen)} 条`);
  setText(item.querySelector('.failure-error'), job.last_error || '（没有记录错误信息）');
}

// Rejects ---------------------------------------------------------------------------------------------------------

async function openRejects(jobId, page) {
  let answer;
  try {
    answer = await api(`/api/admin/jobs/${jobId}/rejects?page=${page}&size=${REJECTS_PAGE_SIZE}`);
  } catch (e) {
    show(`无法读取任务 #${jobId} 的拒收记录：${e.message}`, 'error');
    return;
  }
  const first = !rejectsView || rejectsView.jobId !== jobId;
  rejectsView = { jobId, page };
  history.replaceState(null, '', `#rejects=${jobId}`);
  const pages = Math.max(1, Math.ceil(answer.total / REJECTS_PAGE_SIZE));
  $('rejects-title').textContent = `任务 #${jobId} 的拒收记录`;
  $('rejects-summary').textContent = answer.total === 0
    ? '这个任务没有拒收记录。'
    : `共 ${count(answer.total)} 条，第 ${page} / ${pages} 页。原始数据是采集源提供的原样内容。`;
  $('rejects').querySelector('tbody').replaceChildren(...answer.items.map((reject) => el('tr', { 'data-reject': reject.id },
    el('td', { class: 'source' }, sourceName(reject.source)),
    el('td', { class: 'record-id' }, el('code', {}, reject.record_id)),
    el('td', { class: 'reason' }, reject.reason),
    el('td', { class: 'created' }, time(reject.created_at)),
    el('td', { class: 'payload' }, el('a', {
      class: 'payload-link', href: reject.payload, 'aria-label': `记录 ${reject.record_id} 的原始数据（${count(reject.payload_bytes)} 字节）`,
    }, `查看（${count(reject.payload_bytes)} 字节）`)))));
  $('rejects').hidden = answer.total === 0;
  $('rejects-retry').hidden = answer.total === 0;
  $('rejects-pager').hidden = pages <= 1;
  $('rejects-page').textContent = `第 ${page} / ${pages} 页`;
  $('rejects-prev').disabled = page <= 1;
  $('rejects-next').disabled = page >= pages;
  if (first) $('rejects-title').focus();
}

async function retryRejects() {
  if (!rejectsView) return;
  const { jobId } = rejectsView;
  const button = $('rejects-retry');
  button.disabled = true;
  try {
    const result = await api(`/api/admin/jobs/${jobId}/rejects/retry`, 'POST');
    show(`已重新处理任务 #${jobId} 的 ${count(result.retried)} 条拒收记录：入库 ${result.indexed.length} 条，`
      + `仍被拒收 ${result.still_rejected.length} 条，源端已删除 ${result.skipped.length} 条。`);
  } catch (e) {
    show(`无法重新处理任务 #${jobId} 的拒收记录：${e.message}`, 'error');
  } finally {
    button.disabled = false;
  }
  openRejects(jobId, rejectsView.page);
}

// Refresh ---------------------------------------------------------------------------------------------------------

let requested = 0;
let rendered = 0;

/** Reads the sources and the job history and updates the page; an answer older than the one shown is dropped. */
async function refresh() {
  const mine = ++requested;
  let sources;
  let jobs;
  try {
    [sources, jobs] = await Promise.all([api('/api/admin/sources'), api(`/api/admin/jobs?size=${HISTORY_SIZE}`)]);
  } catch (e) {
    if (mine > rendered) setText($('refresh'), `刷新失败：${e.message}（自动重试）`);
    return;
  }
  if (mine < rendered) return;
  rendered = mine;
  sourcesById = new Map(sources.map((s) => [s.id, s]));

  sync($('sources').querySelector('tbody'), sources, (s) => s.id, createSourceRow, updateSourceRow);

  const running = sources.map((s) => s.last_job)
    .filter((job) => job && (job.state === 'running' || job.state === 'paused'));
  for (const id of stopping) {
    if (!running.some((job) => job.id === id)) stopping.delete(id);
  }
  sync($('running'), running, (job) => job.id, createRunningJob, updateRunningJob);
  $('running-empty').hidden = running.length > 0;

  const failures = jobs.items.filter((job) => job.state === 'failed').slice(0, RECENT_FAILURES);
  sync($('failures'), failures, (job) => job.id, createFailure, updateFailure);
  $('failures-empty').hidden = failures.length > 0;

  sync($('jobs').querySelector('tbody'), jobs.items.slice(0, RECENT_JOBS), (job) => job.id, createJobRow, updateJobRow);

  setText($('refresh'), `每秒自动刷新 · 最后刷新 ${new Date().toLocaleTimeString('zh-CN', { hour12: false })}`);
}

async function poll() {
  if (!document.hidden) await refresh();
  setTimeout(poll, POLL_MS);
}

$('harvest-all-incremental').addEventListener('click', harvestAll);
$('rejects-retry').addEventListener('click', retryRejects);
$('rejects-prev').addEventListener('click', () => rejectsView && openRejects(rejectsView.jobId, rejectsView.page - 1));
$('rejects-next').addEventListener('click', () => rejectsView && openRejects(rejectsView.jobId, rejectsView.page + 1));

poll().then(() => {
  const linked = /^#rejects=(\d+)$/.exec(location.hash);
  if (linked) openRejects(Number(linked[1]), 1);
});
