// One run, live from its event stream: per-stream progress, counts, records per second, the time left, why it
// waits, and the error in words when it failed; an admin key can cancel or resume it.

import * as api from '../api.js';
import { h, fill, num, count, time, duration, relative, isActive, statusBadge, runProgress, progressBar, notice, table, row } from '../dom.js';

const STREAM_COLUMNS = ['Stream', 'Status', 'Mode', 'Progress', 'Inserted', 'Updated', 'Unchanged', 'Failed', 'Deleted', 'Started', 'Finished'];
const RESUMABLE = new Set(['failed', 'interrupted', 'cancelled']);
/** The rate is measured over the last few seconds of progress, so it follows the import's pace. */
const RATE_WINDOW_MS = 10_000;

export default async function run(ctx) {
  const id = Number(ctx.parts[1]);
  const heading = h('h1', {}, `Run ${id}`);
  const badge = h('span', { id: 'run-status' });
  const buttons = h('div', { class: 'actions', id: 'run-actions' });
  const messages = h('div', { 'aria-live': 'polite' });
  const state = h('div', { id: 'run-state' });
  const figures = h('dl', { class: 'figures', id: 'run-figures' });
  const facts = h('dl', { class: 'facts' });
  const streams = h('div', { id: 'run-streams' });
  let current = null;
  let shownStatus = null;
  let factsShown = null;
  let connectionName = null;
  const samples = []; // [time ms, records done]

  fill(ctx.main,
    h('div', { class: 'toolbar' }, heading, badge, buttons),
    messages, state, figures,
    h('h2', {}, 'Streams'), streams,
    h('h2', {}, 'Details'), h('div', { class: 'panel' }, facts));

  function rate(run) {
    if (!isActive(run.status)) return run.recordsPerSecond;
    const now = Date.now();
    const done = runProgress(run).done;
    if (!samples.length || samples[samples.length - 1][1] !== done) samples.push([now, done]);
    while (samples.length > 2 && now - samples[0][0] > RATE_WINDOW_MS) samples.shift();
    if (samples.length >= 2) {
      const [t0, d0] = samples[0];
      const [t1, d1] = samples[samples.length - 1];
      if (t1 - t0 >= 1000) return Math.round(((d1 - d0) * 10000) / (t1 - t0)) / 10;
    }
    return run.recordsPerSecond;
  }

  function figure(label, value, name) {
    return h('div', { class: name === 'progress' ? 'figure wide' : 'figure' }, h('dt', {}, label),
      h('dd', name ? { id: `figure-${name}` } : {}, value));
  }

  function update(run) {
    current = run;
    fill(badge, statusBadge(run.status));
    const p = runProgress(run);
    const perSecond = rate(run);
    let eta = null;
    if (isActive(run.status) && p.total !== null && perSecond > 0) eta = (p.total - p.done) / perSecond;
    fill(figures,
      figure('Progress', progressBar(`Progress of run ${run.id}`, p.done, p.total, p.percent, isActive(run.status)), 'progress'),
      figure('Inserted', count('inserted', run.counts.inserted)),
      figure('Updated', count('updated', run.counts.updated)),
      figure('Unchanged', count('unchanged', run.counts.unchanged)),
      figure('Failed', count('failed', run.counts.failed)),
      figure('Deleted', count('deleted', run.counts.deleted)),
      figure(isActive(run.status) ? 'Records/s' : 'Records/s (average)', num(perSecond === null ? null : Math.round(perSecond)), 'rate'),
      figure(isActive(run.status) ? 'Time left' : 'Duration',
        isActive(run.status) ? (eta === null ? '–' : duration(eta)) : duration(run.durationSeconds), 'time'));

    const parts = [];
    if (run.waitingReason) {
      parts.push(notice('warn', h('strong', {}, 'Waiting: '), h('span', { id: 'waiting-reason' }, run.waitingReason),
        run.waitingUntil ? h('p', {}, 'Until ', time(run.waitingUntil), ` (${relative(run.waitingUntil)}).`) : null,
        run.resumeAt ? h('p', {}, 'It continues by itself at ', time(run.resumeAt), '.') : null));
    }
    if (run.error && !isActive(run.status)) {
      const what = { failed: 'This run failed', interrupted: 'This run was interrupted', cancelled: 'This run was cancelled' }[run.status]
        || 'This run ended with an error';
      parts.push(notice('error', h('strong', {}, `${what}: `), h('span', { id: 'run-error' }, run.error)));
    } else if (run.status === 'cancelled') {
      parts.push(notice('info', 'This run was cancelled; its checkpoints are kept, so a resume continues where it stopped.'));
    } else if (run.status === 'succeeded') {
      parts.push(notice('ok', `Succeeded in ${duration(run.durationSeconds)}.`));
    }
    fill(state, parts);

    const names = Object.keys(run.streams);
    fill(streams, names.length
      ? table(null, STREAM_COLUMNS, names.map((name) => {
        const s = run.streams[name];
        return row(STREAM_COLUMNS, [h('strong', {}, name), statusBadge(s.status), s.mode,
          progressBar(`Progress of stream ${name}`, s.done, s.estimatedTotal === null ? (s.status === 'succeeded' ? s.done : null)
            : Math.max(s.estimatedTotal, s.done), s.percent, s.status === 'running' || s.status === 'pending'),
          num(s.inserted), num(s.updated), num(s.unchanged), num(s.failed), num(s.deleted),
          time(s.startedAt), time(s.finishedAt)], { dataset: { stream: name } });
      }), { id: 'streams' })
      : h('p', { class: 'muted' }, 'No stream has started yet.'));

    const factsNow = JSON.stringify([connectionName, run.requestedBy, run.node, run.notes, run.startedAt, run.finishedAt]);
    if (factsNow !== factsShown) {
      factsShown = factsNow; // rebuilt only when they change, so their links stay clickable
      fill(facts,
      h('dt', {}, 'Connection'), h('dd', {}, h('a', { href: `#/history?connection=${run.connection}` }, connectionName || `#${run.connection}`)),
      h('dt', {}, 'Trigger'), h('dd', {}, run.trigger),
      h('dt', {}, 'Mode'), h('dd', {}, run.mode),
      h('dt', {}, 'Requested by'), h('dd', {}, run.requestedBy || '–'),
      h('dt', {}, 'Node'), h('dd', {}, run.node || '–'),
      h('dt', {}, 'Notes'), h('dd', {}, run.notes || '–'),
      h('dt', {}, 'Created'), h('dd', {}, time(run.createdAt)),
      h('dt', {}, 'Started'), h('dd', {}, time(run.startedAt)),
      h('dt', {}, 'Finished'), h('dd', {}, time(run.finishedAt)),
      h('dt', {}, 'Dead letters'), h('dd', {}, h('a', { href: `#/dead-letters?run=${run.id}&all=true` }, 'of this run')));
    }

    if (run.status !== shownStatus) {
      shownStatus = run.status;
      fill(buttons, actions(run));
    }
  }

  function actions(run) {
    if (!ctx.admin) return [];
    const list = [];
    if (isActive(run.status) && run.status !== 'cancelling') {
      list.push(h('button', { type: 'button', class: 'danger', id: 'cancel', onclick: (e) => act(e.currentTarget, async () => {
        update(await api.post(`/imports/${id}/cancel`));
      }) }, 'Cancel'));
    }
    if (RESUMABLE.has(run.status)) {
      list.push(h('button', { type: 'button', class: 'primary', id: 'resume', onclick: (e) => act(e.currentTarget, async () => {
        const resumed = await api.post(`/imports/${id}/resume`);
        ctx.go(`#/runs/${resumed.id}`);
      }) }, 'Resume'));
    }
    return list;
  }

  async function act(button, action) {
    button.disabled = true;
    try {
      fill(messages);
      await action();
    } catch (e) {
      const link = e instanceof api.ApiError && e.details?.activeRunId
        ? h('a', { href: `#/runs/${e.details.activeRunId}` }, ` Open run ${e.details.activeRunId}.`) : null;
      fill(messages, notice('error', api.errorText(e), link));
    } finally {
      button.disabled = false;
    }
  }

  const first = await api.get(`/imports/${id}`);
  if (!ctx.alive()) return;
  api.get(`/connections/${first.connection}`).then((c) => {
    connectionName = c.name;
    if (current) update(current);
  }).catch(() => {});
  update(first);
  if (!isActive(first.status)) return; // an ended run changes no more: nothing to listen to
  const stream = ctx.stream(`/imports/${id}/events`, async (type, payload) => {
    if (type === 'reset') {
      update(await api.get(`/imports/${id}`));
    } else if (type.startsWith('run.') && payload?.run?.id === id) {
      update(payload.run);
      if (!isActive(payload.run.status)) stream.close();
    }
  });
}
