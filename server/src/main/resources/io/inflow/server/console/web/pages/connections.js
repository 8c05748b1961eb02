// Connections: each with its plugin, schedule, last run and the progress of a run in progress, live from the event
// stream of every run; an admin key also gets the buttons that start, check, edit and delete.

import * as api from '../api.js';
import { h, fill, num, time, relative, isActive, statusBadge, runProgress, progressBar, setProgress, notice, table, row } from '../dom.js';

const COLUMNS = ['Connection', 'Plugin', 'Schedule', 'Run', 'Actions'];

export default async function connections(ctx) {
  const messages = h('div', { id: 'messages', 'aria-live': 'polite' });
  const active = new Map(); // connection id -> its run in progress
  const last = new Map(); // connection id -> its last ended run
  const rows = new Map(); // connection id -> {tr, runCell, pluginCell}
  let plugins = new Map();
  let list = [];

  // events that arrive while the page loads are kept and applied after, so none is lost in between
  let pending = [];
  ctx.stream('/events', (type, payload) => {
    if (pending) pending.push([type, payload]);
    else apply(type, payload);
  });

  async function load() {
    const [connectionList, pluginList, status] = await Promise.all([
      api.get('/connections'), api.get('/plugins'), api.get('/status')]);
    const schedules = await Promise.all(connectionList.map((c) =>
      api.get(`/connections/${c.id}/schedule`).catch(() => null)));
    list = connectionList.map((c, i) => ({ ...c, schedule: schedules[i] }));
    plugins = new Map(pluginList.map((p) => [p.id, p]));
    active.clear();
    last.clear();
    for (const progress of status.inProgress) active.set(progress.run.connection, progress.run);
    for (const lastRun of status.lastRuns) last.set(lastRun.connection, lastRun.run);
  }

  function apply(type, payload) {
    if (type === 'reset') {
      load().then(render);
      return;
    }
    if (type.startsWith('run.') && payload?.run) {
      const runNow = payload.run;
      if (isActive(runNow.status)) {
        active.set(runNow.connection, runNow);
      } else {
        if (active.get(runNow.connection)?.id === runNow.id) active.delete(runNow.connection);
        const before = last.get(runNow.connection);
        if (!before || before.id <= runNow.id) last.set(runNow.connection, runNow);
      }
      renderRun(runNow.connection);
    } else if (type === 'plugin.changed' && payload?.plugin) {
      plugins.set(payload.plugin.id, payload.plugin);
      // a connection's pluginState comes from the connection list: read it again
      api.get('/connections').then((fresh) => {
        for (const c of fresh) {
          const known = list.find((k) => k.id === c.id);
          if (known) Object.assign(known, { pluginState: c.pluginState, pluginMessage: c.pluginMessage });
        }
        for (const c of list) renderPlugin(c);
      }).catch(() => {});
    }
  }

  function say(kind, ...content) {
    fill(messages, notice(kind, ...content));
  }

  async function act(button, action) {
    button.disabled = true;
    try {
      await action();
    } catch (e) {
      if (e instanceof api.ApiError && e.code === 'run_active' && e.details.activeRunId) {
        say('error', api.errorText(e), ' ', h('a', { href: `#/runs/${e.details.activeRunId}` }, `Open run ${e.details.activeRunId}`));
      } else {
        say('error', api.errorText(e));
      }
    } finally {
      button.disabled = false;
    }
  }

  function trigger(c, mode) {
    return (event) => act(event.currentTarget, async () => {
      const queued = await api.post(`/connections/${c.id}/imports`, { mode, notes: 'from the console' });
      active.set(c.id, queued);
      renderRun(c.id);
      say('ok', `${mode === 'full' ? 'Full' : 'Incremental'} import of ${c.name} queued: `,
        h('a', { href: `#/runs/${queued.id}` }, `run ${queued.id}`), '.');
    });
  }

  function check(c) {
    return (event) => act(event.currentTarget, async () => {
      say('info', `Checking ${c.name}…`);
      const result = await api.post(`/connections/${c.id}/check`);
      say(result.ok ? 'ok' : 'error', `${c.name}: ${result.ok ? 'the check passed' : 'the check failed'} — `, result.message);
    });
  }

  function remove(c) {
    return (event) => act(event.currentTarget, async () => {
      if (!window.confirm(`Delete the connection ${c.name}? Its records stay; its schedule stops.`)) return;
      await api.del(`/connections/${c.id}`);
      say('ok', `${c.name} was deleted.`);
      await load();
      render();
    });
  }

  function runCell(id) {
    const running = active.get(id);
    if (running) {
      const p = runProgress(running);
      return h('div', { class: 'run-now', dataset: { run: String(running.id), status: running.status, waiting: running.waitingReason || '' } },
        h('div', {}, statusBadge(running.status), ' ', h('a', { href: `#/runs/${running.id}` }, `Run ${running.id}`),
          ' ', h('span', { class: 'muted small' }, running.mode)),
        progressBar(`Progress of run ${running.id}`, p.done, p.total, p.percent),
        running.waitingReason ? h('p', { class: 'small muted' }, `Waiting: ${running.waitingReason}`) : null);
    }
    const ended = last.get(id);
    if (!ended) return h('span', { class: 'muted' }, 'no run yet');
    const k = ended.counts;
    return h('div', { class: 'run-last' },
      h('div', {}, statusBadge(ended.status), ' ', h('a', { href: `#/runs/${ended.id}` }, `Run ${ended.id}`), ' ',
        h('span', { class: 'muted small' }, ended.mode, ', ', relative(ended.finishedAt || ended.createdAt))),
      h('div', { class: 'small' }, `${num(k.inserted)} inserted · ${num(k.updated)} updated · ${num(k.unchanged)} unchanged · `
        + `${num(k.failed)} failed · ${num(k.deleted)} deleted`));
  }

  function pluginCell(c) {
    const plugin = plugins.get(c.plugin);
    return h('div', {},
      h('div', {}, c.plugin, plugin?.version ? h('span', { class: 'muted small' }, ` ${plugin.version}`) : null),
      h('span', { class: `badge state-${c.pluginState}` }, c.pluginState),
      c.pluginMessage ? h('p', { class: 'small muted' }, c.pluginMessage) : null);
  }

  function scheduleCell(c) {
    const s = c.schedule;
    if (!s || !s.cron) return h('span', { class: 'muted' }, 'manual only');
    return h('div', {},
      h('code', {}, s.cron), ' ', h('span', { class: 'muted small' }, s.timezone),
      s.enabled ? null : h('div', {}, h('span', { class: 'badge state-disabled' }, 'disabled')),
      s.enabled && s.nextFireTimes.length
        ? h('div', { class: 'small' }, 'next ', time(s.nextFireTimes[0]), ' ', h('span', { class: 'muted' }, relative(s.nextFireTimes[0])))
        : null);
  }

  function actionsCell(c) {
    const links = [h('a', { href: `#/history?connection=${c.id}` }, 'History'), ' ',
      h('a', { href: `#/stats?connection=${c.id}` }, 'Stats')];
    if (!ctx.admin) return h('div', { class: 'actions' }, links);
    return h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'primary', dataset: { action: 'full' }, onclick: trigger(c, 'full') }, 'Full import'),
      h('button', { type: 'button', dataset: { action: 'incremental' }, onclick: trigger(c, 'incremental') }, 'Incremental'),
      h('button', { type: 'button', dataset: { action: 'check' }, onclick: check(c) }, 'Check'),
      h('a', { class: 'button', href: `#/connections/${c.id}/edit`, dataset: { action: 'edit' } }, 'Edit'),
      h('button', { type: 'button', class: 'danger', dataset: { action: 'delete' }, onclick: remove(c) }, 'Delete'),
      h('span', { class: 'small' }, links));
  }

  function renderRun(id) {
    const r = rows.get(id);
    if (!r) return;
    const running = active.get(id);
    // progress of the run already shown: change the bar in place, so its link stays clickable
    const shown = r.runCell.querySelector('.run-now');
    if (running && shown && shown.dataset.run === String(running.id) && shown.dataset.status === running.status
      && shown.dataset.waiting === (running.waitingReason || '')) {
      const p = runProgress(running);
      setProgress(shown.querySelector('.progress'), p.done, p.total, p.percent);
      return;
    }
    fill(r.runCell, runCell(id));
  }

  function renderPlugin(c) {
    const r = rows.get(c.id);
    if (r) fill(r.pluginCell, pluginCell(c));
  }

  function render() {
    if (!ctx.alive()) return;
    rows.clear();
    const body = list.map((c) => {
      const tr = row(COLUMNS, [
        h('div', {}, h('strong', { class: 'connection-name' }, c.name), h('span', { class: 'muted small' }, ` #${c.id}`),
          c.state !== 'ok' ? h('p', { class: 'small' }, h('span', { class: `badge state-${c.state}` }, c.state), ' ', c.stateMessage) : null),
        pluginCell(c), scheduleCell(c), runCell(c.id), actionsCell(c)], { dataset: { connection: String(c.id) } });
      const cells = tr.querySelectorAll('td');
      rows.set(c.id, { tr, pluginCell: cells[1], runCell: cells[3] });
      return tr;
    });
    fill(ctx.main,
      h('div', { class: 'toolbar' }, h('h1', {}, 'Connections'),
        ctx.admin ? h('a', { class: 'button primary', href: '#/connections/new', id: 'new-connection' }, 'New connection') : null),
      messages,
      list.length
        ? table(null, COLUMNS, body, { id: 'connections' })
        : notice('info', 'No connection yet.', ctx.admin ? ' Create one with “New connection”.' : ''));
  }

  await load();
  render();
  const early = pending;
  pending = null;
  early.forEach(([type, payload]) => apply(type, payload));
}
