// Signal quality: the backtest statistics of both exits by the furthest phase reached and by status now, with the
// distributions of final profit and max drawdown drawn from the API's buckets. The view lives in the URL.
import { getJson } from './api.js';
import { h, replaceChildren, showState } from './dom.js';
import { STATUSES, STATUS_LABELS, percent, drawdown, profitFactor, fixed } from './format.js';
import { follow, debounce } from './live.js';
import { themedChart, cssColor } from './theme.js';

const FILTERS = ['market_type', 'interval', 'status', 'symbol', 'start_date', 'end_date'];
const FIELDS = FILTERS.filter((name) => name !== 'market_type');
const EXITS = { hold: 'Hold to window end', invalidation_stop: 'Invalidation stop' };
const PHASES = { pending_only: 'Pending only (never confirmed)', suspected: 'Reached suspected abandonment',
  confirmed: 'Reached confirmed abandonment' };
const PHASE_COLORS = { pending_only: '#e0a800', suspected: '#f08c2e', confirmed: '#d23c3c' };
const PHASE_SHORT = { pending_only: 'pending only', suspected: 'reached suspected', confirmed: 'reached confirmed' };

const form = document.getElementById('filters');
let stats = null;
const charts = {
  hold: themedChart(document.getElementById('profit-hold'), (c) => drawHistogram(c, 'profit', 'hold_profit')),
  stop: themedChart(document.getElementById('profit-stop'), (c) => drawHistogram(c, 'profit', 'invalidation_stop_profit')),
  drawdown: themedChart(document.getElementById('drawdown'), (c) => drawHistogram(c, 'max_drawdown', 'max_drawdown')),
};

function viewFromUrl() {
  const q = new URLSearchParams(location.search);
  const view = {};
  for (const name of FILTERS) view[name] = (q.get(name) || '').trim();
  if (view.market_type === 'all') view.market_type = '';
  return view;
}

async function load() {
  const view = viewFromUrl();
  form.querySelector(`input[name=market_type][value="${view.market_type || 'all'}"]`).checked = true;
  for (const name of FIELDS) {
    if (document.activeElement !== form.elements[name]) form.elements[name].value = view[name];
  }
  if (document.body.dataset.state !== 'ready') showState('loading', 'Loading the backtest statistics…');
  try {
    stats = await getJson('backtest/statistics/', view);
    draw();
  } catch (e) {
    document.getElementById('content').hidden = true;
    showState('error', 'Could not load the backtest statistics — ' + e.message + ' ',
      h('button', { type: 'button', id: 'retry' }, 'Retry'));
    document.getElementById('retry').addEventListener('click', load);
  }
}

function draw() {
  document.getElementById('content').hidden = false;
  drawVerdicts(stats.overall);
  for (const exit of Object.keys(EXITS)) drawTable(exit);
  Object.values(charts).forEach((redraw) => redraw());
  if (stats.overall.hold.total_trades === 0) {
    showState('empty', 'No ' + stats.outcome_statuses.join(' or ') + ' outcomes under these filters yet.');
  } else {
    showState('ready');
  }
}

/** One plain sentence per exit: does shorting every signal pay on this data? */
function drawVerdicts(overall) {
  const lines = Object.entries(EXITS).map(([exit, name]) => {
    const s = overall[exit];
    if (s.total_trades === 0) return h('p', { 'data-exit': exit, class: 'verdict' }, name + ': no trades.');
    const pf = s.profit_factor === null ? null : Number(s.profit_factor);
    const loses = pf !== null && pf < 1;
    const judgement = s.profit_factor_infinite ? 'no trade lost.'
      : pf === null ? 'no trade won or lost.'
        : loses ? 'below 1 — the signals lose money on this data: the losing trades cost more than the winners made.'
          : 'at least 1 — the winners made more than the losing trades cost.';
    return h('p', { 'data-exit': exit, class: 'verdict ' + (loses ? 'loses' : 'pays') },
      h('strong', {}, name + ': '), s.total_trades + ' trades, ', fixed(s.win_rate) + ' % winners, average ',
      percent(s.avg_profit_percent), ', profit factor ', profitFactor(s.profit_factor, s.profit_factor_infinite), ' — ', judgement);
  });
  replaceChildren(document.getElementById('verdicts'), ...lines);
}

