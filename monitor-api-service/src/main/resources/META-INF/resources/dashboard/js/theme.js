// The chart library's theme follows the browser's light/dark preference, like the page's CSS does.
const query = window.matchMedia('(prefers-color-scheme: dark)');

export function chartTheme() {
  return query.matches ? 'dark' : null;
}

/** Calls {@code redraw} when the preference changes while the page is open. */
export function onThemeChange(redraw) {
  query.addEventListener('change', redraw);
}

/** Colours of the CSS theme, for the chart. */
export function cssColor(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}
