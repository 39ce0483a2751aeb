// The monitor pool: filters and sort live in the URL (same names as the API's), so a copied link opens the same view
// and back/forward walk through the views.
import { getJson } from './api.js';
import { h, replaceChildren, showState } from './dom.js';
import { STATUSES, STATUS_LABELS, digitsOf, price, percent, statusBadge, marketBadge, timeElement } from './format.js';
import { listView, listLoader, wireFilters, drawPages, sortableHeaders, markSort, nextSort, rowLink } from './listing.js';

const PAGE_SIZE = 20;
const FILTERS = ['market_type', 'status', 'interval', 'symbol', 'start_date', 'end_date'];
const DEFAULT_SORT = '-trigger_time';
/** Columns whose first click sorts ascending; the others (times, prices, change) start with the largest. */
const ASCENDING_FIRST = new Set(['symbol', 'market_type', 'interval', 'status']);

const form = document.getElementById('filters');
const tbody = document.querySelector('#pool tbody');
const flashIds = new Set();

/** The view as the URL says it: every filter, the sort and the page. */
const { viewFromUrl, urlOf } = listView({ filters: FILTERS, order: 'sort', defaultOrder: DEFAULT_SORT });

function go(view) {
  history.pushState(null, '', urlOf(view));
  render();
}

function selectedStatuses(view) {
  return view.status ? view.status.split(',').filter((s) => STATUSES.includes(s)) : [];
}

/** Puts the URL's view into the form controls. */
function fillForm(view) {
  form.querySelector(`input[name=market_type][value="${view.market_type || 'all'}"]`).checked = true;
  const chosen = selectedStatuses(view);
  for (const box of form.querySelectorAll('input[name=status]')) box.checked = chosen.includes(box.value);
  form.elements.interval.value = view.interval;
  if (document.activeElement !== form.elements.symbol) form.elements.symbol.value = view.symbol;
  form.elements.start_date.value = view.start_date;
  form.elements.end_date.value = view.end_date;
  markSort(document.getElementById('pool'), view.sort);
}

/** The view the form now shows (page back to 1: the filter changed). */
function viewFromForm() {
  const view = viewFromUrl();
  view.market_type = form.querySelector('input[name=market_type]:checked').value;
  if (view.market_type === 'all') view.market_type = '';
  const chosen = [...form.querySelectorAll('input[name=status]:checked')].map((b) => b.value);
  view.status = chosen.length === STATUSES.length ? '' : chosen.join(',');
  view.interval = form.elements.interval.value;
  view.symbol = form.elements.symbol.value.trim().toUpperCase();
  view.start_date = form.elements.start_date.value;
  view.end_date = form.elements.end_date.value;
  view.page = 1;
  return view;
}

function buildStatusChoices() {
  const box = document.getElementById('statuses');
  for (const status of STATUSES) {
    box.append(h('label', { class: 'status-choice' },
      h('input', { type: 'checkbox', name: 'status', value: status }),
      h('span', { class: 'badge ' + status }, STATUS_LABELS[status]),
      h('span', { class: 'count', 'data-count': status })));
  }
}

const render = listLoader({ viewFromUrl, urlOf, tbody, what: 'monitors', fillForm,
  // Any change under the market/interval/symbol filter may move rows or counts; changed rows flash.
  live: {
    filter: (view) => ({ market_type: view.market_type, interval: view.interval, symbol: view.symbol }),
    waitMs: 250,
    onEvents: (events) => {
      for (const e of events || []) flashIds.add(e.monitor.id);
    },
  },
  load(view) {
    const filters = {};
    for (const name of FILTERS) filters[name] = view[name];
    return Promise.all([
      getJson('monitors/', { ...filters, sort: view.sort === DEFAULT_SORT ? '' : view.sort, page: view.page, page_size: PAGE_SIZE }),
      getJson('monitors/status-counts/', { ...filters, status: '' }),
    ]);
  },
  draw });

function draw(view, [page, counts]) {
  for (const status of STATUSES) {
    document.querySelector(`[data-count="${status}"]`).textContent = counts.counts[status] ?? 0;
  }
  const chosen = selectedStatuses(view);
  replaceChildren(document.getElementById('summary'),
    h('strong', { id: 'total' }, String(page.count)), ' monitors',
    chosen.length ? ' with status ' + chosen.map((s) => STATUS_LABELS[s]).join(', ') : '',
    ' · ', String(counts.total), ' under these filters in every status');
  tbody.replaceChildren(...page.results.map(row));
  flashIds.clear();
  drawPages(document.getElementById('pages'), view.page, page.count, PAGE_SIZE, (p) => urlOf({ ...view, page: p }));
  if (page.results.length === 0) {
    showState('empty', 'No monitors match these filters. ', h('a', { href: location.pathname }, 'Show all monitors'));
  } else {
    showState('ready');
  }
  if (!performance.getEntriesByName('pool-rendered').length) performance.mark('pool-rendered');
}

function row(m) {
  const digits = digitsOf([m.trigger_price, m.trigger_high, m.trigger_low, m.current_price]);
  const href = '/dashboard/monitors/' + m.id;
  const tr = h('tr', { 'data-id': m.id, class: flashIds.has(m.id) ? 'flash' : null },
    h('td', {}, h('a', { href }, m.symbol)),
    h('td', {}, marketBadge(m.market_type)),
    h('td', {}, m.interval),
    h('td', {}, statusBadge(m.status)),
    h('td', {}, timeElement(m.trigger_time)),
    h('td', { class: 'num' }, price(m.trigger_price, digits)),
    h('td', { class: 'num' }, price(m.current_price, digits)),
    h('td', { class: 'num' }, percent(m.price_change_percent)));
  return rowLink(tr, href);
}

function wire() {
  buildStatusChoices();
  wireFilters(form, { viewFromForm, go, render });
  document.getElementById('all-statuses').addEventListener('click', () => go({ ...viewFromForm(), status: '' }));
  sortableHeaders(document.getElementById('pool'), (column) => {
    const view = viewFromUrl();
    go({ ...view, sort: nextSort(view.sort, column, ASCENDING_FIRST.has(column)), page: 1 });
  });
  render();
}

wire();
