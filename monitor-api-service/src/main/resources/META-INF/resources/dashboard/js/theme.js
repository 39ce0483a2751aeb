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

/**
 * A chart in {@code box}, drawn by {@code draw(chart)} each time the returned function is called, drawn again in the
 * other theme when the preference changes (the library fixes a chart's theme when it is made) and resized with the
 * window.
 */
export function themedChart(box, draw) {
  let chart = null;
  const redraw = () => {
    if (!chart) chart = window.echarts.init(box, chartTheme());
    draw(chart);
  };
  onThemeChange(() => {
    if (!chart) return;
    chart.dispose();
    chart = null;
    redraw();
  });
  window.addEventListener('resize', () => chart && chart.resize());
  return redraw;
}
