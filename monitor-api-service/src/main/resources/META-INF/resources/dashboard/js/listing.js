// Tables whose view lives in the URL (the monitor pool, the backtest list): page links and sortable column headers.
import { h, replaceChildren } from './dom.js';

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
export function followPageLinks(nav, render) {
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
