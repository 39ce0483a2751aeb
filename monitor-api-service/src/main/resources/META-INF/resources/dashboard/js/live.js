// Live updates over server-sent events (GET /api/volume-trap/events). The browser's EventSource reconnects by itself
// and sends Last-Event-ID, so changes made while the connection was down are replayed by the service.

/**
 * Opens the stream with the given filters; {@code onChange(events)} is called with the monitor change events (or
 * with null after a resync: reload everything). Returns a function that closes the stream.
 */
export function follow(filters, onChange) {
  const indicator = document.getElementById('live');
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) {
    if (value) query.set(name, value);
  }
  const source = new EventSource('/api/volume-trap/events' + (query.size ? '?' + query : ''));
  const show = (state, text) => {
    indicator.dataset.state = state;
    indicator.textContent = text;
  };
  show('connecting', 'connecting…');
  source.addEventListener('ready', () => show('open', 'live'));
  source.addEventListener('monitor', (e) => {
    // Counted on the page so tests and the benchmark can see when a change arrived.
    document.body.dataset.liveEvents = Number(document.body.dataset.liveEvents || 0) + 1;
    onChange([JSON.parse(e.data)]);
  });
  source.addEventListener('resync', () => onChange(null));
  source.onerror = () => show(source.readyState === EventSource.CLOSED ? 'closed' : 'connecting',
    source.readyState === EventSource.CLOSED ? 'offline' : 'reconnecting…');
  return () => source.close();
}

/** Folds bursts of calls into one, {@code ms} after the last. */
export function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}
