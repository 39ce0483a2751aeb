// One monitor: its facts, a candlestick chart of its series with every transition marked at its bar, and the
// transition log with readable indicator snapshots. Reloads by itself when the monitor changes.
import { getJson, ApiError } from './api.js';
import { h, replaceChildren, showState } from './dom.js';
import { REASON_LABELS, digitsOf, price, percent, volume, statusBadge, marketBadge, timeElement, localShort,
  utcTime, outcomeBadge, drawdown } from './format.js';
import { indicatorList } from './indicators.js';
import { follow, debounce } from './live.js';
import { chartTheme, onThemeChange, cssColor } from './theme.js';

const id = (location.pathname.match(/\/dashboard\/monitors\/([^/]+)\/?$/) || [])[1];
const chartBox = document.getElementById('chart');
let chart = null;
let last = null; // { detail, chartData } as drawn, for a redraw on theme change
let stopLive = null;

async function load() {
  try {
    const [detail, chartData] = await Promise.all([
      getJson('monitors/' + encodeURIComponent(id) + '/'),
      getJson('chart-data/' + encodeURIComponent(id) + '/').catch((e) => e),
    ]);
    last = { detail, chartData };
    draw(detail, chartData);
    if (!stopLive) {
      const reload = debounce(() => load(), 250);
      stopLive = follow({ market_type: detail.market_type, interval: detail.interval, symbol: detail.symbol },
        (events) => {
          if (!events || events.some((e) => e.monitor.id === detail.id)) reload();
        });
    }
  } catch (e) {
    document.getElementById('content').hidden = true;
    const missing = e instanceof ApiError && (e.status === 404 || e.status === 400);
    showState('error', missing ? 'There is no monitor ' + id + '. ' : 'Could not load monitor ' + id + ' — ' + e.message + '. ',
      h('a', { href: '/dashboard/' }, 'Back to the monitor pool'));
  }
}

function draw(m, chartData) {
  const bars = chartData instanceof Error ? [] : chartData.klines;
  const o = m.outcome;
  const digits = digitsOf([m.trigger_price, m.trigger_high, m.trigger_low, m.current_price,
    ...bars.flatMap((b) => [b.open, b.high, b.low, b.close]),
    ...(o ? [o.entry_price, o.lowest_price, o.exit_price, o.rebound_high_price] : [])]);
  document.title = `${m.symbol} ${m.market_type} ${m.interval} · TrapWatch`;
  replaceChildren(document.getElementById('title'), m.symbol + ' ', marketBadge(m.market_type), ' ', m.interval, ' ',
    statusBadge(m.status));
  drawFacts(m, digits);
  drawOutcome(m, digits, bars);
  drawOtherMarket(m);
  drawTransitions(m, digits);
  document.getElementById('content').hidden = false;
  if (chartData instanceof Error) {
    if (chart) chart.dispose();
    chart = null;
    replaceChildren(chartBox, h('p', { class: 'state error', id: 'chart-error' }, 'No chart: ' + chartData.message));
    showState('ready');
    return;
  }
  drawChart(m, chartData, digits);
}

function drawFacts(m, digits) {
  const fact = (label, value) => h('div', {}, h('dt', {}, label), h('dd', {}, value));
  replaceChildren(document.getElementById('facts'),
    fact('Status', statusBadge(m.status)),
    fact('Trigger bar', timeElement(m.trigger_time)),
    fact('Trigger close (invalidation level)', price(m.trigger_price, digits)),
    fact('Trigger high', price(m.trigger_high, digits)),
    fact('Trigger low (key level)', price(m.trigger_low, digits)),
    fact('Trigger volume', volume(m.trigger_volume)),
    fact('Current price', price(m.current_price, digits)),
    fact('Change since trigger', percent(m.price_change_percent)),
    fact('Phases passed', [m.phase_1_passed, m.phase_2_passed, m.phase_3_passed].map((p, i) => (p ? '✓' : '✗') + (i + 1)).join(' ')),
    fact('Last change', timeElement(m.updated_at)));
}

