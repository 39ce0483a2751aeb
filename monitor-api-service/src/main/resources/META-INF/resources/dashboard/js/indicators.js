// The indicator snapshot of a transition, readable: each detector's values, whether its condition held (the verdict
// detection-service recorded with the thresholds it ran with), and the rule with its default threshold.
import { h } from './dom.js';
import { number } from './format.js';

/** name, value keys shown, verdict key, rule (defaults from the detector specification). */
const ROWS = [
  { name: 'RVOL', keys: ['rvol_ratio'], verdict: 'rvol_triggered', rule: 'volume ÷ mean of 20 previous ≥ 8' },
  { name: 'Volume / MA volume', keys: ['current_volume', 'ma_volume'], rule: 'inputs of RVOL' },
  { name: 'Amplitude ratio', keys: ['amplitude_ratio'], verdict: 'amplitude_triggered',
    rule: 'amplitude ÷ mean of 30 previous ≥ 3 and upper shadow ≥ 50 %' },
  { name: 'Upper shadow %', keys: ['upper_shadow_ratio'], rule: 'part of the amplitude condition' },
  { name: 'Volume retention %', keys: ['volume_retention_ratio'], verdict: 'volume_retention_triggered',
    rule: 'mean volume after trigger < 15 % of trigger volume' },
  { name: 'Close vs key level', keys: ['key_level', 'breach_percentage'], verdict: 'key_level_breached',
    rule: 'close < key level (trigger low); breach %' },
  { name: 'Price efficiency', keys: ['price_efficiency', 'historical_pe_mean'], verdict: 'pe_triggered',
    rule: 'post-trigger PE > 2 × historical mean' },
  { name: 'MA7 / MA25', keys: ['ma7', 'ma25'], verdict: 'ma_death_cross', rule: 'MA7 < MA25 and MA25 slope < 0' },
  { name: 'MA25 slope %', keys: ['ma25_slope'], rule: 'part of the death cross' },
  { name: 'OBV', keys: ['obv_current', 'consecutive_no_divergence'], verdict: 'single_side_decline',
    rule: 'no bullish OBV divergence in the last 5 bars' },
  { name: 'ATR / baseline', keys: ['atr_current', 'atr_baseline'], verdict: 'atr_compressed',
    rule: 'ATR falling 5 bars and < 0.5 × baseline' },
];

/** The snapshot as a list; values no row names are listed after the rows, so nothing recorded is hidden. */
export function indicatorList(values) {
  if (!values || Object.keys(values).length === 0) {
    return h('span', { class: 'muted' }, 'no indicators recorded for this transition');
  }
  const shown = new Set();
  const items = [];
  for (const row of ROWS) {
    const present = row.keys.filter((k) => k in values);
    if (present.length === 0 && !(row.verdict && row.verdict in values)) continue;
    present.forEach((k) => shown.add(k));
    if (row.verdict) shown.add(row.verdict);
    const verdict = row.verdict ? values[row.verdict] : undefined;
    items.push(h('li', { 'data-indicator': row.keys[0] },
      verdictMark(verdict),
      h('span', {}, row.name),
      h('span', { class: 'num' }, present.map((k) => number(values[k])).join(' / ') || '–'),
      h('span', { class: 'rule' }, row.rule)));
  }
  for (const [key, value] of Object.entries(values)) {
    if (shown.has(key)) continue;
    items.push(h('li', { 'data-indicator': key }, h('span', {}), h('span', {}, key.replaceAll('_', ' ')),
      h('span', { class: 'num' }, number(value)), h('span', {})));
  }
  return h('ul', { class: 'indicators' }, items);
}

function verdictMark(verdict) {
  if (verdict === true) return h('span', { class: 'verdict pass', title: 'condition met', 'aria-label': 'pass' }, '✓');
  if (verdict === false) return h('span', { class: 'verdict fail', title: 'condition not met', 'aria-label': 'fail' }, '✗');
  return h('span', { class: 'verdict', title: 'no verdict: an input of another condition' }, '·');
}
