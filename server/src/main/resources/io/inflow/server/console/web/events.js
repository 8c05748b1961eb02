// Server-sent events over fetch(): EventSource cannot send the bearer header, so the stream is read and parsed here
// (id:, event:, data: and retry: lines; ":" comments are heartbeats). When the stream breaks or goes silent, it
// reconnects with a growing, jittered delay and sends Last-Event-ID, so the server resumes after the last event seen
// (or sends "reset" when it cannot, and the page reloads its state).

import { apiKey, ApiError } from './api.js';

/** The server sends a heartbeat at least every 15 s: silence for this long means the connection is dead. */
const SILENCE_MS = 45_000;
const FIRST_DELAY_MS = 1_000;
const MAX_DELAY_MS = 30_000;

/**
 * Opens an event stream of the API. onEvent(type, payload, id) gets each event, payload parsed from its JSON data
 * (null when it has none or it is not JSON). onState(state) gets 'connecting', 'live', 'reconnecting' or 'closed'.
 * onUnauthorized(error) when the key is refused. Answers {close()}.
 */
export function openStream(path, { onEvent, onState = () => {}, onUnauthorized = () => {} }) {
  let lastEventId = null;
  let closed = false;
  let controller = null;
  let attempt = 0;
  let retryMs = FIRST_DELAY_MS;
  let reconnectTimer = null;
  let silenceTimer = null;

  function heard() {
    clearTimeout(silenceTimer);
    silenceTimer = setTimeout(() => controller?.abort(), SILENCE_MS);
  }

  async function connect() {
    if (closed) return;
    onState(attempt === 0 ? 'connecting' : 'reconnecting');
    controller = new AbortController();
    const headers = { Authorization: `Bearer ${apiKey()}`, Accept: 'text/event-stream' };
    if (lastEventId !== null) headers['Last-Event-ID'] = lastEventId;
    try {
      heard();
      const response = await fetch(`/api/v1${path}`, { headers, signal: controller.signal, cache: 'no-store' });
      if (response.status === 401) {
        closed = true;
        onState('closed');
        onUnauthorized(new ApiError(401, await response.json().catch(() => null)));
        return;
      }
      const type = response.headers.get('Content-Type') || '';
      if (!response.ok || !type.startsWith('text/event-stream')) {
        throw new Error(`the event stream answered ${response.status} ${type}`);
      }
      attempt = 0;
      onState('live');
      await read(response.body);
    } catch (e) {
      // a network error, an abort for silence, or an answer that is no stream: all end in a reconnect
    } finally {
      clearTimeout(silenceTimer);
    }
    if (closed) return;
    attempt += 1;
    onState('reconnecting');
    const delay = Math.min(MAX_DELAY_MS, retryMs * 2 ** Math.min(attempt - 1, 5));
    reconnectTimer = setTimeout(connect, delay / 2 + Math.random() * (delay / 2));
  }

  async function read(body) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let data = [];
    let type = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done || closed) return;
      heard();
      buffer += value;
      let end;
      while ((end = buffer.search(/\r\n|\r|\n/)) >= 0) {
        // a lone \r at the end of a chunk may be the first half of \r\n: wait for the next chunk
        if (buffer[end] === '\r' && end === buffer.length - 1) break;
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + (buffer.startsWith('\r\n', end) ? 2 : 1));
        if (line === '') {
          if (data.length) dispatch(type || 'message', data.join('\n'));
          data = [];
          type = '';
          continue;
        }
        if (line.startsWith(':')) continue; // a comment: the heartbeat, already heard
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        let text = colon < 0 ? '' : line.slice(colon + 1);
        if (text.startsWith(' ')) text = text.slice(1);
        if (field === 'data') data.push(text);
        else if (field === 'event') type = text;
        else if (field === 'id' && !text.includes('\0')) lastEventId = text;
        else if (field === 'retry' && /^\d+$/.test(text)) retryMs = Number(text);
      }
    }
  }

  function dispatch(type, data) {
    let payload = null;
    try {
      payload = JSON.parse(data);
    } catch {
      payload = null;
    }
    try {
      onEvent(type, payload, lastEventId);
    } catch (e) {
      console.error('event handler failed', type, e);
    }
  }

  connect();
  return {
    close() {
      closed = true;
      clearTimeout(reconnectTimer);
      clearTimeout(silenceTimer);
      controller?.abort();
      onState('closed');
    },
  };
}

/** A small badge that says whether a page's live updates flow. */
export function liveState(el) {
  const words = {
    connecting: 'connecting…',
    live: 'live',
    reconnecting: 'reconnecting…',
    closed: 'not live',
  };
  return (state) => {
    el.textContent = words[state] || state;
    el.dataset.state = state;
  };
}