/** The outcome (decision D18): entry, lowest, both exits and the rebound, as detection-service computed them. */
function drawOutcome(m, digits, bars) {
  const box = document.getElementById('outcome');
  const o = m.outcome;
  if (!o) {
    replaceChildren(box, h('p', { class: 'muted', id: 'no-outcome' }, 'No outcome yet: detection-service publishes it once the bar after the trigger has closed.'));
    return;
  }
  const fact = (label, ...value) => h('div', {}, h('dt', {}, label), h('dd', {}, ...value));
  const at = (time, value) => [price(value, digits), ' ', h('span', { class: 'muted' }, '· '), timeElement(time)];
  const stop = o.invalidation_stop;
  const span = o.observation_bars === 0 ? 'every bar since the entry' : o.observation_bars + ' bars';
  const shown = new Set(bars.map((b) => new Date(b.open_time).toISOString()));
  const outside = [o.entry_time, o.lowest_time, o.exit_time, stop && stop.exit_time]
    .filter((t) => t && !shown.has(new Date(t).toISOString())).length;
  replaceChildren(box,
    h('dl', { class: 'facts' },
      fact('Outcome', outcomeBadge(o.status), o.bars_observed === null ? '' : ' ' + o.bars_observed + ' of ' + span + ' observed'),
      fact('Entry (short)', ...(o.entry_time ? at(o.entry_time, o.entry_price) : ['–'])),
      fact('Lowest low', ...(o.lowest_time ? at(o.lowest_time, o.lowest_price) : ['–']),
        o.bars_to_lowest === null ? '' : h('span', { class: 'muted' }, ' · bar ' + o.bars_to_lowest)),
      fact('Max profit', percent(o.max_profit_percent)),
      fact('Max drawdown', drawdown(o.max_drawdown_percent)),
      fact('Rebound from the low', o.rebound_percent === null ? '–' : [percent(o.rebound_percent), ' to ',
        price(o.rebound_high_price, digits), o.has_rebound ? h('strong', {}, ' · significant (≥ 20 %)') : '']),
      fact('Hold exit (window end)', ...(o.exit_time ? [...at(o.exit_time, o.exit_price), ' ', percent(o.final_profit_percent)] : ['–'])),
      fact('Invalidation-stop exit', ...(stop ? [...at(stop.exit_time, stop.exit_price), ' ', percent(stop.final_profit_percent),
        h('span', { class: 'muted' }, stop.exited_by === 'invalidation' ? ' · stopped out' : ' · at window end')] : ['–']))),
    outside ? h('p', { class: 'muted', id: 'outcome-outside' }, outside + ' of these points lie outside the chart\'s bars.') : '');
}

/** The same symbol in the other market, when the pool has monitors for it there. */
async function drawOtherMarket(m) {
  const other = m.market_type === 'spot' ? 'futures' : 'spot';
  const links = document.getElementById('links');
  const back = h('a', { href: '/dashboard/?' + new URLSearchParams({ market_type: m.market_type, symbol: m.symbol }) },
    'All ' + m.symbol + ' monitors on ' + m.market_type);
  replaceChildren(links, back);
  try {
    const found = await getJson('monitors/', { market_type: other, symbol: m.symbol, page_size: 1 });
    if (found.count > 0) {
      const href = found.count === 1 ? '/dashboard/monitors/' + found.results[0].id
        : '/dashboard/?' + new URLSearchParams({ market_type: other, symbol: m.symbol });
      links.append(h('a', { href, id: 'other-market' }, m.symbol + ' on ' + other + ' (' + found.count
        + (found.count === 1 ? ' monitor)' : ' monitors)')));
    } else {
      links.append(h('span', { class: 'muted' }, 'No ' + m.symbol + ' monitors on ' + other));
    }
  } catch (e) {
    links.append(h('span', { class: 'muted' }, 'Other market unknown: ' + e.message));
  }
}

