'use strict';
// The operator console. Plain DOM, no framework and no build step: the page ships inside the projection service and works
// offline. It holds no data and no secret of its own: every view asks the APIs with the credentials the operator entered
// (kept in this tab's sessionStorage only), so the APIs' own rules decide what it may see and do.

const state = { config: { poolUrl: '', grafanaUrl: '' }, group: null, letter: null, lanesTimer: null };
const $ = (id) => document.getElementById(id);
const CREDENTIALS = 'laneway.console.credentials';

class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => {
    if (name.startsWith('on')) node.addEventListener(name.substring(2), value);
    else if (value !== undefined && value !== null && value !== false) node.setAttribute(name, value === true ? '' : value);
  });
  children.flat(Infinity).forEach((child) => node.append(child instanceof Node ? child : document.createTextNode(child ?? '')));
  return node;
}

function notify(message, kind) {
  $('notice').textContent = message;
  $('notice').className = kind || '';
}

const fail = (error) => notify(error.message, 'error');

// ---- credentials and API calls ----

function authHeaders() {
  const credentials = sessionStorage.getItem(CREDENTIALS);
  if (!credentials) return null;
  // a JWT has three dot-separated parts; anything else is an API key
  return credentials.split('.').length === 3 ? { Authorization: 'Bearer ' + credentials } : { 'X-API-Key': credentials };
}

function showSignedIn() {
  const credentials = sessionStorage.getItem(CREDENTIALS);
  $('signed-in').textContent = credentials ? 'using …' + credentials.slice(-4) : 'no credentials';
}