/** Rows: overall, by phase reached, by status now; columns: the §9 figures of this exit. */
function drawTable(exit) {
  const table = document.getElementById('table-' + exit);
  replaceChildren(table.tHead, h('tr', {}, ['Group', 'Monitors', 'Trades', 'Win rate', 'Avg profit', 'Median', 'Total',
    'Avg max profit', 'Avg max drawdown', 'Worst drawdown', 'Avg bars to lowest', 'Profit factor']
    .map((t, i) => h('th', { class: i ? 'num' : null }, t))));
  const groups = [['overall', h('strong', {}, 'All'), stats.overall]];
  for (const [phase, label] of Object.entries(PHASES)) groups.push(['phase:' + phase, label, stats.by_phase_reached[phase]]);
  for (const status of STATUSES) groups.push(['status:' + status, 'Status now: ' + STATUS_LABELS[status], stats.by_status[status]]);
  table.tBodies[0].replaceChildren(...groups.map(([key, label, g]) => {
    const s = g[exit];
    return h('tr', { 'data-group': key, class: key === 'status:pending' ? 'group-start' : null },
      h('td', {}, label),
      h('td', { class: 'num' }, String(g.monitors)),
      h('td', { class: 'num', 'data-figure': 'total_trades' }, String(s.total_trades)),
      h('td', { class: 'num' }, s.win_rate === null ? '–' : fixed(s.win_rate) + ' %'),
      h('td', { class: 'num' }, percent(s.avg_profit_percent)),
      h('td', { class: 'num' }, percent(s.median_profit_percent)),
      h('td', { class: 'num' }, percent(s.total_profit_percent)),
      h('td', { class: 'num' }, percent(s.avg_max_profit_percent)),
      h('td', { class: 'num' }, drawdown(s.avg_max_drawdown)),
      h('td', { class: 'num' }, drawdown(s.worst_drawdown)),
      h('td', { class: 'num' }, fixed(s.avg_bars_to_lowest)),
      h('td', { class: 'num', 'data-figure': 'profit_factor' }, profitFactor(s.profit_factor, s.profit_factor_infinite)));
  }));
  table.tBodies[0].querySelector('tr[data-group="phase:pending_only"]').classList.add('group-start');
}

/**
 * Bucket labels as the API defines them: profits (lower, upper], drawdowns [lower, upper); an open-ended first or
 * last bucket (it also holds the far outliers) reads "≤ upper" / "> lower" (drawdowns: "< upper" / "≥ lower").
 */
function bucketLabels(buckets) {
  const last = buckets.lower_bounds.length - 1;
  return buckets.lower_bounds.map((lower, i) => {
    const upper = Number(lower) + Number(buckets.width);
    if (i === 0 && buckets.open_below) return buckets.upper_included ? `≤ ${upper}` : `< ${upper}`;
    if (i === last && buckets.open_above) return buckets.upper_included ? `> ${lower}` : `≥ ${lower}`;
    return buckets.upper_included ? `(${lower}, ${upper}]` : `[${lower}, ${upper})`;
  });
}

/** A histogram stacked by the furthest phase reached; the three phases together are every trade. */
function drawHistogram(chart, bucketKind, histogram) {
  if (!stats) return;
  const buckets = stats.histogram_buckets[bucketKind];
  const labels = bucketLabels(buckets);
  const series = Object.keys(PHASES).map((phase) => ({
    name: PHASE_SHORT[phase], type: 'bar', stack: 'trades', id: phase, itemStyle: { color: PHASE_COLORS[phase] },
    data: stats.by_phase_reached[phase].histograms[histogram],
  }));
  if (bucketKind === 'profit') {
    // Buckets up to 0 are losses (a final profit of exactly 0 is a loss): shaded, so the split is seen at a glance.
    const firstWin = buckets.lower_bounds.findIndex((lower) => Number(lower) >= 0);
    const lastLoss = firstWin < 0 ? labels.length - 1 : firstWin - 1;
    if (lastLoss >= 0) {
      series[0].markArea = { silent: true, itemStyle: { color: 'rgba(210, 60, 60, 0.10)' },
        label: { position: 'insideTop', formatter: 'losses', color: cssColor('--muted') },
        data: [[{ xAxis: labels[0] }, { xAxis: labels[lastLoss] }]] };
    }
  }
  chart.setOption({
    animation: false,
    backgroundColor: 'transparent',
    legend: { top: 0 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 40, right: 16, top: 40, bottom: 64 },
    xAxis: { type: 'category', data: labels, name: '%', nameLocation: 'end', axisLabel: { rotate: 45, fontSize: 10 } },
    yAxis: { type: 'value', minInterval: 1, name: 'trades' },
    series,
  }, true);
}

function go() {
  const q = new URLSearchParams();
  const market = form.querySelector('input[name=market_type]:checked').value;
  if (market !== 'all') q.set('market_type', market);
  for (const name of FIELDS) {
    const value = name === 'symbol' ? form.elements.symbol.value.trim().toUpperCase() : form.elements[name].value;
    if (value) q.set(name, value);
  }
  history.pushState(null, '', location.pathname + (q.size ? '?' + q : ''));
  load();
}

form.addEventListener('change', (e) => {
  if (e.target.name !== 'symbol') go();
});
form.elements.symbol.addEventListener('input', debounce(go, 400));
form.addEventListener('submit', (e) => {
  e.preventDefault();
  go();
});
window.addEventListener('popstate', load);
follow({}, debounce(load, 500));
load();