function drawTransitions(m, digits) {
  const rows = m.transitions.map((t) => h('tr', { 'data-sequence': t.sequence },
    h('td', {}, String(t.sequence)),
    h('td', {}, h('strong', {}, REASON_LABELS[t.reason] || t.reason), h('br'),
      t.from ? [statusBadge(t.from), ' → '] : '', statusBadge(t.to)),
    h('td', {}, timeElement(t.bar_time)),
    h('td', { class: 'num' }, price(t.bar_close, digits)),
    h('td', {}, indicatorList(t.indicators && t.indicators.values))));
  document.querySelector('#transitions tbody').replaceChildren(...rows);
}

/** Marker colours per status reached (the trigger has its own). */
function markerColor(t) {
  return t.reason === 'discovery' ? '#e0a800' : {
    suspected_abandonment: '#f08c2e', confirmed_abandonment: '#d23c3c', invalidated: '#2f7ed8', expired: '#8792a2',
  }[t.to] || '#888';
}

function drawChart(m, data, digits) {
  const times = data.klines.map((b) => new Date(b.open_time).toISOString());
  const index = new Map(times.map((t, i) => [t, i]));
  const up = cssColor('--up');
  const down = cssColor('--down');
  const fmt = (v) => (v === null || v === undefined ? '–' : Number(v).toFixed(digits));
  const outcome = outcomeSeries(m.outcome, times);
  // One marker per transition, on the bar that caused it (its open time is a category of the x axis), above the high.
  const markers = m.transitions.map((t) => {
    const at = new Date(t.bar_time).toISOString();
    const bar = data.klines[index.get(at)];
    return {
      name: REASON_LABELS[t.reason] || t.reason,
      coord: [at, Number(bar ? bar.high : t.bar_close)],
      value: REASON_LABELS[t.reason] || t.reason,
      itemStyle: { color: markerColor(t) },
      sequence: t.sequence,
    };
  });
  const level = (name, value, color) => ({
    name, yAxis: Number(value), lineStyle: { color, type: 'dashed' },
    label: { formatter: name + ' ' + price(value, digits), position: 'insideEndTop' },
  });
  const option = {
    animation: false,
    backgroundColor: 'transparent',
    legend: { top: 0, data: [m.symbol, 'MA7', 'MA25', 'Volume', ...outcome.map((o) => o.name)] },
    tooltip: {
      trigger: 'axis', axisPointer: { type: 'cross' },
      formatter: (items) => {
        const i = items[0].dataIndex;
        const b = data.klines[i];
        return `${localShort(times[i])} (${utcTime(times[i])})<br>O ${fmt(b.open)} H ${fmt(b.high)} L ${fmt(b.low)} `
          + `C ${fmt(b.close)}<br>Vol ${volume(b.volume)}<br>MA7 ${fmt(data.ma7[i])} · MA25 ${fmt(data.ma25[i])}`;
      },
    },
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
    grid: [{ left: 60, right: 20, top: 40, height: '58%' }, { left: 60, right: 20, top: '76%', height: '12%' }],
    xAxis: [
      { type: 'category', data: times, boundaryGap: true, axisLabel: { formatter: localShort }, gridIndex: 0 },
      { type: 'category', data: times, boundaryGap: true, axisLabel: { show: false }, gridIndex: 1 },
    ],
    yAxis: [
      { scale: true, gridIndex: 0, axisLabel: { formatter: (v) => v.toFixed(Math.min(digits, 8)) } },
      { scale: true, gridIndex: 1, splitNumber: 2, axisLabel: { show: false } },
    ],
    dataZoom: [
      { type: 'inside', xAxisIndex: [0, 1] },
      { type: 'slider', xAxisIndex: [0, 1], bottom: 4, height: 20 },
    ],
    series: [
      {
        name: m.symbol, type: 'candlestick', xAxisIndex: 0, yAxisIndex: 0,
        data: data.klines.map((b) => [Number(b.open), Number(b.close), Number(b.low), Number(b.high)]),
        itemStyle: { color: up, color0: down, borderColor: up, borderColor0: down },
        markPoint: {
          symbol: 'pin', symbolSize: 26,
          label: { position: 'top', formatter: '{b}', fontSize: 11, color: cssColor('--text') },
          data: markers,
        },
        markLine: {
          symbol: 'none',
          data: [level('invalidation level', m.trigger_price, down), level('key level', m.trigger_low, '#e0a800')],
        },
      },
      { name: 'MA7', type: 'line', data: data.ma7.map((v) => (v === null ? '-' : Number(v))), showSymbol: false, smooth: false, lineStyle: { width: 1.2 } },
      { name: 'MA25', type: 'line', data: data.ma25.map((v) => (v === null ? '-' : Number(v))), showSymbol: false, lineStyle: { width: 1.2 } },
      {
        name: 'Volume', type: 'bar', xAxisIndex: 1, yAxisIndex: 1,
        data: data.klines.map((b) => ({ value: Number(b.volume), itemStyle: { color: Number(b.close) >= Number(b.open) ? up : down } })),
      },
      ...outcome,
    ],
  };
  if (!chart) {
    chartBox.replaceChildren();
    chart = window.echarts.init(chartBox, chartTheme());
    chart.on('finished', () => {
      if (!performance.getEntriesByName('chart-drawn').length) performance.mark('chart-drawn');
      showState('ready');
    });
    window.addEventListener('resize', () => chart && chart.resize());
  }
  chart.setOption(option, true);
}

