// The scheduler: whether scheduled imports run cluster-wide, who changed that and when, and the fires to come; an
// admin key can start and stop it. Live from scheduler.started / scheduler.stopped.

import * as api from '../api.js';
import { h, fill, time, relative, notice, table, row } from '../dom.js';

const COLUMNS = ['When', 'Connection', 'Cron', 'Time zone'];

export default async function scheduler(ctx) {
  const messages = h('div', { 'aria-live': 'polite' });
  const state = h('div', { class: 'panel', id: 'scheduler-state' });
  const upcoming = h('div');
  const buttons = h('div', { class: 'actions' });

  function render(s) {
    fill(state, h('dl', { class: 'facts' },
      h('dt', {}, 'Scheduled imports'), h('dd', {}, h('span', { class: `badge state-${s.state}`, id: 'scheduler-status' }, s.state)),
      h('dt', {}, 'Changed'), h('dd', {}, time(s.changedAt), ' ', h('span', { class: 'muted' }, relative(s.changedAt))),
      h('dt', {}, 'Changed by'), h('dd', {}, s.changedBy || '–')));
    fill(upcoming, s.upcoming.length
      ? table(null, COLUMNS, s.upcoming.map((f) => row(COLUMNS, [
        h('span', {}, time(f.at), ' ', h('span', { class: 'muted small' }, relative(f.at))),
        h('a', { href: `#/history?connection=${f.connection}` }, f.name), h('code', {}, f.cron), f.timezone])), { id: 'upcoming' })
      : notice('info', 'No connection has an enabled schedule.'));
    if (!ctx.admin) return;
    const running = s.state === 'running';
    fill(buttons, h('button', { type: 'button', class: running ? 'danger' : 'primary', id: running ? 'stop' : 'start',
      onclick: async (e) => {
        e.currentTarget.disabled = true;
        try {
          render(await api.post(`/scheduler/${running ? 'stop' : 'start'}`));
          fill(messages, notice('ok', running ? 'Scheduled imports are stopped on every node.' : 'Scheduled imports run again.'));
        } catch (err) {
          fill(messages, notice('error', api.errorText(err)));
        }
      } }, running ? 'Stop scheduled imports' : 'Start scheduled imports'));
  }

  const first = await api.get('/scheduler');
  if (!ctx.alive()) return;
  fill(ctx.main, h('div', { class: 'toolbar' }, h('h1', {}, 'Scheduler'), buttons), messages, state,
    h('h2', {}, 'Upcoming fires'), upcoming);
  render(first);
  ctx.stream('/events', async (type, payload) => {
    if (type.startsWith('scheduler.') && payload?.scheduler) render(payload.scheduler);
    else if (type === 'reset') render(await api.get('/scheduler'));
  });
}