async function call(base, path, options = {}) {
  const headers = authHeaders();
  if (!headers) {
    throw new ApiError('Enter an API key or token first: the console acts only with your own credentials.', 0);
  }
  const init = { method: options.method || 'GET', headers: { ...headers } };
  if (options.body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  let response;
  try {
    response = await fetch(base + path, init);
  } catch (error) {
    throw new ApiError('Could not reach ' + (base || location.origin) + ' (' + error.message + ')', 0);
  }
  const text = await response.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch (ignored) {
    body = null;
  }
  if (!response.ok) {
    // every Laneway error is problem+json: its title and detail say what to do
    const said = body && body.title ? body.title + (body.detail ? ': ' + body.detail : '') : 'HTTP ' + response.status;
    throw new ApiError(said, response.status);
  }
  return body;
}

const projection = (path, options) => call('', path, options);
const pool = (path, options) => call(state.config.poolUrl, path, options);
const orNullIfMissing = (promise) => promise.catch((error) => { if (error.status === 404) return null; throw error; });

function query(params) {
  const search = new URLSearchParams();
  Object.entries(params).forEach(([name, value]) => { if (value) search.set(name, value); });
  return search.toString();
}

const instant = (localValue) => (localValue ? new Date(localValue).toISOString() : '');
// UTC, to the millisecond: what logs and traces say, whatever the operator's locale
const time = (iso) => (iso ? new Date(iso).toISOString().replace('T', ' ').replace('Z', ' UTC') : '');

function table(caption, headings, rows) {
  return el('table', {}, el('caption', {}, caption),
    el('thead', {}, el('tr', {}, headings.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, rows.map((cells) => el('tr', {}, cells.map((c) => el('td', {}, c))))));
}

function facts(pairs) {
  return el('dl', {}, pairs.filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([name, value]) => [el('dt', {}, name), el('dd', {}, value)]));
}

const statusBadge = (status) => el('span', { class: 'status status-' + status }, status);

// ---- views ----

function show(view) {
  ['find', 'dead-letters', 'lanes'].forEach((name) => {
    $('view-' + name).hidden = name !== view;
    if (name === view) $('nav-' + name).setAttribute('aria-current', 'page');
    else $('nav-' + name).removeAttribute('aria-current');
  });
  clearInterval(state.lanesTimer);
  if (view === 'lanes') {
    loadLanes();
    state.lanesTimer = setInterval(loadLanes, 2000);
  }
}

// ---- find ----

async function find(text) {
  const out = $('find-result');
  out.replaceChildren();
  notify('');
  try {
    const message = await orNullIfMissing(projection('/v1/messages/' + encodeURIComponent(text)));
    if (message) {
      out.append(messageCard(message), await lettersOf(message.id));
      return;
    }
    const order = await orNullIfMissing(projection('/v1/orders/' + encodeURIComponent(text)));
    const correlated = await orNullIfMissing(projection('/v1/correlations/' + encodeURIComponent(text)));
    if (order) {
      const saga = state.config.sagaUrl ? await orNullIfMissing(call(state.config.sagaUrl, '/v1/sagas/' + encodeURIComponent(text))) : null;
      out.append(orderCard(order, saga));
    }
    if (correlated) {
      out.append(table('Messages with correlation id ' + text + ' (first routed first)', ['Message', ''],
        correlated.messageIds.map((id) => [id,
          el('button', { type: 'button', onclick: () => { $('find-query').value = id; find(id); } }, 'Show ' + id)])));
    }
    if (order || correlated) return;
    const byKey = state.config.routerUrl
      ? await orNullIfMissing(call(state.config.routerUrl, '/v1/messages/by-idempotency-key/' + encodeURIComponent(text))) : null;
    if (byKey) {
      out.append(table('Accepted under idempotency key ' + text, ['Client', 'Message', 'Lane', 'Accepted', ''],
        byKey.map((m) => [m.client, m.id, m.lane, time(m.acceptedAt),
          el('button', { type: 'button', onclick: () => { $('find-query').value = m.id; find(m.id); } }, 'Show ' + m.id)])));
      if (byKey.length === 1) find(byKey[0].id);
      return;
    }
    notify('No message, order or idempotency key ' + text + ' was found.', 'error');
  } catch (error) {
    fail(error);
  }
}

function messageCard(message) {
  return el('div', { class: 'card', id: 'message-card' },
    el('h3', {}, 'Message ', message.id, ' ', statusBadge(message.status)),
    facts([['Type', message.type], ['Lane', message.lane], ['Attempt', String(message.attempt)],
      ['Duration (ms)', message.durationMillis == null ? '' : String(message.durationMillis)],
      ['Updated', time(message.updatedAt)], ['Trace id', message.traceId], ['Last error', message.error]]),
    table('Timeline: every attempt, failure and retry', ['Status', 'Attempt', 'At', 'Took (ms)', 'Reason'],
      (message.history || []).map((step) => [statusBadge(step.status), String(step.attempt), time(step.at),
        step.durationMillis == null ? '' : String(step.durationMillis), step.error || ''])),
    message.payload ? el('div', {}, el('h4', {}, 'Payload'), el('pre', {}, JSON.stringify(message.payload, null, 2))) : '');
}

async function lettersOf(messageId) {
  if (!state.config.poolUrl) return el('p', {}, 'The pool API is not configured (laneway.console.pool-url): dead letters are not shown.');
  const page = await pool('/v1/dead-letters?' + query({ status: 'ANY', messageId }));
  if (!page.items.length) return el('p', {}, 'No dead letter for this message.');
  return lettersTable('Dead letters of this message', page.items);
}

function lettersTable(caption, letters) {
  return table(caption, ['Letter', 'Message', 'Attempts', 'Dead-lettered', 'Status', ''], letters.map((letter) => [
    String(letter.id), letter.messageId, String(letter.attempts), time(letter.deadLetteredAt), statusBadge(letter.status),
    el('button', { type: 'button', id: 'open-letter-' + letter.id, onclick: () => openLetter(letter.id) }, 'Open letter ' + letter.id)]));
}

function deadline(saga) {
  if (!saga || !saga.stepDeadline) return '';
  const seconds = Math.round(saga.deadlineInMillis / 1000);
  return time(saga.stepDeadline) + (seconds >= 0 ? ' (in ' + seconds + ' s)' : ' (overdue by ' + -seconds + ' s)');
}

function orderCard(order, saga) {
  return el('div', { class: 'card', id: 'order-card' },
    el('h3', {}, 'Order ', order.id, ' ', statusBadge(order.status)),
    facts([['Customer', order.customerId], ['Total (cents)', String(order.totalCents)], ['Charged (cents)', String(order.chargedCents)],
      ['Refunded (cents)', String(order.refundedCents)], ['Tracking', order.trackingNumber], ['Outcome', order.outcomeReason],
      ['Saga step', saga ? saga.step : ''], ['Step deadline', deadline(saga)], ['Saga reason', saga ? saga.reason : '']]),
    table('Saga steps and compensations', ['Event', 'At'], (order.timeline || []).map((step) => [step.event, time(step.at)])),
    table('Lines', ['Product', 'Quantity', 'Unit price (cents)'],
      (order.lines || []).map((line) => [line.sku, String(line.quantity), String(line.unitPriceCents)])));
}

// ---- dead letters ----

function filters() {
  return {
    status: $('dl-status').value, type: $('dl-type').value.trim(), lane: $('dl-lane').value,
    errorClass: $('dl-error').value.trim(), since: instant($('dl-since').value), until: instant($('dl-until').value),
  };
}

async function loadGroups() {
  const body = $('dl-groups').tBodies[0];
  body.replaceChildren();
  $('dl-letters').replaceChildren();
  $('dl-letter').replaceChildren();
  $('dl-redrive').hidden = true;
  notify('');
  try {
    const { status, type, lane, errorClass, since, until } = filters();
    const groups = await pool('/v1/dead-letters/groups?' + query({ status, type, lane, errorClass, since, until }));
    groups.forEach((group, index) => body.append(el('tr', {},
      el('td', {}, group.type), el('td', {}, group.lane), el('td', {}, el('strong', {}, group.errorClass), el('br'), group.errorMessage),
      el('td', {}, String(group.count)), el('td', {}, time(group.firstSeen)), el('td', {}, time(group.lastSeen)),
      el('td', {},
        el('button', { type: 'button', id: 'group-letters-' + index, onclick: () => showLetters(group) }, 'Letters'),
        ' ', el('button', { type: 'button', id: 'group-redrive-' + index, onclick: () => openRedrive(group) }, 'Redrive…')))));
    notify(groups.length ? groups.length + ' group(s).' : 'No dead letters match.', 'ok');
  } catch (error) {
    fail(error);
  }
}

async function showLetters(group) {
  try {
    const { status, since, until } = filters();
    const page = await pool('/v1/dead-letters?' + query({ status, fingerprint: group.fingerprint, since, until, size: '100' }));
    $('dl-letters').replaceChildren(lettersTable(group.count + ' letter(s) of ' + group.type + ': ' + group.errorClass, page.items));
  } catch (error) {
    fail(error);
  }
}

async function openLetter(id) {
  try {
    const letter = await pool('/v1/dead-letters/' + id);
    state.letter = letter;
    if ($('view-dead-letters').hidden) location.hash = 'dead-letters';
    const summary = letter.summary;
    const payload = letter.payload || {};
    const original = payload.json === undefined || payload.json === null ? '' : JSON.stringify(payload.json, null, 2);
    const open = summary.status === 'OPEN';
    $('dl-letter').replaceChildren(el('div', { class: 'card', id: 'letter-card' },
      el('h3', {}, 'Dead letter ', String(summary.id), ' ', statusBadge(summary.status)),
      facts([['Message', summary.messageId], ['Type', summary.type], ['Lane', summary.lane], ['Attempts', String(summary.attempts)],
        ['Error', summary.errorClass + ': ' + summary.errorMessage], ['Fingerprint', summary.fingerprint],
        ['Original record', letter.originalTopic + ' / partition ' + letter.originalPartition + ' / offset ' + letter.originalOffset],
        ['Trace id', letter.traceId], ['First failed', time(letter.firstFailedAt)], ['Dead-lettered', time(summary.deadLetteredAt)],
        ['Payload format', (payload.format || '') + (payload.schemaId ? ' (schema ' + payload.schemaId + ')' : '')],
        ['Payload unreadable', payload.unreadable]]),
      el('details', { id: 'letter-headers' }, el('summary', {}, 'Envelope headers'),
        facts(Object.entries(letter.headers || {}).map(([name, value]) => [name, value == null ? '' : String(value)]))),
      el('details', {}, el('summary', {}, 'Stack trace'), el('pre', {}, letter.errorStack || '')),
      el('form', { id: 'letter-form', onsubmit: (event) => event.preventDefault() },
        el('label', { for: 'letter-payload' }, 'Payload (JSON; an edit is checked against the type\'s schema before it is sent)'),
        el('textarea', { id: 'letter-payload', rows: '8', disabled: !open }, original),
        el('label', { for: 'letter-reason' }, 'Reason'), el('input', { id: 'letter-reason', size: '40', disabled: !open }),
        el('button', { type: 'button', id: 'letter-replay', disabled: !open, onclick: () => replay(summary.id, original) }, 'Replay'),
        ' ', el('button', { type: 'button', id: 'letter-discard', disabled: !open, onclick: () => discard(summary.id) }, 'Discard')),
      table('Audit trail', ['Action', 'By', 'Reason', 'At'],
        (letter.audit || []).map((entry) => [entry.action, entry.actor, entry.reason, time(entry.actedAt)]))));
    $('letter-payload').focus();
  } catch (error) {
    fail(error);
  }
}

async function replay(id, original) {
  const text = $('letter-payload').value;
  const body = { reason: $('letter-reason').value.trim() || null };
  if (text.trim() !== original.trim()) {
    try {
      body.payload = JSON.parse(text);
    } catch (error) {
      notify('The payload is not valid JSON (' + error.message + '); nothing was sent.', 'error');
      return;
    }
  }
  try {
    await pool('/v1/dead-letters/' + id + '/replay', { method: 'POST', body });
    notify('Letter ' + id + ' replayed' + (body.payload ? ' with the edited payload' : '') + '.', 'ok');
    await openLetter(id);
  } catch (error) {
    fail(error);
  }
}

async function discard(id) {
  const reason = $('letter-reason').value.trim();
  if (!reason) {
    notify('Give a reason to discard a letter: it is kept in the audit trail.', 'error');
    $('letter-reason').focus();
    return;
  }
  try {
    await pool('/v1/dead-letters/' + id + '/discard', { method: 'POST', body: { reason } });
    notify('Letter ' + id + ' discarded.', 'ok');
    await openLetter(id);
  } catch (error) {
    fail(error);
  }
}

function openRedrive(group) {
  state.group = group;
  $('dl-redrive').hidden = false;
  $('redrive-send').disabled = true;
  $('redrive-result').textContent = '';
  $('redrive-what').textContent = 'Open letters of ' + group.type + ' failing with ' + group.errorClass + ' (' + group.count + ' in view).';
  $('redrive-rate').focus();
}

async function redrive(dryRun) {
  const { since, until } = filters();
  const body = {
    fingerprint: state.group.fingerprint, since: since || null, until: until || null, dryRun,
    limit: Number($('redrive-limit').value), ratePerSecond: Number($('redrive-rate').value),
    reason: $('redrive-reason').value.trim() || null,
  };
  try {
    const result = await pool('/v1/dead-letters/replay', { method: 'POST', body });
    const held = result.held.length ? '; ' + result.held.length + ' held back by the replay loop guard (' + result.held.join(', ') + ')' : '';
    $('redrive-result').textContent = dryRun
      ? 'Dry run: would replay ' + result.wouldReplay + ' letter(s) at most ' + result.ratePerSecond + ' a second (' + result.ids.join(', ') + ')' + held + '. Nothing was sent.'
      : 'Replayed ' + result.replayed + ' letter(s)' + held + '.';
    $('redrive-send').disabled = !dryRun || result.wouldReplay === 0;
  } catch (error) {
    fail(error);
  }
}

// ---- lanes ----

async function loadLanes() {
  try {
    const [lanes, stats] = await Promise.all([pool('/v1/lanes'), projection('/v1/lanes/stats?window=15m')]);
    const byLane = {};
    (stats.lanes || []).forEach((lane) => {
      const types = Object.values(lane.total || {});
      byLane[lane.lane.toLowerCase().replace('_', '-')] = {
        completed: types.reduce((sum, t) => sum + t.completed, 0),
        failed: types.reduce((sum, t) => sum + t.failed, 0),
        p95: types.reduce((max, t) => Math.max(max, t.p95Millis || 0), 0),
      };
    });
    $('lanes-table').tBodies[0].replaceChildren(...lanes.map((lane) => {
      const seen = byLane[lane.lane] || { completed: 0, failed: 0, p95: 0 };
      return el('tr', { id: 'lane-' + lane.lane },
        el('th', { scope: 'row' }, lane.lane), el('td', {}, lane.lag == null ? 'unknown' : String(lane.lag)),
        el('td', {}, String(lane.concurrencyLimit)), el('td', {}, String(lane.inFlight)), el('td', {}, String(lane.buffered)),
        el('td', {}, String(seen.completed)), el('td', {}, String(seen.failed)), el('td', {}, seen.p95 ? String(seen.p95) : ''),
        el('td', {}, Object.entries(lane.breakers).map(([name, s]) => el('div', { class: 'breaker-' + s }, name + ': ' + s))));
    }));
    $('lanes-updated').textContent = 'updated ' + new Date().toLocaleTimeString();
  } catch (error) {
    clearInterval(state.lanesTimer);
    fail(error);
  }
}

// ---- start ----

async function start() {
  try {
    state.config = await (await fetch('config.json')).json();
  } catch (error) {
    notify('The console could not read its settings (config.json): ' + error.message, 'error');
  }
  if (state.config.grafanaUrl) {
    $('grafana-links').replaceChildren('Grafana: ', ...[['overview', 'Overview'], ['lanes', 'Lanes'], ['pools', 'Pools'],
      ['dead-letters', 'Dead letters'], ['saga', 'Saga']].map(([uid, name]) =>
      el('a', { href: state.config.grafanaUrl + '/d/laneway-' + uid, target: '_blank', rel: 'noopener' }, name)));
  }
  $('credentials').addEventListener('submit', (event) => {
    event.preventDefault();
    const value = $('api-key').value.trim();
    if (value) sessionStorage.setItem(CREDENTIALS, value);
    $('api-key').value = '';
    showSignedIn();
    notify(value ? 'Credentials set for this tab.' : 'Enter an API key or a token.', value ? 'ok' : 'error');
  });
  $('sign-out').addEventListener('click', () => {
    sessionStorage.removeItem(CREDENTIALS);
    showSignedIn();
    notify('Credentials forgotten.', 'ok');
  });
  $('find-form').addEventListener('submit', (event) => { event.preventDefault(); find($('find-query').value.trim()); });
  $('dl-filters').addEventListener('submit', (event) => { event.preventDefault(); loadGroups(); });
  $('redrive-dry-run').addEventListener('click', () => redrive(true));
  $('redrive-send').addEventListener('click', () => redrive(false));
  window.addEventListener('hashchange', () => show(location.hash.substring(1) || 'find'));
  showSignedIn();
  show(location.hash.substring(1) || 'find');
  document.body.dataset.ready = 'true';
}

start();