/**
 * The outcome on the chart: entry, lowest low, the hold exit and the invalidation-stop exit as labelled points on
 * their bars (one "Exit" when both exits are the same bar and price), and the rebound as a line at the rebound high
 * over the bars it was measured on (from the lowest + 3 to the window's end). Points off the chart's bars are left out.
 */
function outcomeSeries(o, times) {
  if (!o || !o.entry_time) return [];
  const onChart = new Set(times);
  const iso = (t) => new Date(t).toISOString();
  const point = (name, time, value, position, color) => (time && onChart.has(iso(time)) ? {
    name, value: [iso(time), Number(value)],
    label: { show: true, formatter: name, position, backgroundColor: cssColor('--panel'), padding: [1, 3], borderRadius: 3 },
    itemStyle: { color },
  } : null);
  const stop = o.invalidation_stop;
  const sameExit = stop && stop.exit_time === o.exit_time && Number(stop.exit_price) === Number(o.exit_price);
  const points = [
    point('Entry', o.entry_time, o.entry_price, 'left', '#7a5af5'),
    point('Lowest', o.lowest_time, o.lowest_price, 'bottom', cssColor('--up')),
    point(sameExit ? 'Exit' : 'Exit (hold)', o.exit_time, o.exit_price, 'right', '#2f7ed8'),
    sameExit || !stop ? null : point('Stop exit', stop.exit_time, stop.exit_price, 'top', '#d23c3c'),
  ].filter(Boolean);
  const series = { name: 'Outcome', type: 'scatter', symbol: 'diamond', symbolSize: 12, z: 5, data: points };
  const from = o.lowest_time ? times.indexOf(iso(o.lowest_time)) + 3 : -1;
  const to = o.exit_time ? times.indexOf(iso(o.exit_time)) : -1;
  if (o.rebound_high_price !== null && from >= 3 && to >= from) {
    series.markLine = { symbol: 'none', lineStyle: { color: o.has_rebound ? '#d23c3c' : cssColor('--muted'), type: 'dotted', width: 2 },
      label: { formatter: 'Rebound ' + Number(o.rebound_percent).toFixed(2) + ' %', position: 'insideEndTop' },
      data: [[{ name: 'Rebound', coord: [times[from], Number(o.rebound_high_price)] }, { coord: [times[to], Number(o.rebound_high_price)] }]] };
  }
  return [series];
}

onThemeChange(() => {
  if (chart) chart.dispose();
  chart = null;
  if (last) draw(last.detail, last.chartData);
});

if (!id) {
  showState('error', 'No monitor id in this address. ', h('a', { href: '/dashboard/' }, 'Back to the monitor pool'));
} else {
  showState('loading', 'Loading monitor ' + id + '…');
  load();
}
