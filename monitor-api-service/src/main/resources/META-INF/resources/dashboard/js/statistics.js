// Statistics: counts by market × interval × status, how far monitors got, monitors opened per day.
import { getJson } from './api.js';
import { h, replaceChildren, showState } from './dom.js';
import { STATUSES, statusBadge, marketBadge, utcTime } from './format.js';
import { follow, debounce } from './live.js';
import { chartTheme, onThemeChange, cssColor } from './theme.js';

const INTERVALS = ['1h', '4h', '1d'];
const form = document.getElementById('filters');
let chart = null;
let lastData = null;

function viewFromUrl() {
  const q = new URLSearchParams(location.search);
  return { market_type: q.get('market_type') || '', interval: q.get('interval') || '' };
}

async function load() {
  const view = viewFromUrl();
  form.querySelector(`input[name=market_type][value="${view.market_type || 'all'}"]`).checked = true;
  form.elements.interval.value = view.interval;
  if (document.body.dataset.state !== 'ready') showState('loading', 'Loading statistics…');
  try {
    const stats = await getJson('statistics/', view);
    lastData = stats;
    draw(stats);
    showState('ready');
  } catch (e) {
    document.getElementById('content').hidden = true;
    showState('error', 'Could not load the statistics — ' + e.message + ' ', h('button', { type: 'button', id: 'retry' }, 'Retry'));
    document.getElementById('retry').addEventListener('click', load);
  }
}

function draw(stats) {
  document.getElementById('content').hidden = false;
  replaceChildren(document.getElementById('summary'), h('strong', { id: 'stats-total' }, String(stats.total)), ' monitors',
    ' · opened in the last 24 h: ', Object.entries(stats.opened_last_24h).map(([k, v]) => k + ' ' + v).join(', '),
    ' · last 7 days: ', Object.entries(stats.opened_last_7d).map(([k, v]) => k + ' ' + v).join(', '),
    ' · as of ', h('time', { datetime: stats.as_of, title: utcTime(stats.as_of) }, new Date(stats.as_of).toLocaleString()));
  drawGrid(stats.by_status);
  drawPhases(stats.phase_reach);
  drawPerDay(stats.opened_per_day);
}

/** One row per market × interval with monitors, a column per status, totals. */
function drawGrid(cells) {
  const table = document.getElementById('grid');
  replaceChildren(table.tHead, h('tr', {}, h('th', {}, 'Market'), h('th', {}, 'Interval'),
    STATUSES.map((s) => h('th', { class: 'num' }, statusBadge(s))), h('th', { class: 'num' }, 'Total')));
  const rows = [];
  for (const market of ['spot', 'futures']) {
    for (const interval of INTERVALS) {
      const mine = cells.filter((c) => c.market_type === market && c.interval === interval);
      if (!mine.length) continue;
      const count = (s) => mine.filter((c) => c.status === s).reduce((n, c) => n + c.count, 0);
      rows.push(h('tr', { 'data-market': market, 'data-interval': interval }, h('td', {}, marketBadge(market)), h('td', {}, interval),
        STATUSES.map((s) => h('td', { class: 'num', 'data-status': s }, String(count(s)))),
        h('td', { class: 'num' }, h('strong', {}, String(mine.reduce((n, c) => n + c.count, 0))))));
    }
  }
  if (!rows.length) rows.push(h('tr', {}, h('td', { colspan: STATUSES.length + 3, class: 'muted' }, 'No monitors yet.')));
  table.tBodies[0].replaceChildren(...rows);
}

function drawPhases(reach) {
  const share = (n, of) => {
    const pct = of ? (n / of) * 100 : 0;
    const bar = h('div', { class: 'bar' });
    bar.style.width = pct.toFixed(1) + '%';
    return h('td', {}, h('div', { class: 'bar-track', title: n + ' of ' + of }, bar), n + ' · ' + pct.toFixed(1) + ' %');
  };
  const rows = reach.map((r) => h('tr', { 'data-market': r.market_type }, h('td', {}, marketBadge(r.market_type)),
    h('td', { class: 'num' }, String(r.monitors)), share(r.phase_1_passed, r.monitors), share(r.phase_2_passed, r.monitors),
    share(r.phase_3_passed, r.monitors)));
  if (!rows.length) rows.push(h('tr', {}, h('td', { colspan: 5, class: 'muted' }, 'No monitors yet.')));
  document.querySelector('#phases tbody').replaceChildren(...rows);
}

function drawPerDay(days) {
  const dates = [...new Set(days.map((d) => d.date))];
  const series = ['spot', 'futures'].filter((m) => days.some((d) => d.market_type === m)).map((market) => ({
    name: market, type: 'bar', stack: 'opened',
    data: dates.map((date) => days.filter((d) => d.date === date && d.market_type === market).reduce((n, d) => n + d.count, 0)),
  }));
  if (!chart) {
    chart = window.echarts.init(document.getElementById('per-day'), chartTheme());
    window.addEventListener('resize', () => chart && chart.resize());
  }
  chart.setOption({
    animation: false,
    backgroundColor: 'transparent',
    color: [cssColor('--accent'), '#e0a800'],
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 16, top: 36, bottom: 56 },
    xAxis: { type: 'category', data: dates },
    yAxis: { type: 'value', minInterval: 1 },
    dataZoom: [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 4 }],
    series,
  }, true);
}

form.addEventListener('change', () => {
  const q = new URLSearchParams();
  const market = form.querySelector('input[name=market_type]:checked').value;
  if (market !== 'all') q.set('market_type', market);
  if (form.elements.interval.value) q.set('interval', form.elements.interval.value);
  history.pushState(null, '', location.pathname + (q.size ? '?' + q : ''));
  load();
});
window.addEventListener('popstate', load);
onThemeChange(() => {
  if (chart) chart.dispose();
  chart = null;
  if (lastData) drawPerDay(lastData.opened_per_day);
});
follow({}, debounce(load, 500));
load();
