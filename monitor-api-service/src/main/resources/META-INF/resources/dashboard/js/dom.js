// Small DOM helpers: elements are built with text nodes (never HTML strings), so API values cannot inject markup.

/** h('td', {class: 'num', title: 'x'}, child, 'text', ...) — attributes whose value is null/false are left out. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'dataset') Object.assign(el.dataset, value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function replaceChildren(parent, ...children) {
  parent.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
}

/** The page's state for people (the state line) and for tests and the benchmark (body[data-state]). */
export function showState(kind, ...content) {
  const box = document.getElementById('state');
  document.body.dataset.state = kind;
  box.classList.toggle('error', kind === 'error');
  if (kind === 'ready') {
    box.hidden = true;
    box.replaceChildren();
    return;
  }
  box.hidden = false;
  box.replaceChildren(...(kind === 'loading' ? [h('span', { class: 'spinner', 'aria-hidden': 'true' })] : []), ...content);
}
