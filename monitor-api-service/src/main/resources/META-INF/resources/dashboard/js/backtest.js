// The backtest list: the outcome of every monitor with the API's filters; filters, sort and page live in the URL
// (the API's parameter names), so a copied link opens the same view and back/forward walk through the views.
import { getJson } from './api.js';
import { h, replaceChildren, showState } from './dom.js';
import { digitsOf, price, percent, statusBadge, marketBadge, timeElement, outcomeBadge, drawdown } from './format.js';
import { listView, listLoader, wireFilters, drawPages, sortableHeaders, markSort, nextSort, rowLink } from './listing.js';

const PAGE_SIZE = 20;
const FILTERS = ['market_type', 'interval', 'status', 'monitor_status', 'symbol', 'start_date', 'end_date', 'result', 'exit'];
const DEFAULT_ORDER = '-entry_time';
const DEFAULT_EXIT = 'hold';
/** Columns whose first click sorts ascending; times and profits start with the largest. */
const ASCENDING_FIRST = new Set(['symbol']);

const form = document.getElementById('filters');
const table = document.getElementById('backtest');
const tbody = table.querySelector('tbody');

const { viewFromUrl, urlOf } = listView({ filters: FILTERS, order: 'order_by', defaultOrder: DEFAULT_ORDER,
  defaults: { exit: DEFAULT_EXIT } });

function go(view) {
  history.pushState(null, '', urlOf(view));
  render();
}

function fillForm(view) {
  form.querySelector(`input[name=market_type][value="${view.market_type || 'all'}"]`).checked = true;
  for (const name of ['interval', 'status', 'monitor_status', 'start_date', 'end_date', 'result', 'exit']) {
    form.elements[name].value = view[name];
  }
  if (document.activeElement !== form.elements.symbol) form.elements.symbol.value = view.symbol;
  markSort(table, view.order_by);
  // Both profit columns sort by final_profit_percent: the one of the view's exit carries the arrow.
  for (const th of table.querySelectorAll('th[data-exit]')) {
    if (th.dataset.exit !== view.exit) th.setAttribute('aria-sort', 'none');
  }
}

function viewFromForm() {
  const view = viewFromUrl();
  view.market_type = form.querySelector('input[name=market_type]:checked').value;
  if (view.market_type === 'all') view.market_type = '';
  for (const name of ['interval', 'status', 'monitor_status', 'start_date', 'end_date', 'result', 'exit']) {
    view[name] = form.elements[name].value;
  }
  view.symbol = form.elements.symbol.value.trim().toUpperCase();
  view.page = 1;
  return view;
}

const render = listLoader({ viewFromUrl, urlOf, tbody, what: 'outcomes', fillForm,
  // Monitor changes of the filtered market/interval may change rows.
  live: { filter: (view) => ({ market_type: view.market_type, interval: view.interval }), waitMs: 500 },
  load(view) {
    const params = { page: view.page, page_size: PAGE_SIZE, order_by: view.order_by === DEFAULT_ORDER ? '' : view.order_by };
    for (const name of FILTERS) params[name] = name === 'exit' && view.exit === DEFAULT_EXIT ? '' : view[name];
    return getJson('backtest/', params);
  },
  draw });

function draw(view, page) {
  const exitName = view.exit === 'invalidation_stop' ? 'invalidation stop' : 'hold';
  replaceChildren(document.getElementById('summary'), h('strong', { id: 'total' }, String(page.count)), ' outcomes',
    view.result ? ' with a ' + view.result + ' on the ' + exitName + ' exit' : '');
  tbody.replaceChildren(...page.results.map(row));
  drawPages(document.getElementById('pages'), view.page, page.count, PAGE_SIZE, (p) => urlOf({ ...view, page: p }));
  if (page.results.length === 0) {
    showState('empty', 'No outcomes match these filters. ', h('a', { href: location.pathname }, 'Show every outcome'));
  } else {
    showState('ready');
  }
}

function row(o) {
  const digits = digitsOf([o.trigger_price, o.entry_price, o.lowest_price, o.exit_price]);
  const href = '/dashboard/monitors/' + o.id;
  const stop = o.invalidation_stop;
  const tr = h('tr', { 'data-id': o.id },
    h('td', {}, h('a', { href }, o.symbol)),
    h('td', {}, marketBadge(o.market_type)),
    h('td', {}, o.interval),
    h('td', {}, statusBadge(o.monitor_status)),
    h('td', {}, outcomeBadge(o.status), o.status === 'open' ? h('span', { class: 'muted' }, ' ' + o.bars_observed + '/' + o.observation_bars) : ''),
    h('td', {}, timeElement(o.entry_time)),
    h('td', { class: 'num' }, price(o.entry_price, digits)),
    h('td', { class: 'num' }, percent(o.max_profit_percent)),
    h('td', { class: 'num' }, drawdown(o.max_drawdown_percent)),
    h('td', { class: 'num', 'data-exit': 'hold' }, percent(o.final_profit_percent)),
    h('td', { class: 'num', 'data-exit': 'invalidation_stop' }, percent(stop ? stop.final_profit_percent : null)),
    h('td', {}, stop ? (stop.exited_by === 'invalidation' ? 'invalidated ' : 'window end ') : '–',
      stop ? timeElement(stop.exit_time) : ''));
  return rowLink(tr, href);
}

function wire() {
  wireFilters(form, { viewFromForm, go, render });
  sortableHeaders(table, (column, th) => {
    const view = viewFromUrl();
    // A profit column sorts by its own exit; switching exits starts with the largest profit again.
    const exit = th.dataset.exit || view.exit;
    const current = exit === view.exit ? view.order_by : '';
    go({ ...view, exit, order_by: nextSort(current, column, ASCENDING_FIRST.has(column)), page: 1 });
  });
  render();
}

wire();
