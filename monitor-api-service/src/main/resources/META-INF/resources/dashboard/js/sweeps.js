// Threshold sweeps through this service's proxy to detection-service: start one (operator token, kept in this tab's
// sessionStorage only), watch its progress, compare the combinations. The sweep and the sort live in the URL.
import { getJson, sendJson, ApiError } from './api.js';
import { h, replaceChildren, showState } from './dom.js';
import { STATUSES, STATUS_LABELS, percent, profitFactor, fixed, timeElement } from './format.js';
import { sortableHeaders, markSort, nextSort } from './listing.js';

const TOKEN_KEY = 'trapwatch.operator-token';
const POLL_MS = 1000;
const form = document.getElementById('start');
const table = document.getElementById('results');
let pollTimer = null;
let shown = null; // the sweep as last read

/** Sortable result columns: how to read each from a result (numbers; null sorts last). */
const COLUMNS = {
  rank: { label: 'Rank', value: (r) => r.rank, ascendingFirst: true },
  monitors: { label: 'Monitors', value: (r) => r.statistics.monitors },
  trades: { label: 'Trades (stop)', value: (r) => r.statistics.invalidation_stop.total_trades },
  win_rate: { label: 'Win rate (stop)', value: (r) => num(r.statistics.invalidation_stop.win_rate) },
  avg_profit: { label: 'Avg profit (stop)', value: (r) => num(r.statistics.invalidation_stop.avg_profit_percent) },
  pf_stop: { label: 'PF stop', value: (r) => pf(r.statistics.invalidation_stop) },
  pf_hold: { label: 'PF hold', value: (r) => pf(r.statistics.hold) },
  oos_trades: { label: 'Later part: trades', value: (r) => (r.out_of_sample ? r.out_of_sample.invalidation_stop.total_trades : null), split: true },
  oos_pf_stop: { label: 'Later part: PF stop', value: (r) => (r.out_of_sample ? pf(r.out_of_sample.invalidation_stop) : null), split: true },
};

function num(v) {
  return v === null || v === undefined ? null : Number(v);
}

/** A profit factor to sort by: infinite (nothing lost) above every number. */
function pf(s) {
  return s.profit_factor_infinite ? Infinity : num(s.profit_factor);
}

function viewFromUrl() {
  const q = new URLSearchParams(location.search);
  return { id: q.get('id') || '', sort: q.get('sort') || 'rank' };
}

function urlOf(view) {
  const q = new URLSearchParams();
  if (view.id) q.set('id', view.id);
  if (view.sort !== 'rank') q.set('sort', view.sort);
  return location.pathname + (q.size ? '?' + q : '');
}

function token() {
  return form.elements.token.value.trim();
}

/** The request body from the form: empty settings are left out (detection-service keeps its own value). */
function request() {
  const body = { market_type: form.elements.market_type.value, interval: form.elements.interval.value, grid: {},
    rank_by: form.elements.rank_by.value };
  for (const input of form.querySelectorAll('input[name^="grid."]')) {
    const parts = input.value.split(/[\s,;]+/).filter(Boolean);
    // Numbers as numbers; anything else as typed, so detection-service names the field that is wrong.
    if (parts.length) body.grid[input.name.slice(5)] = parts.map((p) => (p.trim() !== '' && Number.isFinite(Number(p)) ? Number(p) : p));
  }
  if (form.elements.observation_bars.value !== '') body.observation_bars = Number(form.elements.observation_bars.value);
  if (form.elements.train_until.value) body.train_until = form.elements.train_until.value;
  return body;
}

function showStartError(e) {
  const box = document.getElementById('start-error');
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  if (!e) {
    box.hidden = true;
    return;
  }
  const body = e.body || {};
  const explanation = e.status === 401 ? 'The operator token is missing or unknown — enter it above.'
    : e.status === 403 ? 'This token may not start sweeps (it lacks the operator role).'
      : e.status === 400 ? 'detection-service refused the sweep: ' + e.message + (body.allowed ? ' (allowed: ' + body.allowed.join(', ') + ')' : '')
        : 'The sweep could not be started — ' + e.message;
  box.textContent = explanation;
  box.hidden = false;
  box.dataset.status = e.status;
  const field = body.parameter && form.querySelector(`[name="${CSS.escape(body.parameter)}"]`);
  if (field) {
    field.setAttribute('aria-invalid', 'true');
    field.focus();
  }
}

