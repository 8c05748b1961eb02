// Small DOM helpers: elements are built as nodes, never from HTML strings, so no API value can inject markup.

/** h('a', {href: '#/x', class: 'y'}, 'text', child, ...): an element; null and false children are left out. */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'class') {
      el.className = value;
    } else if (name === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (name in el && typeof value !== 'string') {
      el[name] = value;
    } else {
      el.setAttribute(name, value === true ? '' : value);
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces an element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

const NUMBER = new Intl.NumberFormat('en-US');

/** 20077 as "20,077"; null as "–". */
export function num(value) {
  return value === null || value === undefined ? '–' : NUMBER.format(value);
}

/** A count with its raw value in data-value, for tests and copy-paste. */
export function count(name, value) {
  return h('span', { class: 'count', dataset: { count: name, value: String(value ?? '') } }, num(value));
}

function pad(n) {
  return String(n).padStart(2, '0');
}

/** An instant as local "2026-12-05 14:03:27" in a <time>, with the UTC instant as its title. */
export function time(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  const text = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} `
    + `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  return h('time', { datetime: iso, title: iso }, text);
}

/** Seconds as "1 h 02 min", "3 min 05 s", "42 s". */
export function duration(seconds) {
  if (seconds === null || seconds === undefined || !isFinite(seconds)) return '–';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${pad(s % 60)} s`;
  return `${Math.floor(s / 3600)} h ${pad(Math.floor((s % 3600) / 60))} min`;
}

/** "in 3 min 05 s" or "2 min 10 s ago", from now. */
export function relative(iso) {
  if (!iso) return '';
  const seconds = (new Date(iso).getTime() - Date.now()) / 1000;
  return seconds >= 0 ? `in ${duration(seconds)}` : `${duration(-seconds)} ago`;
}

const ACTIVE = new Set(['queued', 'running', 'waiting', 'cancelling']);

/** Whether a run may still change. */
export function isActive(status) {
  return ACTIVE.has(status);
}

/** A run's status as a badge whose words say it (color only repeats them). */
export function statusBadge(status) {
  return h('span', { class: `badge status-${status}`, dataset: { status } }, status);
}

/**
 * A run's done / total over every stream: a stream that succeeded counts what it read, an unfinished one its
 * estimate (or what it read, if more). total is null while a stream has no estimate yet.
 */
export function runProgress(run) {
  let done = 0;
  let total = 0;
  let known = true;
  for (const stream of Object.values(run.streams || {})) {
    done += stream.done;
    if (stream.status === 'succeeded') total += stream.done;
    else if (stream.estimatedTotal !== null && stream.estimatedTotal !== undefined) {
      total += Math.max(stream.estimatedTotal, stream.done);
    } else known = false;
  }
  if (!known || total === 0) return { done, total: null, percent: null };
  return { done, total, percent: Math.round((1000 * done) / total) / 10 };
}

/**
 * A labelled progress bar: a native <progress> (a progressbar to assistive technology) and its figures in words.
 * Without a total it is indeterminate while the work goes on (moving: it is not stuck), and left out once it ended.
 */
export function progressBar(label, done, total, percent, going = true) {
  const el = h('div', { class: 'progress' },
    h('progress', { 'aria-label': label }), h('span', { class: 'progress-words' }));
  return setProgress(el, done, total, percent, going);
}

/**
 * Changes a progress bar made by progressBar in place: a page updating several times a second keeps its elements, so
 * a link or button next to it can still be clicked and focus stays where it was.
 */
export function setProgress(el, done, total, percent, going = true) {
  const known = total !== null && total !== undefined;
  const bar = el.querySelector('progress');
  bar.hidden = !known && !going;
  if (known) {
    bar.max = total;
    bar.value = done;
  } else {
    bar.removeAttribute('value');
    bar.removeAttribute('max');
  }
  el.querySelector('.progress-words').textContent = known ? `${num(done)} / ${num(total)} (${percent ?? 0}%)` : `${num(done)} / ?`;
  Object.assign(el.dataset, { done: String(done), total: String(total ?? ''), percent: String(percent ?? '') });
  return el;
}

/** A message in a box: kind is 'error', 'info', 'ok' or 'warn'. Errors are announced at once. */
export function notice(kind, ...content) {
  return h('div', { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, ...content);
}

/** A table whose cells carry their column's name, so that a phone shows each row as a card. */
export function table(caption, columns, rows, props = {}) {
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'cards', ...props },
      caption ? h('caption', {}, caption) : null,
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows)));
}

/** A row of cells labelled with the columns' names. */
export function row(columns, cells, props = {}) {
  return h('tr', props, cells.map((cell, i) => h('td', { 'data-label': columns[i] }, cell)));
}
