// One monitor: its facts, a candlestick chart of its series with every transition marked at its bar, and the
// transition log with readable indicator snapshots. Reloads by itself when the monitor changes.
import { getJson, ApiError } from './api.js';
import { h, replaceChildren, showState } from './dom.js';
import { REASON_LABELS, digitsOf, price, percent, volume, statusBadge, marketBadge, timeElement, localShort,
  utcTime } from './format.js';
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
  const digits = digitsOf([m.trigger_price, m.trigger_high, m.trigger_low, m.current_price,
    ...bars.flatMap((b) => [b.open, b.high, b.low, b.close])]);
  document.title = `${m.symbol} ${m.market_type} ${m.interval} · TrapWatch`;
  replaceChildren(document.getElementById('title'), m.symbol + ' ', marketBadge(m.market_type), ' ', m.interval, ' ',
    statusBadge(m.status));
  drawFacts(m, digits);
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
    legend: { top: 0, data: [m.symbol, 'MA7', 'MA25', 'Volume'] },
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
