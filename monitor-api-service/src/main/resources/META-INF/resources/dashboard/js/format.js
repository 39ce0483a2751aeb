// How values are shown: times in the browser's time zone (UTC on hover), prices with the exchange's digits.
import { h } from './dom.js';

export const STATUSES = ['pending', 'suspected_abandonment', 'confirmed_abandonment', 'invalidated', 'expired'];
export const STATUS_LABELS = {
  pending: 'pending', suspected_abandonment: 'suspected abandonment', confirmed_abandonment: 'confirmed abandonment',
  invalidated: 'invalidated', expired: 'expired',
};
export const REASON_LABELS = {
  discovery: 'Trigger', confirmation: 'Confirmation', validation: 'Validation', invalidation: 'Invalidation', expiry: 'Expiry',
};

const LOCAL = new Intl.DateTimeFormat(undefined, {
  year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', timeZoneName: 'short',
});
const LOCAL_SHORT = new Intl.DateTimeFormat(undefined, { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

export function localTime(iso) {
  return LOCAL.format(new Date(iso));
}

export function localShort(iso) {
  return LOCAL_SHORT.format(new Date(iso));
}

/** "2021-07-13 05:00 UTC" */
export function utcTime(iso) {
  return new Date(iso).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

/** <time> in local time, the UTC time on hover. */
export function timeElement(iso) {
  if (!iso) return h('span', { class: 'muted' }, '–');
  return h('time', { datetime: iso, title: utcTime(iso) }, localTime(iso));
}

/**
 * Binance pads its quotes to 8 decimals; the digits the exchange really uses for a market are the most any of its
 * prices needs once those padding zeros are gone (e.g. 0.65700000, 0.66010000 → 4).
 */
export function digitsOf(prices) {
  let digits = 0;
  for (const p of prices) {
    if (p === null || p === undefined) continue;
    const decimals = String(p).split('.')[1] || '';
    digits = Math.max(digits, decimals.replace(/0+$/, '').length);
  }
  return digits;
}

/** A decimal string cut or padded to {@code digits} decimals, without going through a float (no rounding errors). */
export function price(value, digits) {
  if (value === null || value === undefined) return '–';
  const [whole, decimals = ''] = String(value).split('.');
  if (digits === 0) return whole;
  return whole + '.' + (decimals + '0'.repeat(digits)).slice(0, digits);
}

/** A traded volume as the exchange sent it, without its padding zeros, thousands grouped (exact: no float). */
export function volume(value) {
  if (value === null || value === undefined) return '–';
  const [whole, decimals = ''] = String(value).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const kept = decimals.replace(/0+$/, '');
  return kept ? grouped + '.' + kept : grouped;
}

export function percent(value) {
  if (value === null || value === undefined) return h('span', { class: 'muted' }, '–');
  const n = Number(value);
  return h('span', { class: n >= 0 ? 'up' : 'down' }, (n > 0 ? '+' : '') + n.toFixed(2) + ' %');
}

export function statusBadge(status) {
  return h('span', { class: 'badge ' + status }, STATUS_LABELS[status] || status);
}

export function marketBadge(market) {
  return h('span', { class: 'badge market' }, market);
}

/** An indicator value: ratios and percentages to 2 decimals, small numbers with their significant digits. */
export function number(value) {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  const n = Number(value);
  if (!Number.isFinite(n)) return String(value);
  const abs = Math.abs(n);
  if (abs >= 1000) return n.toLocaleString(undefined, { maximumFractionDigits: 2 });
  if (abs >= 1 || abs === 0) return n.toLocaleString(undefined, { maximumFractionDigits: 4 });
  return n.toPrecision(6).replace(/0+$/, '').replace(/\.$/, '');
}

export const OUTCOME_STATUS_LABELS = { completed: 'completed', open: 'open', insufficient_data: 'insufficient data' };

export function outcomeBadge(status) {
  return h('span', { class: 'badge outcome-' + status }, OUTCOME_STATUS_LABELS[status] || status);
}

/**
 * A profit factor as the API gives it: a number, or null with {@code infinite} when nothing lost, or null when nothing
 * won either. Below 1 the trades lost more than they won.
 */
export function profitFactor(value, infinite) {
  if (value === null || value === undefined) {
    return infinite ? h('span', { class: 'up', title: 'no losing trade' }, '∞') : h('span', { class: 'muted' }, '–');
  }
  const n = Number(value);
  return h('span', { class: n < 1 ? 'down' : 'up', title: n < 1 ? 'below 1: losses exceed profits' : 'gross profit ÷ gross loss' },
    n.toFixed(2));
}

/** A plain number with fixed decimals, or a dash. */
export function fixed(value, decimals = 2) {
  return value === null || value === undefined ? '–' : Number(value).toFixed(decimals);
}

/** A max drawdown (the API's positive number: how far the price rose against the short), red when above 0. */
export function drawdown(value) {
  if (value === null || value === undefined) return h('span', { class: 'muted' }, '–');
  const n = Number(value);
  return h('span', { class: n > 0 ? 'down' : 'muted' }, n.toFixed(2) + ' %');
}
