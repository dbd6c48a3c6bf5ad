// The odatafilter explorer. It evaluates nothing itself: every answer it
// shows comes from this server, GET /api/check for the diagnostics and the
// canonical form, GET /api/machines for the machines. What it does on its
// own is percent-encoding, to build the requests it sends and shows.
// Every URL it asks is relative to the page ("api/check", not "/api/check"),
// so the page works where an embedder mounts the handler under a prefix.
'use strict';

(() => {
  const REAL_API = 'https://api.securitycenter.microsoft.com/api/machines';

  // The nine fields $filter may use in the 2018 model, as the table's
  // columns: [JSON name, header]. The rest show on expanding a row.
  const COLUMNS = [
    ['id', 'Id'], ['computerDnsName', 'ComputerDnsName'], ['lastSeen', 'LastSeen'],
    ['osPlatform', 'OsPlatform'], ['lastIpAddress', 'LastIpAddress'],
    ['healthStatus', 'HealthStatus'], ['rbacGroupId', 'RbacGroupId'],
    ['riskScore', 'RiskScore'], ['machineTags', 'MachineTags'],
  ];
  const COLUMN_NAMES = new Set(COLUMNS.map(c => c[0]));

  const $ = id => document.getElementById(id);
  const query = $('query');
  const tokenInput = $('token');
  const serverModel = document.body.dataset.model; // "2018", "2021" or "" (another)

  const state = {
    seq: 0,          // the latest check; older answers are dropped
    checkAbort: null,
    listAbort: null,
    pages: [],       // the pages before the current one: {path, start}
    page: null,      // {path, start, next, rows}
    rows: [],        // the machines of the page
    rowStart: 1,     // the number of its first machine
    shown: 0,        // how many of them the table shows
  };

  // --- percent-encoding ------------------------------------------------

  const utf8 = new TextEncoder();
  const hex = '0123456789ABCDEF';
  // Bytes a query value keeps as they are: RFC 3986 unreserved characters
  // and the delimiters that mean nothing to a query string. Everything
  // else is %XX: '&', '=', '+', '#', '%', space, ';' (a separator to some
  // servers), the quote (so the URL can go between single quotes in a
  // shell), and every non-ASCII byte.
  const keep = new Set(Array.from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$()*,:@/",
    c => c.charCodeAt(0)));

  function encodeBytes(bytes) {
    let s = '';
    for (const b of bytes) {
      s += keep.has(b) ? String.fromCharCode(b) : '%' + hex[b >> 4] + hex[b & 15];
    }
    return s;
  }

  // decodeBytes decodes one name or value of a raw query string as the
  // server does: '+' is a space and %XX a byte. The result is bytes, so
  // an escape that is not UTF-8 on its own survives re-encoding.
  function decodeBytes(s) {
    const out = [];
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      if (c === '+') {
        out.push(0x20);
      } else if (c === '%' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
        out.push(parseInt(s.slice(i + 1, i + 3), 16));
        i += 2;
      } else {
        const cp = s.codePointAt(i);
        const ch = String.fromCodePoint(cp);
        out.push(...utf8.encode(ch));
        i += ch.length - 1;
      }
    }
    return out;
  }

  // requestQuery is the query string, percent-encoded, of the request the
  // text asks for: "$filter=" and the filter for a bare filter; for a query
  // string, each of its options decoded as the server decodes them and
  // encoded again, so the URL is valid whatever escapes were typed.
  function requestQuery(text, kind) {
    if (kind === 'filter') {
      return '$filter=' + encodeBytes(utf8.encode(text));
    }
    const raw = text.slice(queryOffset(text));
    return raw.split('&').filter(p => p !== '').map(p => {
      const eq = p.indexOf('=');
      if (eq < 0) return encodeBytes(decodeBytes(p));
      return encodeBytes(decodeBytes(p.slice(0, eq))) + '=' + encodeBytes(decodeBytes(p.slice(eq + 1)));
    }).join('&');
  }

  // queryOffset is where the options of a query string begin, as
  // parser.QueryOffset decides: after a leading "?", after the first "?"
  // of a URL or a path ("https://host/api/machines?..."), nowhere in a URL
  // or an absolute path without one, and at 0 otherwise. A URL or a path
  // has none of the bytes that make an option or an expression.
  function queryOffset(raw) {
    const isLocation = s => !/[\x00-\x20\x7f=&'"()]/.test(s);
    if (raw.startsWith('?')) return 1;
    const i = raw.indexOf('?');
    if (i > 0 && isLocation(raw.slice(0, i))) return i + 1;
    if (isLocation(raw) && /^(\/|https?:\/\/)/i.test(raw)) return raw.length;
    return 0;
  }

  // indexAt returns the index in the JavaScript string s of the byte
  // offset off of its UTF-8 encoding, the unit of diagnostic spans.
  function indexAt(s, off) {
    let bytes = 0;
    let i = 0;
    while (i < s.length && bytes < off) {
      const cp = s.codePointAt(i);
      bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      i += cp > 0xffff ? 2 : 1;
    }
    return i;
  }

  // --- requests --------------------------------------------------------

  function headers() {
    const h = { Accept: 'application/json' };
    const t = tokenInput.value.trim();
    if (t !== '') h.Authorization = 'Bearer ' + t;
    return h;
  }

  // failure reads an error answer: Defender's {"error":{code,message}}.
  async function failure(res) {
    let text = '';
    try {
      text = await res.text();
      const e = JSON.parse(text).error;
      if (e && e.message) return `${res.status} ${e.code}: ${e.message}`;
    } catch (_) { /* not JSON: the text as it came */ }
    return `${res.status} ${res.statusText}${text ? ': ' + text.slice(0, 300) : ''}`;
  }

  function needToken(res) {
    if (res.status !== 401) return false;
    $('token-row').hidden = false;
    return true;
  }

  // --- checking --------------------------------------------------------

  let timer = 0;
  function schedule(ms) {
    clearTimeout(timer);
    timer = setTimeout(runCheck, ms);
  }

  function selectedModel() {
    const r = document.querySelector('input[name="model"]:checked');
    return r ? r.value : '2018';
  }

  async function runCheck() {
    clearTimeout(timer);
    const src = query.value;
    const model = selectedModel();
    const seq = ++state.seq;
    saveHash(src, model);
    showModelNote(model);
    // A list still coming belongs to the text before this one.
    if (state.checkAbort) state.checkAbort.abort();
    if (state.listAbort) state.listAbort.abort();
    if (src.trim() === '') {
      setSummary('No filter: the request asks for every machine.', 'valid');
      $('diagnostics').replaceChildren();
      showRequest('', '');
      list('api/machines');
      return;
    }
    const ctl = new AbortController();
    state.checkAbort = ctl;
    document.body.classList.add('checking');
    let res;
    try {
      // encodeBytes, not encodeURIComponent: that throws on a lone
      // surrogate, which TextEncoder turns into U+FFFD, as indexAt counts.
      res = await fetch('api/check?q=' + encodeBytes(utf8.encode(src)) + '&model=' + encodeBytes(utf8.encode(model)),
        { headers: headers(), signal: ctl.signal });
    } catch (e) {
      if (e.name !== 'AbortError') setSummary('The server did not answer: ' + e.message, 'invalid');
      return;
    } finally {
      if (seq === state.seq) document.body.classList.remove('checking');
    }
    if (seq !== state.seq) return;
    if (!res.ok) {
      const msg = await failure(res);
      if (seq !== state.seq) return;
      setSummary(needToken(res) ? 'This server needs a bearer token: enter it above. (' + msg + ')' : msg, 'invalid');
      $('diagnostics').replaceChildren();
      showRequest(null);
      staleMachines('The query could not be checked.');
      return;
    }
    let doc;
    try {
      doc = await res.json();
    } catch (e) {
      if (e.name !== 'AbortError' && seq === state.seq) setSummary('The answer is not JSON: ' + e.message, 'invalid');
      return;
    }
    if (seq !== state.seq) return;
    showDiagnostics(src, doc);
    if (doc.valid) {
      const q = requestQuery(src, doc.kind);
      showRequest(q, doc.canonical);
      list('api/machines' + (q ? '?' + q : ''));
    } else {
      showRequest(null);
      staleMachines('The query has errors: the table shows the machines of the last query that ran.');
    }
  }

  // setSummary says text in the live region; more, when given, is said
  // too but not shown, since the diagnostics below show it.
  function setSummary(text, cls, more = '') {
    const s = $('check-summary');
    s.textContent = text;
    if (more !== '') {
      const hidden = document.createElement('span');
      hidden.className = 'visually-hidden';
      hidden.textContent = more;
      s.append(hidden);
    }
    s.className = 'summary ' + cls;
  }

  function showDiagnostics(src, doc) {
    const list = $('diagnostics');
    list.replaceChildren();
    if (doc.valid) {
      setSummary(doc.canonical === ''
        ? 'Valid, but the query string has no $filter, $top or $skip: custom options are ignored.'
        : 'Valid.', 'valid');
      return;
    }
    const n = doc.diagnostics.length;
    // A suggestion is shown as typed, delimited as the command shows it
    // (ast.Diagnostic.DidYouMean): its own quotes, or backquotes.
    const shown = s => s.startsWith("'") ? s : '`' + s + '`';
    const said = doc.diagnostics.map(d =>
      d.message + (d.suggestion ? ` (did you mean ${shown(d.suggestion)}?)` : '')).join('; ');
    setSummary(`${n} ${n === 1 ? 'error' : 'errors'}`, 'invalid', ': ' + said);
    doc.diagnostics.forEach((d, i) => list.append(diagnosticItem(src, d, i)));
  }

  // diagnosticItem shows one diagnostic as the server rendered it, the
  // lines of "odatafilter check" output, with buttons to select its text
  // in the query and to apply its suggestion.
  function diagnosticItem(src, d, i) {
    const li = document.createElement('li');
    li.className = 'diagnostic';
    li.dataset.code = d.code;
    const pre = document.createElement('pre');
    pre.className = 'rendered';
    pre.id = 'diagnostic-' + i;
    const lines = d.rendered.replace(/\n$/, '').split('\n');
    lines.forEach((line, k) => {
      const span = document.createElement('span');
      span.className = k === 0 ? 'message' : k === 2 ? 'caret' : k === 3 ? 'hint' : 'source';
      span.textContent = line + '\n';
      pre.append(span);
    });
    li.append(pre);
    const actions = document.createElement('div');
    actions.className = 'actions';
    const show = document.createElement('button');
    show.type = 'button';
    show.textContent = 'Show in query';
    show.setAttribute('aria-describedby', pre.id);
    show.addEventListener('click', () => {
      if (query.value !== src) return;
      query.focus();
      query.setSelectionRange(indexAt(src, d.start), indexAt(src, d.end));
    });
    actions.append(show);
    if (d.suggestion) {
      const apply = document.createElement('button');
      apply.type = 'button';
      apply.className = 'apply';
      apply.textContent = 'Apply ' + d.suggestion;
      apply.setAttribute('aria-describedby', pre.id);
      apply.addEventListener('click', () => applySuggestion(src, d));
      actions.append(apply);
    }
    li.append(actions);
    return li;
  }

  // applySuggestion puts the suggestion in place of the diagnostic's span,
  // in the text it was found in, and checks again at once.
  function applySuggestion(src, d) {
    if (query.value !== src) return; // the text moved on; a new check is coming
    const a = indexAt(src, d.start);
    const b = indexAt(src, d.end);
    query.value = src.slice(0, a) + d.suggestion + src.slice(b);
    query.focus();
    query.setSelectionRange(a + d.suggestion.length, a + d.suggestion.length);
    runCheck();
  }

  function showModelNote(model) {
    const note = $('model-note');
    if (serverModel === model) {
      note.hidden = true;
      return;
    }
    note.hidden = false;
    note.textContent = serverModel === ''
      ? 'This server lists machines with a model of its own; the check uses the ' + model + ' model.'
      : `The check uses the ${model} model, but this server lists machines with the ${serverModel} model: ` +
        `a filter valid only in ${model} is answered 400 by GET /api/machines.`;
  }

  // --- the request to copy --------------------------------------------

  // showRequest shows the canonical form and the request for the real
  // API; q null means there is none (the query is invalid).
  function showRequest(q, canonical) {
    $('request').hidden = q === null;
    $('request-none').hidden = q !== null;
    $('copy-status').textContent = '';
    if (q === null) return;
    const url = REAL_API + (q ? '?' + q : '');
    $('canonical').textContent = canonical === '' ? '(none: no $filter, $top or $skip)' : canonical;
    $('url').textContent = url;
    $('curl').textContent = `curl -s -H "Authorization: Bearer $TOKEN" '${url}'`;
    $('pwsh').textContent = `Invoke-RestMethod -Headers @{ Authorization = "Bearer $token" } -Uri '${url}'`;
  }

  async function copy(id) {
    const text = $(id).textContent;
    const status = $('copy-status');
    try {
      await navigator.clipboard.writeText(text);
      status.textContent = 'Copied.';
    } catch (_) {
      // No clipboard access (an insecure origin, a denied permission):
      // select the text so that Ctrl+C copies it.
      const range = document.createRange();
      range.selectNodeContents($(id));
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      status.textContent = document.execCommand('copy') ? 'Copied.' : 'Selected: press Ctrl+C to copy.';
    }
  }

  // --- machines --------------------------------------------------------

  // list asks for one page of machines; path is a path and query of this
  // server. start is the number of the page's first machine, from 1.
  async function list(path, start = 1, back = false) {
    if (state.listAbort) state.listAbort.abort();
    const ctl = new AbortController();
    state.listAbort = ctl;
    if (start === 1 && !back) state.pages = [];
    const count = $('count');
    count.className = 'summary busy';
    let res;
    try {
      res = await fetch(path, { headers: headers(), signal: ctl.signal });
    } catch (e) {
      if (e.name !== 'AbortError') staleMachines('The server did not answer: ' + e.message);
      return;
    }
    if (!res.ok) {
      const msg = await failure(res);
      if (ctl.signal.aborted) return;
      clearMachines(needToken(res) ? 'This server needs a bearer token: enter it above. (' + msg + ')' : msg);
      return;
    }
    let doc;
    try {
      doc = await res.json();
    } catch (e) {
      if (e.name !== 'AbortError') clearMachines('The answer is not JSON: ' + e.message);
      return;
    }
    if (ctl.signal.aborted) return;
    const rows = doc.value || [];
    const next = doc['@odata.nextLink'] || '';
    state.page = { path, start, next, rows: rows.length };
    renderRows(rows, start);
    count.className = 'summary';
    count.textContent = countText(start, rows.length, next !== '');
    $('machines').classList.remove('stale');
    $('first').disabled = $('prev').disabled = state.pages.length === 0;
    $('next').disabled = next === '';
  }

  function plural(n, word) { return `${n} ${word}${n === 1 ? '' : 's'}`; }

  function countText(start, n, more) {
    const page = state.pages.length + 1;
    if (page === 1 && !more) return n === 0 ? 'No machine matches.' : plural(n, 'machine') + '.';
    const last = start + n - 1;
    const range = n === 0 ? `none from ${start}` : `${start}–${last}`;
    return more
      ? `Machines ${range}, page ${page}; more follow.`
      : `Machines ${range} of ${last}, page ${page} of ${page}.`;
  }

  // pathOf keeps the path and query of a nextLink, relative to the page:
  // the link may name another host (serve --base-url), but the page asks
  // the server it came from, wherever that mounted the handler.
  function pathOf(link) {
    const u = new URL(link, location.href);
    return u.pathname.replace(/^\//, '') + u.search;
  }

  // The paging buttons: when the one pressed is disabled by the page it
  // brought (the last, or the first), focus moves to the other one rather
  // than falling back to the top of the page.
  async function nextPage() {
    const p = state.page;
    if (!p || !p.next) return;
    state.pages.push({ path: p.path, start: p.start });
    await list(pathOf(p.next), p.start + p.rows, true);
    if ($('next').disabled) $('prev').focus();
  }

  async function prevPage() {
    const p = state.pages.pop();
    if (!p) return;
    await list(p.path, p.start, true);
    if ($('prev').disabled) $('next').focus();
  }

  async function firstPage() {
    const p = state.pages[0];
    if (!p) return;
    state.pages = [];
    await list(p.path, 1, true);
    $('next').focus();
  }

  function staleMachines(why) {
    $('machines').classList.add('stale');
    const count = $('count');
    count.className = 'summary';
    count.textContent = why;
    $('next').disabled = $('prev').disabled = $('first').disabled = true;
  }

  // clearMachines empties the table and says why: the server's error,
  // whose lines after the first (the query with a caret, in a 400) keep
  // their columns.
  function clearMachines(why) {
    renderRows([], 1);
    state.page = null;
    staleMachines(why);
    $('machines').classList.remove('stale');
    $('count').className = why.includes('\n') ? 'summary invalid lines' : 'summary invalid';
  }

  function cellText(v) {
    if (v === null || v === undefined) return null;
    if (Array.isArray(v)) return v.map(x => typeof x === 'string' ? x : JSON.stringify(x)).join(', ');
    if (typeof v === 'object') return JSON.stringify(v);
    return String(v);
  }

  // The table shows a page in chunks: laying out a table row costs the
  // browser about a millisecond, and a page may hold 10,000 machines.
  const CHUNK = 200;

  function renderRows(rows, start) {
    state.rows = rows;
    state.rowStart = start;
    state.shown = 0;
    $('machines').tBodies[0].replaceChildren();
    showMoreRows();
  }

  function showMoreRows() {
    const body = document.createDocumentFragment();
    const end = Math.min(state.rows.length, state.shown + CHUNK);
    for (let i = state.shown; i < end; i++) body.append(machineRow(state.rows[i], state.rowStart + i, i));
    $('machines').tBodies[0].append(body);
    state.shown = end;
    const left = state.rows.length - end;
    const more = $('more');
    more.hidden = left === 0;
    more.textContent = `Show ${Math.min(CHUNK, left)} more rows`;
    $('shown').textContent = left === 0 ? '' : `The table shows ${end} of the ${state.rows.length} machines of this page.`;
  }

  // machineRow is machine n (from 1) as a row: a button that opens the
  // other members in a row below, then the nine columns.
  function machineRow(m, n, i) {
    const tr = document.createElement('tr');
    tr.className = i % 2 === 0 ? 'machine even' : 'machine';
    const first = document.createElement('td');
    const btn = document.createElement('button');
    btn.type = 'button';
    btn.className = 'expand';
    btn.setAttribute('aria-expanded', 'false');
    btn.setAttribute('aria-label', `All fields of machine ${n} (${m.computerDnsName || m.id || 'no name'})`);
    btn.textContent = '▸';
    first.append(btn);
    tr.append(first);
    for (const [name] of COLUMNS) {
      const td = document.createElement('td');
      td.dataset.field = name;
      const text = cellText(m[name]);
      if (text === null) {
        td.className = 'null';
        td.textContent = 'null';
      } else if (Array.isArray(m[name]) && m[name].length === 0) {
        td.className = 'null';
        td.textContent = '[]';
      } else if (name === 'lastSeen' && /^\d{4}-\d\d-\d\dT/.test(text)) {
        // The date and the time may go on two lines, nowhere else.
        td.append(text.slice(0, 11), document.createElement('wbr'), text.slice(11));
      } else {
        td.textContent = text;
        td.title = text;
      }
      tr.append(td);
    }
    let details = null; // made on first opening
    btn.addEventListener('click', () => {
      if (!details) {
        details = document.createElement('tr');
        details.id = 'details-' + n;
        details.className = 'details';
        details.hidden = true;
        details.append(detailsCell(m));
        tr.after(details);
        btn.setAttribute('aria-controls', details.id);
      }
      const open = details.hidden;
      details.hidden = !open;
      btn.setAttribute('aria-expanded', String(open));
      btn.textContent = open ? '▾' : '▸';
    });
    return tr;
  }

  // detailsCell lists the members that are not columns, in their order.
  function detailsCell(m) {
    const td = document.createElement('td');
    td.colSpan = COLUMNS.length + 1;
    const dl = document.createElement('dl');
    for (const [k, v] of Object.entries(m)) {
      if (COLUMN_NAMES.has(k)) continue;
      const dt = document.createElement('dt');
      dt.textContent = k;
      const dd = document.createElement('dd');
      if (v !== null && typeof v === 'object') {
        const pre = document.createElement('pre');
        pre.textContent = JSON.stringify(v, null, 2);
        dd.append(pre);
      } else {
        dd.textContent = v === null ? 'null' : String(v);
        if (v === null) dd.className = 'null';
      }
      dl.append(dt, dd);
    }
    td.append(dl);
    return td;
  }

  // --- the address bar keeps the query, for reloads and links ----------

  function saveHash(src, model) {
    if (src === '' && location.hash === '') return; // a fresh page stays plain
    const h = '#q=' + encodeBytes(utf8.encode(src)) + '&model=' + model;
    if (location.hash !== h) history.replaceState(null, '', h);
  }

  function loadHash() {
    const p = new URLSearchParams(location.hash.slice(1));
    return { q: p.get('q') || '', model: p.get('model') };
  }

  // --- wiring ----------------------------------------------------------

  function init() {
    if (document.body.dataset.tokenRequired === 'true') $('token-row').hidden = false;
    const saved = loadHash();
    const model = ['2018', '2021'].includes(saved.model) ? saved.model
      : ['2018', '2021'].includes(serverModel) ? serverModel : '2018';
    document.querySelector(`input[name="model"][value="${model}"]`).checked = true;
    query.value = saved.q;

    query.addEventListener('input', () => schedule(200));
    query.addEventListener('keydown', e => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        runCheck();
      }
    });
    for (const r of document.querySelectorAll('input[name="model"]')) {
      r.addEventListener('change', () => runCheck());
    }
    tokenInput.addEventListener('input', () => schedule(400));
    $('run').addEventListener('click', () => runCheck());
    $('next').addEventListener('click', nextPage);
    $('more').addEventListener('click', () => {
      // Focus goes to the first row added, where reading goes on.
      const first = state.shown;
      showMoreRows();
      const row = $('machines').querySelectorAll('tbody tr.machine')[first];
      if (row) row.querySelector('button').focus();
    });
    $('prev').addEventListener('click', prevPage);
    $('first').addEventListener('click', firstPage);
    for (const b of document.querySelectorAll('button[data-copy]')) {
      b.addEventListener('click', () => copy(b.dataset.copy));
    }
    runCheck();
  }

  init();
})();
