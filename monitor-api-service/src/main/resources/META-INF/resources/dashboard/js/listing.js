// Tables whose view lives in the URL (the monitor pool, the backtest list): the view read from and written to the URL,
// loading and live reloading, the filter form, page links and sortable column headers.
import { ApiError } from './api.js';
import { h, replaceChildren, showState } from './dom.js';
import { follow, debounce } from './live.js';

/**
 * How a list's view and its URL map onto each other, with the API's parameter names: each of {@code filters}
 * (trimmed; market_type "all" is no filter), the order parameter {@code order} and the page. Values equal to
 * {@code defaults} (and {@code defaultOrder}, page 1) are left out of the URL, so the plain address is the default view.
 */
export function listView({ filters, order, defaultOrder, defaults = {} }) {
  function viewFromUrl() {
    const q = new URLSearchParams(location.search);
    const view = {};
    for (const name of filters) view[name] = (q.get(name) || '').trim() || defaults[name] || '';
    if (view.market_type === 'all') view.market_type = '';
    view[order] = q.get(order) || defaultOrder;
    view.page = Math.max(1, parseInt(q.get('page') || '1', 10) || 1);
    return view;
  }
  function urlOf(view) {
    const q = new URLSearchParams();
    for (const name of filters) if (view[name] && view[name] !== defaults[name]) q.set(name, view[name]);
    if (view[order] !== defaultOrder) q.set(order, view[order]);
    if (view.page > 1) q.set('page', view.page);
    return location.pathname + (q.size ? '?' + q : '');
  }
  return { viewFromUrl, urlOf };
}

/**
 * Loads and draws a list's view. {@code render()} reads the view from the URL, puts it in the form with
 * {@code fillForm(view)}, follows the live changes of {@code live.filter(view)}, fetches with {@code load(view)} and
 * draws with {@code draw(view, loaded)}; an answer overtaken by a newer load is dropped. A live change calls
 * {@code live.onEvents(events)}, then reloads quietly (the table stays, no "Loading…") at most once per
 * {@code live.waitMs}. One stream is open at a time, reopened when the filter changes. {@code what} names the rows.
 */
export function listLoader({ viewFromUrl, urlOf, tbody, what, fillForm, live, load, draw }) {
  let loadNumber = 0;
  let quiet = false;
  let followed = null;
  let stopLive = null;
  const reload = debounce(() => {
    quiet = true;
    render();
  }, live.waitMs);

  function followChanges(view) {
    const filter = live.filter(view);
    const key = JSON.stringify(filter);
    if (key === followed) return;
    followed = key;
    if (stopLive) stopLive();
    stopLive = follow(filter, (events) => {
      if (live.onEvents) live.onEvents(events);
      reload();
    });
  }

  async function render() {
    const view = viewFromUrl();
    fillForm(view);
    followChanges(view);
    const mine = ++loadNumber;
    const keepTable = document.body.dataset.state === 'ready' && quiet;
    quiet = false;
    if (!keepTable) showState('loading', 'Loading ' + what + '…');
    try {
      const loaded = await load(view);
      if (mine !== loadNumber) return;
      draw(view, loaded);
    } catch (e) {
      if (mine !== loadNumber) return;
      return loadFailed(e, view, { tbody, urlOf, render, what });
    }
  }
  return render;
}

/**
 * The filter form and the links around the list: a changed filter (the symbol after a pause in typing) or a submit
 * shows {@code viewFromForm()} with {@code go}; the reset link, a page link and back/forward render the URL's view.
 */
export function wireFilters(form, { viewFromForm, go, render }) {
  form.addEventListener('change', (e) => {
    if (e.target.name !== 'symbol') go(viewFromForm());
  });
  form.elements.symbol.addEventListener('input', debounce(() => go(viewFromForm()), 400));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    go(viewFromForm());
  });
  document.getElementById('reset').addEventListener('click', () => {
    history.pushState(null, '', location.pathname);
    render();
  });
  followPageLinks(document.getElementById('pages'), render);
  window.addEventListener('popstate', render);
}

/**
 * A list that could not be loaded: a page past the end (fewer rows now, or an old link) shows the first page
 * instead; anything else empties the table, its summary and page links and offers a retry. {@code what} names the
 * rows ("monitors").
 */
function loadFailed(e, view, { tbody, urlOf, render, what }) {
  if (e instanceof ApiError && e.status === 404 && view.page > 1) {
    history.replaceState(null, '', urlOf({ ...view, page: 1 }));
    return render();
  }
  tbody.replaceChildren();
  replaceChildren(document.getElementById('pages'));
  replaceChildren(document.getElementById('summary'));
  showState('error', 'Could not load the ' + what + ' — ' + e.message + ' ', h('button', { type: 'button', id: 'retry' }, 'Retry'));
  document.getElementById('retry').addEventListener('click', render);
  return undefined;
}

/**
 * First, previous, the current page ± 2 with gaps, next, last — real links (data-page), so they open in new tabs
 * too. {@code hrefOf(page)} is the address of a page of the same view.
 */
export function drawPages(nav, current, count, pageSize, hrefOf) {
  const last = Math.max(1, Math.ceil(count / pageSize));
  if (last === 1) return replaceChildren(nav);
  const link = (page, text, label) => page === current
    ? h('span', { 'aria-current': 'page' }, text)
    : h('a', { href: hrefOf(page), 'data-page': page, 'aria-label': label || 'Page ' + page }, text);
  const items = [];
  if (current > 1) items.push(link(current - 1, '‹ Previous', 'Previous page'));
  let previous = 0;
  for (let p = 1; p <= last; p++) {
    if (p === 1 || p === last || Math.abs(p - current) <= 2) {
      if (p - previous > 1) items.push(h('span', { class: 'gap' }, '…'));
      items.push(link(p, String(p)));
      previous = p;
    }
  }
  if (current < last) items.push(link(current + 1, 'Next ›', 'Next page'));
  replaceChildren(nav, items);
}

/** A click on a page link shows that page in place (pushState, then {@code render}), unless a new tab is asked for. */
function followPageLinks(nav, render) {
  nav.addEventListener('click', (e) => {
    const a = e.target.closest('a[data-page]');
    if (!a || e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    history.pushState(null, '', a.getAttribute('href'));
    render();
  });
}

/** Turns each th[data-sort] of the table into a button; a click calls {@code onSort(column, th)}. */
export function sortableHeaders(table, onSort) {
  for (const th of table.querySelectorAll('th[data-sort]')) {
    const button = h('button', { type: 'button' }, ...th.childNodes);
    th.replaceChildren(button);
    button.addEventListener('click', () => onSort(th.dataset.sort, th));
  }
}

/** aria-sort of each sortable header for a sort written as the API does ("column" or "-column"). */
export function markSort(table, sort) {
  for (const th of table.querySelectorAll('th[data-sort]')) {
    const column = th.dataset.sort;
    th.setAttribute('aria-sort', sort === column ? 'ascending' : sort === '-' + column ? 'descending' : 'none');
  }
}

/** The sort after a click on {@code column}: a second click flips it; a first one starts as the column prefers. */
export function nextSort(current, column, ascendingFirst) {
  if (current === column) return '-' + column;
  if (current === '-' + column) return column;
  return (ascendingFirst ? '' : '-') + column;
}

/** A click anywhere on a row opens its link (the first cell holds a real link for keyboards and new tabs). */
export function rowLink(tr, href) {
  tr.addEventListener('click', (e) => {
    if (!e.target.closest('a')) location.href = href;
  });
  return tr;
}