async function start(event) {
  event.preventDefault();
  showStartError(null);
  const button = document.getElementById('start-button');
  button.disabled = true;
  try {
    const answer = await sendJson('POST', 'sweeps', request(), token());
    history.pushState(null, '', urlOf({ id: answer.id, sort: 'rank' }));
    await show();
  } catch (e) {
    showStartError(e);
  } finally {
    button.disabled = false;
  }
}

/** Reads the sweep of the URL and draws it; polls while it runs. */
async function show() {
  clearTimeout(pollTimer);
  const view = viewFromUrl();
  if (!view.id) {
    document.getElementById('sweep').hidden = true;
    shown = null;
    showState('ready');
    return;
  }
  if (!shown || shown.id !== view.id) showState('loading', 'Loading sweep ' + view.id + '…');
  try {
    shown = await getJson('sweeps/' + encodeURIComponent(view.id), { top: 1000 });
  } catch (e) {
    document.getElementById('sweep').hidden = true;
    shown = null;
    const gone = e instanceof ApiError && (e.status === 404 || e.status === 400);
    showState('error', gone ? 'There is no sweep ' + view.id + ' (detection-service forgets its sweeps when it restarts). '
      : 'Could not read sweep ' + view.id + ' — ' + e.message + ' ', h('a', { href: location.pathname }, 'Start a new one'));
    if (e instanceof ApiError && e.status === 503) pollTimer = setTimeout(show, 5 * POLL_MS);
    return;
  }
  draw(shown, view);
  showState('ready');
  if (shown.status === 'running') pollTimer = setTimeout(show, POLL_MS);
}

function draw(sweep, view) {
  document.getElementById('sweep').hidden = false;
  document.body.dataset.sweepStatus = sweep.status;
  const r = sweep.request || {};
  replaceChildren(document.getElementById('sweep-title'), 'Sweep ', h('code', {}, sweep.id), ' ',
    h('span', { class: 'badge sweep-' + sweep.status, id: 'sweep-status' }, sweep.status));
  const fact = (label, ...value) => h('div', {}, h('dt', {}, label), h('dd', {}, ...value));
  replaceChildren(document.getElementById('sweep-facts'),
    fact('Markets', (r.market_types || []).join(', ')),
    fact('Intervals', (r.intervals || []).join(', ')),
    fact('Combinations', String(r.combinations)),
    fact('Observation bars', r.observation_bars === 0 ? 'every bar since the entry' : String(r.observation_bars)),
    fact('Ranked by', rankLabel(r.rank_by)),
    fact('Training split', r.train_until ? 'until ' + r.train_until : r.train_fraction ? (r.train_fraction * 100) + ' % of each series' : 'none'),
    fact('Started', timeElement(sweep.created_at)),
    fact('Finished', sweep.finished_at ? timeElement(sweep.finished_at) : '–'),
    fact('Bars read', String(sweep.progress.bars_read), sweep.read_ms ? ' in ' + sweep.read_ms + ' ms' : ''));
  const p = sweep.progress;
  progress('series', p.series_read, p.series_total);
  progress('combinations', p.combinations_done, p.combinations_total);
  document.getElementById('cancel').hidden = sweep.status !== 'running';
  replaceChildren(document.getElementById('failed-series'),
    sweep.error ? h('span', { class: 'down' }, 'Failed: ' + sweep.error + ' ') : '',
    sweep.failed && sweep.failed.length ? 'Series that could not be read: ' + sweep.failed.map((f) => f.series + ' (' + f.error + ')').join('; ') : '');
  drawResults(sweep, view);
}

/** The form's words for a ranking when it offers it, else the API's name made readable. */
function rankLabel(rankBy) {
  const option = rankBy && form.querySelector(`select[name=rank_by] option[value="${CSS.escape(rankBy)}"]`);
  return option ? option.textContent : (rankBy || '').replaceAll('_', ' ').replace('.', ', ');
}

function progress(name, done, total) {
  const bar = document.getElementById(name + '-progress');
  bar.max = Math.max(1, total || 0);
  bar.value = done || 0;
  document.getElementById(name + '-text').textContent = (done || 0) + ' / ' + (total || 0);
}

function drawResults(sweep, view) {
  const results = sweep.results || [];
  const split = results.some((r) => r.out_of_sample);
  const keys = results.length ? Object.keys(results[0].settings) : [];
  const columns = Object.entries(COLUMNS).filter(([, c]) => split || !c.split);
  replaceChildren(document.getElementById('results-summary'), sweep.status === 'running' ? 'Results appear when every combination has run.'
    : results.length ? results.length + ' combinations' + (results.length < sweep.progress.combinations_total
      ? ' (the best ' + results.length + ' of ' + sweep.progress.combinations_total + ')' : '')
      + '. Monitors per final status: P pending, S suspected, C confirmed, I invalidated, E expired. PF = profit factor (below 1 loses money).'
      : 'No results.');
  const header = (key, label, cls) => h('th', { 'data-sort': key, class: cls }, label);
  replaceChildren(table.tHead, h('tr', {}, header('rank', 'Rank', 'num'),
    ...keys.map((k) => header('setting:' + k, k.replaceAll('_', ' '), 'num')),
    ...columns.filter(([key]) => key !== 'rank').flatMap(([key, c]) => [header(key, c.label, 'num'),
      key === 'monitors' ? h('th', {}, 'By status') : null])));
  sortableHeaders(table, (column) => {
    const current = viewFromUrl();
    const ascending = column === 'rank';
    history.pushState(null, '', urlOf({ ...current, sort: nextSort(current.sort, column, ascending) }));
    drawResults(shown, viewFromUrl());
  });
  markSort(table, view.sort);
  const sorted = sortResults(results, view.sort);
  table.tBodies[0].replaceChildren(...sorted.map((r) => {
    const stop = r.statistics.invalidation_stop;
    const cells = [h('td', { class: 'num' }, String(r.rank)),
      ...keys.map((k) => h('td', { class: 'num', 'data-setting': k }, String(r.settings[k])))];
    for (const [key] of columns) {
      if (key === 'rank') continue;
      if (key === 'pf_stop') cells.push(h('td', { class: 'num' }, profitFactor(stop.profit_factor, stop.profit_factor_infinite)));
      else if (key === 'pf_hold') cells.push(h('td', { class: 'num' }, profitFactor(r.statistics.hold.profit_factor, r.statistics.hold.profit_factor_infinite)));
      else if (key === 'oos_pf_stop') {
        const later = r.out_of_sample && r.out_of_sample.invalidation_stop;
        cells.push(h('td', { class: 'num' }, later ? profitFactor(later.profit_factor, later.profit_factor_infinite) : '–'));
      } else if (key === 'avg_profit') cells.push(h('td', { class: 'num' }, percent(stop.avg_profit_percent)));
      else if (key === 'win_rate') cells.push(h('td', { class: 'num' }, stop.win_rate === null ? '–' : fixed(stop.win_rate) + ' %'));
      else cells.push(h('td', { class: 'num' }, String(COLUMNS[key].value(r) ?? '–')));
      if (key === 'monitors') cells.push(h('td', { class: 'by-status' }, byStatus(r.statistics.monitors_by_status)));
    }
    return h('tr', { 'data-combination': r.combination }, cells);
  }));
}

/** The combination's monitors by final status (the API gives counts, not the monitors themselves). */
function byStatus(counts) {
  return STATUSES.map((s) => h('span', { class: 'badge ' + s, title: STATUS_LABELS[s] }, s.charAt(0).toUpperCase() + ' ' + (counts[s] || 0)));
}

function sortResults(results, sort) {
  const descending = sort.startsWith('-');
  const key = descending ? sort.slice(1) : sort;
  const read = key.startsWith('setting:') ? (r) => r.settings[key.slice(8)] : (COLUMNS[key] || COLUMNS.rank).value;
  return [...results].sort((a, b) => {
    const x = read(a);
    const y = read(b);
    if (x === null && y === null) return a.rank - b.rank;
    if (x === null) return 1;
    if (y === null) return -1;
    return (x === y ? 0 : (x < y ? -1 : 1)) * (descending ? -1 : 1) || a.rank - b.rank;
  });
}

async function cancel() {
  const view = viewFromUrl();
  try {
    await sendJson('DELETE', 'sweeps/' + encodeURIComponent(view.id), undefined, token());
    await show();
  } catch (e) {
    showStartError(e);
  }
}

function wire() {
  form.elements.token.value = sessionStorage.getItem(TOKEN_KEY) || '';
  form.elements.token.addEventListener('change', () => {
    if (token()) sessionStorage.setItem(TOKEN_KEY, token());
    else sessionStorage.removeItem(TOKEN_KEY);
  });
  document.getElementById('forget-token').addEventListener('click', () => {
    sessionStorage.removeItem(TOKEN_KEY);
    form.elements.token.value = '';
  });
  form.addEventListener('submit', start);
  document.getElementById('cancel').addEventListener('click', cancel);
  window.addEventListener('popstate', show);
  show();
}

wire();
