// PolicyLint HTML report: renders the embedded JSON (docs/report-html.md). Plain JavaScript,
// no library, no network: every string from the data goes into the page through textContent
// or setAttribute, never as markup.
(function () {
  'use strict';
  const data = JSON.parse(document.getElementById('policylint-data').textContent);
  const SVG = 'http://www.w3.org/2000/svg';
  const ROW_LIMIT = 300;             // table rows drawn at once; "show more" adds more
  const COLLAPSE_ABOVE = 8;          // a namespace with more workloads starts collapsed
  const COLLAPSE_ALL_ABOVE = 150;    // a cluster with more workloads starts with every namespace collapsed
  const EDGE_LABELS_UP_TO = 24;      // more visible edges than this: labels only on hover and on the searched workload's edges
  const EDGES_UP_TO = 1500;          // more aggregated edges than this: the heaviest are drawn, plus the searched workload's
  const MATRIX_TABLE_UP_TO = 60;     // more namespaces than this: the matrix is drawn on a canvas
  const INTERNET = '(outside)';
  const CONTROLLER = '{ingress-controller}';

  // ---------- small DOM helpers ----------
  // Characters no output may pass through raw (the CLI's InvisibleCharacters): controls, format
  // characters (bidi overrides, zero-width), line/paragraph separators, lone surrogates and
  // U+FFFE/U+FFFF are shown as \t, \n, \r, \xHH or \uHHHH, so no text reorders what a reader sees.
  const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\uFFFE\uFFFF\uD800-\uDFFF]/gu;
  const visible = (text) => String(text).replace(INVISIBLE, (c) => {
    const n = c.charCodeAt(0);
    return c === '\t' ? '\\t' : c === '\n' ? '\\n' : c === '\r' ? '\\r'
      : n <= 0xff ? '\\x' + n.toString(16).padStart(2, '0') : '\\u' + n.toString(16).padStart(4, '0');
  });
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') node.className = v;
      else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? '' : k === 'title' ? visible(v) : String(v));
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      node.append(c instanceof Node ? c : document.createTextNode(visible(c)));
    }
    return node;
  }
  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined) continue;
      if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, String(v));
    }
    for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : document.createTextNode(visible(c)));
    return node;
  }
  const code = (text) => el('code', null, text);
  const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

  // ---------- the model the views share ----------
  const peers = new Map(data.peers.map((p) => [p.id, p]));
  const workloads = data.peers.filter((p) => p.type === 'workload');
  const externals = data.peers.filter((p) => p.type === 'external');
  const namespaces = [...new Set(workloads.map((w) => w.namespace))].sort();
  const byNamespace = new Map(namespaces.map((n) => [n, []]));
  for (const w of workloads) byNamespace.get(w.namespace).push(w);
  const connections = data.connections.map((c, i) => ({ ...c, index: i, text: connectionText(c) }));
  const groupOf = (id) => { const p = peers.get(id); return !p ? id : p.type === 'workload' ? p.namespace : p.type === 'external' ? INTERNET : CONTROLLER; };

  function connectionText(c) {
    if (c.all) return 'All Connections';
    const parts = [];
    for (const [protocol, set] of Object.entries(c.protocols || {})) {
      const ports = set.ports.map((r) => (r.start === r.end ? `${r.start}` : `${r.start}-${r.end}`)).concat(set.names || []);
      parts.push(`${protocol} ${ports.join(',')}`);
    }
    return parts.length ? parts.join(',') : 'No Connections';
  }
  function allowedBy(connection) {
    if (!data.allowedBy) return null;
    const [egress, ingress] = data.allowedBy[connection.index];
    const side = (indexes, none) => (indexes === null ? [none] : indexes.length === 0 ? ['(no allowing rule recorded)'] : indexes.map((i) => `${data.rules[i][0]} (${data.rules[i][1]})`));
    return { egress: side(egress, 'egress not restricted at the source'), ingress: side(ingress, 'ingress not restricted at the destination') };
  }

  // ---------- page frame ----------
  const app = document.getElementById('app');
  const sections = [];
  function section(id, title, ...content) {
    sections.push([id, title]);
    app.append(el('section', { id }, el('h2', null, title), ...content));
  }
  function header() {
    const s = data.summary;
    const line = data.summaryLine || `${plural(s.workloads, 'workload', 'workloads')} in ${plural(s.namespaces, 'namespace', 'namespaces')}, ` +
      `${plural(s.networkPolicies, 'NetworkPolicy', 'NetworkPolicies')}${s.adminPolicies ? `, ${plural(s.adminPolicies, 'cluster policy', 'cluster policies')}` : ''}; ` +
      `${s.ingressIsolated} isolated for ingress, ${s.egressIsolated} for egress; ${plural(s.allowedPairs, 'allowed pair', 'allowed pairs')}`;
    const nav = el('nav');
    const head = el('header', null, el('h1', null, 'PolicyLint reachability report'),
      el('div', { class: 'summary' }, line, ' (profile: ', code(data.profile), ')'), nav);
    document.body.insertBefore(head, app);
    return nav;
  }

  // ---------- overview ----------
  function overview() {
    const s = data.summary;
    const card = (big, label, ...small) => el('div', { class: 'card' }, el('div', { class: 'big' }, big), el('div', null, label), ...small.filter((t) => t !== null).map((t) => el('div', { class: 'small' }, t)));
    const kinds = data.policiesByKind ? Object.entries(data.policiesByKind).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`) : [`${s.networkPolicies} NetworkPolicy`, `${s.adminPolicies} cluster policies`];
    const notIsolated = workloads.filter((w) => w.isolatedBy && w.isolatedBy.ingress.length === 0 && w.isolatedBy.egress.length === 0).length;
    const cards = [
      card(s.workloads, 'workloads', `${externals.length} outside address ranges`),
      card(s.namespaces, 'namespaces'),
      card(s.networkPolicies + s.adminPolicies, 'policies', ...kinds, s.policiesNotModelled ? `${s.policiesNotModelled} of kinds not modelled` : null),
      card(`${s.ingressIsolated} / ${s.egressIsolated}`, 'isolated for ingress / egress', `${notIsolated} not isolated at all`),
      card(s.allowedPairs, 'allowed pairs'),
      card((data.exposure || []).filter((e) => e.exposed).length, 'exposed entry points'),
    ];
    if (data.lint) {
      const l = data.lint.summary;
      cards.push(el('div', { class: 'card', id: 'findings-card' }, el('div', { class: 'big' }, data.lint.findings.length), el('div', null, 'lint findings'),
        el('div', { class: 'small' }, el('span', { class: 'sev-error' }, `${l.error} error`), ' · ', el('span', { class: 'sev-warning' }, `${l.warning} warning`), ' · ', el('span', { class: 'sev-info' }, `${l.info} info`)),
        l.suppressed ? el('div', { class: 'small' }, `${l.suppressed} suppressed`) : null));
    }
    section('overview', 'Overview', el('div', { class: 'cards' }, cards));
  }

  // ---------- namespace x namespace matrix ----------
  function matrix() {
    const groups = namespaces.slice();
    if (externals.length) groups.push(INTERNET);
    const hasController = data.peers.some((p) => p.type === 'ingress-controller');
    const rows = hasController ? groups.concat([CONTROLLER]) : groups;
    const row = new Map(rows.map((g, i) => [g, i]));
    const size = (g) => (g === INTERNET ? externals.length : g === CONTROLLER ? 1 : byNamespace.get(g).length);
    // Cells by number (row * columns + column): a 600-namespace matrix has 360,000 of them.
    const cells = new Map();
    for (const c of connections) {
      const key = row.get(groupOf(c.src)) * groups.length + row.get(groupOf(c.dst));
      let cell = cells.get(key);
      if (!cell) cells.set(key, (cell = { pairs: [], all: 0 }));
      cell.pairs.push(c);
      if (c.all) cell.all++;
    }
    const cellOf = (src, dst) => cells.get(row.get(src) * groups.length + row.get(dst));
    const level = (src, dst) => {
      const cell = cellOf(src, dst);
      if (!cell) return 'none';
      const possible = size(src) * size(dst) - (src === dst && src !== INTERNET ? size(src) : 0);
      return cell.all === possible ? 'all' : 'some';
    };
    const detail = el('div', { id: 'matrix-detail', class: 'panel', hidden: true });
    function show(src, dst) {
      const cell = cellOf(src, dst);
      detail.hidden = false;
      detail.replaceChildren(el('h3', null, `${src} → ${dst}: `, cell ? plural(cell.pairs.length, 'allowed pair', 'allowed pairs') : 'nothing allowed'));
      if (cell) detail.append(connectionTable(cell.pairs, 'matrix-pairs'));
    }
    const legend = el('p', { class: 'legend' },
      el('span', null, el('i', { class: 'swatch none' }), 'none: nothing allowed'),
      el('span', null, el('i', { class: 'swatch some' }), 'some: some workload pairs or some ports'),
      el('span', null, el('i', { class: 'swatch all' }), 'all: every workload pair on every port'));
    const wrap = el('div', { class: 'matrix-wrap' });
    if (rows.length <= MATRIX_TABLE_UP_TO) {
      const table = el('table', { class: 'matrix', id: 'matrix' });
      table.append(el('tr', null, el('th', null, 'from \\ to'), groups.map((g) => el('th', { class: 'col', scope: 'col' }, g))));
      for (const src of rows) {
        table.append(el('tr', null, el('th', { scope: 'row' }, src), groups.map((dst) => {
          const lv = level(src, dst);
          const n = cellOf(src, dst);
          return el('td', {
            class: `cell ${lv}`, 'data-src': src, 'data-dst': dst, 'data-level': lv, title: `${src} → ${dst}: ${lv}${n ? ` (${n.pairs.length} pairs)` : ''}`,
            onclick: (e) => { for (const s of table.querySelectorAll('td.selected')) s.classList.remove('selected'); e.currentTarget.classList.add('selected'); show(src, dst); },
          }, n ? n.pairs.length : '');
        })));
      }
      wrap.append(table);
    } else {
      wrap.append(matrixCanvas(rows, groups, cells, level, show));
    }
    section('matrix-section', 'Namespace connectivity', el('p', { class: 'hint' }, 'Rows send, columns receive. Click a cell for its workload pairs, their connections and the rules that allow them.'), legend, wrap, detail);
  }

  // Large matrices: one canvas, the background "none", only the cells that allow something painted.
  function matrixCanvas(rows, columns, cells, level, show) {
    const cell = Math.max(3, Math.min(12, Math.floor(2000 / columns.length)));
    const canvas = el('canvas', { id: 'matrix', width: columns.length * cell, height: rows.length * cell });
    const ctx = canvas.getContext('2d');
    const colour = { none: '#f1f3f4', some: '#fbbc04', all: '#d93025' };
    ctx.fillStyle = colour.none;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    for (const key of cells.keys()) {
      const r = Math.floor(key / columns.length), c = key % columns.length;
      ctx.fillStyle = colour[level(rows[r], columns[c])];
      ctx.fillRect(c * cell, r * cell, cell, cell);
    }
    const at = (e) => {
      const box = canvas.getBoundingClientRect();
      const c = Math.floor((e.clientX - box.left) / cell), r = Math.floor((e.clientY - box.top) / cell);
      return r >= 0 && c >= 0 && r < rows.length && c < columns.length ? [rows[r], columns[c]] : null;
    };
    canvas.addEventListener('mousemove', (e) => { const p = at(e); canvas.title = p ? `${p[0]} → ${p[1]}: ${level(p[0], p[1])}` : ''; });
    canvas.addEventListener('click', (e) => { const p = at(e); if (p) show(p[0], p[1]); });
    return el('div', null, el('p', { class: 'hint' }, `${rows.length} × ${columns.length} namespaces in name order (${rows[0]} … ${rows[rows.length - 1]}), ${cell} pixels a cell; hover a cell for its names.`), canvas);
  }

  // ---------- tables ----------
  function table(id, columns, rows, render, filterText) {
    const body = el('tbody');
    const count = el('span', { class: 'muted' });
    let shown = 0, matching = rows;
    const more = el('button', { onclick: () => draw(shown + ROW_LIMIT) }, 'show more');
    function draw(limit) {
      body.replaceChildren(...matching.slice(0, limit).map(render));
      shown = Math.min(limit, matching.length);
      count.textContent = matching.length > shown ? ` ${shown} of ${matching.length} shown ` : ` ${matching.length} rows `;
      more.hidden = matching.length <= shown;
    }
    const filter = filterText && rows.length > 5 ? el('input', {
      type: 'search', placeholder: 'Filter', 'aria-label': 'Filter',
      oninput: (e) => { const q = e.target.value.toLowerCase(); matching = q ? rows.filter((r) => filterText(r).toLowerCase().includes(q)) : rows; draw(ROW_LIMIT); },
    }) : null;
    draw(ROW_LIMIT);
    return el('div', null, filter, count, more,
      el('div', { class: 'table-wrap' }, el('table', { id }, el('thead', null, el('tr', null, columns.map((c) => el('th', null, c)))), body)));
  }
  const list = (items) => (items.length === 1 ? items[0] : el('ul', { class: 'plain' }, items.map((i) => el('li', null, i))));

  function connectionTable(pairs, id) {
    const columns = ['Source', 'Destination', 'Connections'];
    if (data.allowedBy) columns.push('Allowed by (egress at the source)', 'Allowed by (ingress at the destination)');
    return table(id, columns, pairs, (c) => {
      const why = allowedBy(c);
      return el('tr', { class: 'connection' }, el('td', null, code(c.src)), el('td', null, code(c.dst)), el('td', null, c.text),
        why ? el('td', null, list(why.egress)) : null, why ? el('td', null, list(why.ingress)) : null);
    }, (c) => `${c.src} ${c.dst} ${c.text}`);
  }

  function findings() {
    if (!data.lint) return;
    const rules = data.lint.rules || {};
    const rows = data.lint.findings;
    section('findings', 'Lint findings',
      el('p', { class: 'hint' }, 'As `policylint lint` reports them with the configuration found for these paths; suppressed findings are counted in the overview, not listed.'),
      rows.length === 0 ? el('p', null, 'No findings.') :
        table('findings-table', ['Severity', 'Rule', 'Location', 'Message', 'Object'], rows, (f) => el('tr', { class: 'finding' },
          el('td', { class: `sev-${f.severity}` }, f.severity),
          el('td', null, rules[f.ruleId] ? el('a', { href: rules[f.ruleId].help, title: rules[f.ruleId].title, target: '_blank', rel: 'noopener' }, f.ruleId) : f.ruleId),
          el('td', null, code(`${f.file}:${f.line}:${f.column}`)),
          el('td', null, f.message),
          el('td', null, f.object ? code(`${f.object.kind} ${f.object.namespace ? f.object.namespace + '/' : ''}${f.object.name}`) : '')),
        (f) => `${f.severity} ${f.ruleId} ${f.file}:${f.line} ${f.message}`));
  }

  function exposure() {
    const entries = (data.exposure || []).filter((e) => e.exposed);
    if (!data.exposure) return;
    const title = (e) => `${e.kind} ${e.port === null ? '(assigned port)' : e.port}/${e.protocol} on ${e.via} (${e.object}${e.service ? ` port ${e.servicePort}` : ''})`;
    const clients = (e) => (e.clientScope === 'internet' ? 'any internet client' : e.clients.join(', '));
    const reaches = (e) => e.backends.filter((b) => b.accepts).map((b) => `${b.workload} on ${b.targetPorts.join(',')}`).join('; ') || '(no backend accepts)';
    section('exposure', 'Exposed to the outside',
      el('p', { class: 'hint' }, 'Every way in from outside the cluster that lets something in, most open first (see docs/exposure.md).'),
      entries.length === 0 ? el('p', null, 'Nothing is exposed.') :
        table('exposure-table', ['Entry point', 'Openness', 'Open to', 'Reaches', 'Defined at'], entries, (e) => el('tr', { class: 'entry-point' },
          el('td', null, code(title(e))), el('td', null, e.openness), el('td', null, clients(e)), el('td', null, code(reaches(e))), el('td', null, code(e.location))),
        (e) => `${title(e)} ${clients(e)} ${reaches(e)} ${e.location}`));
  }

  function services() {
    if (!data.services) return;
    const rows = data.services;
    const clientText = (s, coverage) => s.clients.filter((c) => c.coverage === coverage).map((c) => c.src);
    section('services', 'Services',
      el('p', { class: 'hint' }, 'For each Service port: its backends and which peers reach all, some or none of them.'),
      rows.length === 0 ? el('p', null, 'No Service selects a workload.') :
        table('services-table', ['Service port', 'Type', 'Backends', 'Reached by all backends', 'Reached by some backends'], rows, (s) => el('tr', { class: 'service' },
          el('td', null, code(`${s.service} ${s.port}/${s.protocol}${s.portName ? ` (${s.portName})` : ''} → ${s.targetPort}`)),
          el('td', null, s.type),
          el('td', null, list(s.backends.map((b) => code(`${b.workload}${b.resolved ? '' : ' (port unresolved)'}`)))),
          el('td', null, summarised(clientText(s, 'all'))),
          el('td', null, summarised(clientText(s, 'some')))),
        (s) => `${s.service} ${s.port} ${s.backends.map((b) => b.workload).join(' ')}`));
  }
  function summarised(ids) {
    if (ids.length === 0) return el('span', { class: 'muted' }, 'none');
    if (ids.length <= 6) return list(ids.map(code));
    return el('details', null, el('summary', null, `${ids.length} peers`), list(ids.map(code)));
  }

  function isolation() {
    section('isolation', 'Isolation per workload', table('isolation-table', ['Workload', 'Ingress isolated by', 'Egress isolated by'], workloads, (w) => {
      const by = (policies) => (policies.length === 0 ? el('span', { class: 'muted' }, 'not isolated') : list(policies.map(code)));
      return el('tr', { class: 'isolation' }, el('td', null, code(w.id)), el('td', null, by(w.isolatedBy.ingress)), el('td', null, by(w.isolatedBy.egress)));
    }, (w) => `${w.id} ${w.isolatedBy.ingress.join(' ')} ${w.isolatedBy.egress.join(' ')}`));
  }

  function allConnections() {
    section('connections', 'Allowed connections', connectionTable(connections, 'connections'));
  }

  function notes() {
    if (!data.notes || data.notes.length === 0) return;
    section('notes', 'Notes', el('ul', null, data.notes.map((n) => el('li', null, n.message))));
  }

  // Sections other reports add to the JSON contract (read generically: shown only when present).
  const KNOWN = new Set(['schemaVersion', 'profile', 'summary', 'summaryLine', 'peers', 'connections', 'services', 'exposure', 'notes', 'policiesByKind', 'rules', 'allowedBy', 'lint', 'attackPaths']);
  function otherSections() {
    for (const [key, value] of Object.entries(data)) {
      if (KNOWN.has(key) || !Array.isArray(value) || value.length === 0) continue;
      const title = key.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase());
      const objects = value.every((v) => v && typeof v === 'object' && !Array.isArray(v));
      const columns = objects ? [...new Set(value.flatMap((v) => Object.keys(v)))] : ['value'];
      const cell = (v) => (v === null || v === undefined ? ''
        : Array.isArray(v) && v.every((x) => typeof x === 'number') ? v.join(' / ')
        : Array.isArray(v) && v.every((x) => typeof x === 'string') ? list(v)
        : typeof v === 'object' ? JSON.stringify(v) : String(v));
      section(`section-${key}`, title, table(`table-${key}`, columns, value,
        (v) => el('tr', null, objects ? columns.map((c) => el('td', null, cell(v[c]))) : el('td', null, cell(v))),
        (v) => JSON.stringify(v)));
    }
  }

  // ---------- the graph ----------
  function graph() {
    const expanded = new Set(workloads.length > COLLAPSE_ALL_ABOVE ? [] : namespaces.filter((n) => byNamespace.get(n).length <= COLLAPSE_ABOVE));
    let internetExpanded = false;
    let focus = null;
    let route = null;                 // the chosen attack path: its workload ids, entry first
    const host = el('div', { class: 'graph', id: 'graph' });
    const root = svg('svg', { role: 'img', 'aria-label': 'connectivity graph' });
    const defs = svg('defs', null,
      svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, svg('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#80868b' })));
    const scene = svg('g');
    root.append(defs, scene);
    host.append(root);
    const info = el('div', { class: 'panel', id: 'graph-info', hidden: true });
    const hover = el('div', { class: 'hint', id: 'graph-hover' });
    const results = el('div', { class: 'results', id: 'search-results' });
    const search = el('input', { type: 'search', id: 'search', placeholder: 'Search a workload (name, namespace/name)', 'aria-label': 'Search a workload' });
    search.addEventListener('input', () => showMatches(search.value));
    search.addEventListener('keydown', (e) => { if (e.key === 'Enter') { const first = matches(search.value)[0]; if (first) select(first.id); } });
    const tools = el('div', { class: 'graph-tools' }, search,
      el('button', { id: 'expand-all', onclick: () => { namespaces.forEach((n) => expanded.add(n)); draw(); fit(); } }, 'expand all'),
      el('button', { id: 'collapse-all', onclick: () => { expanded.clear(); internetExpanded = false; draw(); fit(); } }, 'collapse all'),
      el('button', { id: 'fit', onclick: () => fit() }, 'fit'),
      el('button', { id: 'clear', onclick: () => { focus = null; route = null; info.hidden = true; draw(); } }, 'clear highlight'));
    section('graph-section', 'Graph',
      el('p', { class: 'hint' }, `Namespaces are boxes; click a namespace's title to collapse or expand it (namespaces with more than ${COLLAPSE_ABOVE} workloads, or all of them above ${COLLAPSE_ALL_ABOVE} workloads, start collapsed). ` +
        'Outside addresses are one "internet" node until clicked. Edges between collapsed boxes carry the number of workload pairs; red edges allow every connection. Drag to pan, wheel to zoom.'),
      tools, results, host, hover, info);

    const matches = (q) => { q = q.trim().toLowerCase(); return q ? workloads.filter((w) => w.id.toLowerCase().includes(q)).slice(0, 20) : []; };
    function showMatches(q) {
      const found = matches(q);
      results.replaceChildren(...found.map((w) => el('button', { class: 'match', 'data-id': w.id, onclick: () => select(w.id) }, w.id)));
      if (q.trim() && found.length === 0) results.append(el('span', { class: 'muted' }, 'no workload matches'));
    }
    function select(id) {
      const p = peers.get(id);
      if (p.type === 'workload') expanded.add(p.namespace);
      if (p.type === 'external') internetExpanded = true;
      focus = id;
      route = null;
      const out = connections.filter((c) => c.src === id), into = connections.filter((c) => c.dst === id);
      info.hidden = false;
      info.replaceChildren(el('h3', null, id),
        el('p', null, `${plural(out.length, 'peer', 'peers')} reachable from it, ${plural(into.length, 'peer', 'peers')} reaching it.`),
        p.isolatedBy ? el('p', null, 'Ingress isolated by: ', p.isolatedBy.ingress.join(', ') || 'nothing', '. Egress isolated by: ', p.isolatedBy.egress.join(', ') || 'nothing', '.') : null,
        connectionTable(out.concat(into), 'focus-pairs'));
      draw();
      const node = positions.get(visibleId(id));
      if (node) centreOn(node.x + node.w / 2, node.y + node.h / 2);
    }
    // An attack path: its namespaces expanded, its workloads and hops lit, everything else dimmed.
    function highlightPath(ids) {
      for (const id of ids) { const p = peers.get(id); if (p && p.type === 'workload') expanded.add(p.namespace); }
      route = ids;
      focus = null;
      info.hidden = true;
      draw();
      fit();
    }
    const routeHops = () => new Set(route.slice(1).map((id, i) => visibleId(route[i]) + '\u0000' + visibleId(id)));

    const visibleId = (id) => {
      const p = peers.get(id);
      if (!p) return id;
      if (p.type === 'workload') return expanded.has(p.namespace) ? id : 'ns:' + p.namespace;
      if (p.type === 'external') return internetExpanded ? id : 'internet';
      return id;
    };

    let positions = new Map();
    let view = { x: 0, y: 0, k: 1 };
    const NODE_W = 170, NODE_H = 34, GAP = 14, PAD = 12, HEAD = 26;

    function layout() {
      // Shelf packing: boxes left to right in rows about as wide as the whole is tall.
      const boxes = [];
      const side = [];
      if (externals.length) side.push(internetExpanded ? externals.map((e) => ({ id: e.id, label: e.ranges.join(', ') || e.id, cls: 'external' })) : [{ id: 'internet', label: `internet (${plural(externals.length, 'range', 'ranges')})`, cls: 'external' }]);
      for (const p of data.peers.filter((p) => p.type === 'ingress-controller')) side.push([{ id: p.id, label: 'ingress controller', cls: 'controller' }]);
      for (const ns of namespaces) {
        const members = byNamespace.get(ns);
        if (!expanded.has(ns)) { boxes.push({ ns, collapsed: true, w: NODE_W + 2 * PAD, h: HEAD + NODE_H + PAD, members }); continue; }
        const cols = Math.max(1, Math.min(3, Math.ceil(Math.sqrt(members.length / 2))));
        const rows = Math.ceil(members.length / cols);
        boxes.push({ ns, collapsed: false, cols, w: cols * NODE_W + (cols - 1) * GAP + 2 * PAD, h: HEAD + rows * (NODE_H + GAP) - GAP + PAD, members });
      }
      const area = boxes.reduce((a, b) => a + (b.w + 40) * (b.h + 40), 0);
      const rowWidth = Math.max(900, Math.sqrt(area) * 1.6);
      positions = new Map();
      let x = 0, y = 0, rowHeight = 0;
      const sideWidth = NODE_W + 80;
      let sy = 0;
      for (const column of side) for (const n of column) { positions.set(n.id, { x: 0, y: sy, w: NODE_W, h: NODE_H, label: n.label, cls: n.cls, kind: 'node' }); sy += NODE_H + GAP; }
      const originX = side.length ? sideWidth : 0;
      for (const b of boxes) {
        if (x > 0 && x + b.w > rowWidth) { x = 0; y += rowHeight + 40; rowHeight = 0; }
        b.x = originX + x; b.y = y;
        x += b.w + 40; rowHeight = Math.max(rowHeight, b.h);
        if (b.collapsed) positions.set('ns:' + b.ns, { x: b.x + PAD, y: b.y + HEAD, w: NODE_W, h: NODE_H, label: plural(b.members.length, 'workload', 'workloads'), cls: 'collapsed-ns', kind: 'node', ns: b.ns });
        else b.members.forEach((w, i) => positions.set(w.id, { x: b.x + PAD + (i % b.cols) * (NODE_W + GAP), y: b.y + HEAD + Math.floor(i / b.cols) * (NODE_H + GAP), w: NODE_W, h: NODE_H, label: w.pods ? `${w.id.slice(w.namespace.length + 1)} of ${w.name} [${w.kind}]` : `${w.name} [${w.kind}]`, cls: 'workload', kind: 'node', peer: w }));
      }
      return boxes;
    }

    function edges() {
      const agg = new Map();
      for (const c of connections) {
        const a = visibleId(c.src), b = visibleId(c.dst);
        if (a === b) continue;
        const key = a + '\u0000' + b;
        const e = agg.get(key) || { a, b, pairs: 0, all: true, text: c.text };
        e.pairs++; e.all = e.all && c.all;
        agg.set(key, e);
      }
      return [...agg.values()];
    }

    function border(p, tx, ty) {
      // Where the line from the centre of p towards (tx, ty) leaves p's rectangle.
      const cx = p.x + p.w / 2, cy = p.y + p.h / 2, dx = tx - cx, dy = ty - cy;
      if (dx === 0 && dy === 0) return [cx, cy];
      const s = Math.min(Math.abs((p.w / 2) / (dx || 1e-9)), Math.abs((p.h / 2) / (dy || 1e-9)));
      return [cx + dx * s, cy + dy * s];
    }

    function draw() {
      const boxes = layout();
      const list = edges();
      const lit = new Set();
      const hops = route ? routeHops() : null;
      if (route) for (const id of route) lit.add(visibleId(id));
      if (focus) {
        const f = visibleId(focus);
        lit.add(f);
        for (const e of list) { if (e.a === f) lit.add(e.b); if (e.b === f) lit.add(e.a); }
      }
      const layer = { groups: svg('g'), edges: svg('g'), nodes: svg('g'), titles: svg('g') };
      for (const b of boxes) {
        const toggle = () => { if (expanded.has(b.ns)) expanded.delete(b.ns); else expanded.add(b.ns); draw(); };
        const dim = (focus || route) && !b.members.some((w) => lit.has(visibleId(w.id)));
        // Titles go in a layer above the edges so that no edge or label hides the toggle.
        const group = `group ns ${b.collapsed ? 'collapsed' : 'expanded'}${dim ? ' dim' : ''}`;
        layer.groups.append(svg('g', { class: group, 'data-ns': b.ns }, svg('rect', { class: 'box', x: b.x, y: b.y, width: b.w, height: b.h })));
        layer.titles.append(svg('g', { class: group, 'data-ns': b.ns },
          svg('text', { class: 'title toggle', x: b.x + PAD, y: b.y + 18, tabindex: 0, role: 'button', onclick: toggle, onkeydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); toggle(); } } }, `${b.collapsed ? '▸' : '▾'} ${b.ns}`, svg('title', null, `${b.ns}: ${plural(b.members.length, 'workload', 'workloads')}; click to ${b.collapsed ? 'expand' : 'collapse'}`))));
      }
      const labels = list.length <= EDGE_LABELS_UP_TO;
      let drawn = list;
      if (list.length > EDGES_UP_TO) {
        const f = focus && visibleId(focus);
        drawn = list.slice().sort((x, y) => y.pairs - x.pairs).slice(0, EDGES_UP_TO);
        if (f) drawn = drawn.filter((e) => e.a !== f && e.b !== f).concat(list.filter((e) => e.a === f || e.b === f));
        if (hops) drawn = drawn.filter((e) => !hops.has(e.a + '\u0000' + e.b)).concat(list.filter((e) => hops.has(e.a + '\u0000' + e.b)));
      }
      hover.textContent = drawn.length < list.length
        ? `${drawn.length} of ${list.length} edges drawn: the ones with the most workload pairs${focus ? ' and every edge of the searched workload' : ''}; expand namespaces or search to see the others.` : '';
      for (const e of drawn) {
        const p = positions.get(e.a), q = positions.get(e.b);
        if (!p || !q) continue;
        const [x1, y1] = border(p, q.x + q.w / 2, q.y + q.h / 2), [x2, y2] = border(q, p.x + p.w / 2, p.y + p.h / 2);
        // Bend each edge to its right so that a→b and b→a do not overlap.
        const mx = (x1 + x2) / 2 - (y2 - y1) * 0.12, my = (y1 + y2) / 2 + (x2 - x1) * 0.12;
        const on = focus ? (lit.has(e.a) && lit.has(e.b) && (e.a === visibleId(focus) || e.b === visibleId(focus)))
          : hops ? hops.has(e.a + '\u0000' + e.b) : false;
        const dimmed = (focus || route) && !on;
        const text = e.pairs === 1 ? e.text : `${e.pairs} pairs${e.all ? ', all connections' : ''}`;
        layer.edges.append(svg('path', { class: `edge${e.all ? ' all' : ''}${on ? ' lit' : ''}${dimmed ? ' dim' : ''}`, d: `M${x1},${y1} Q${mx},${my} ${x2},${y2}`, 'marker-end': 'url(#arrow)', 'data-src': e.a, 'data-dst': e.b, 'data-text': text }));
        if (labels || on) layer.edges.append(svg('text', { class: `edge-label${dimmed ? ' dim' : ''}`, x: (x1 + 2 * mx + x2) / 4, y: (y1 + 2 * my + y2) / 4 }, text.length > 40 ? text.slice(0, 39) + '…' : text));
      }
      for (const [id, p] of positions) {
        const cls = ['node', p.cls];
        if (p.peer && p.peer.isolatedBy && (p.peer.isolatedBy.ingress.length || p.peer.isolatedBy.egress.length)) cls.push('isolated');
        if (focus) cls.push(id === visibleId(focus) ? 'hit' : lit.has(id) ? 'neighbour' : 'dim');
        if (route) cls.push(lit.has(id) ? 'on-path' : 'dim');
        const onclick = id === 'internet' ? () => { internetExpanded = true; draw(); }
          : p.ns ? () => { expanded.add(p.ns); draw(); }
          : p.peer ? () => select(id) : null;
        layer.nodes.append(svg('g', { class: cls.join(' '), 'data-id': id, onclick, style: onclick ? 'cursor:pointer' : null },
          svg('rect', { x: p.x, y: p.y, width: p.w, height: p.h }),
          svg('text', { x: p.x + 8, y: p.y + 21 }, p.label.length > 26 ? p.label.slice(0, 25) + '…' : p.label),
          svg('title', null, p.peer ? p.peer.id : p.label)));
      }
      scene.replaceChildren(layer.groups, layer.edges, layer.nodes, layer.titles);
      apply();
    }

    function bounds() {
      let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      for (const p of positions.values()) { x0 = Math.min(x0, p.x); y0 = Math.min(y0, p.y - HEAD); x1 = Math.max(x1, p.x + p.w + PAD); y1 = Math.max(y1, p.y + p.h + PAD); }
      return positions.size ? { x0, y0, x1, y1 } : { x0: 0, y0: 0, x1: 100, y1: 100 };
    }
    function apply() { scene.setAttribute('transform', `translate(${view.x},${view.y}) scale(${view.k})`); }
    function fit() {
      const b = bounds(), w = host.clientWidth || 800, h = host.clientHeight || 600;
      view.k = Math.min(2, Math.min(w / (b.x1 - b.x0 + 40), h / (b.y1 - b.y0 + 40)));
      view.x = -b.x0 * view.k + 20; view.y = -b.y0 * view.k + 20;
      apply();
    }
    function centreOn(cx, cy) {
      const w = host.clientWidth || 800, h = host.clientHeight || 600;
      view.k = Math.max(view.k, 0.8);
      view.x = w / 2 - cx * view.k; view.y = h / 2 - cy * view.k;
      apply();
    }
    // One delegated handler names the edge under the pointer (thousands of <title> elements would slow every redraw).
    root.addEventListener('mouseover', (e) => {
      const edge = e.target.closest && e.target.closest('path.edge');
      if (edge) hover.textContent = `${edge.dataset.src} → ${edge.dataset.dst}: ${edge.dataset.text}`;
    });
    root.addEventListener('wheel', (e) => {
      e.preventDefault();
      const box = root.getBoundingClientRect(), mx = e.clientX - box.left, my = e.clientY - box.top;
      const k = Math.min(4, Math.max(0.02, view.k * (e.deltaY < 0 ? 1.15 : 1 / 1.15)));
      view.x = mx - (mx - view.x) * (k / view.k); view.y = my - (my - view.y) * (k / view.k); view.k = k;
      apply();
    }, { passive: false });
    let drag = null;
    root.addEventListener('pointerdown', (e) => { if (e.button !== 0) return; drag = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y, moved: false }; });
    root.addEventListener('pointermove', (e) => {
      if (!drag) return;
      const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
      drag.moved = true; root.classList.add('dragging');
      view.x = drag.vx + dx; view.y = drag.vy + dy; apply();
    });
    const stop = () => { drag = null; root.classList.remove('dragging'); };
    root.addEventListener('pointerup', stop);
    root.addEventListener('pointerleave', stop);

    draw();
    fit();
    return { select, draw, highlightPath };
  }

  // ---------- attack paths ----------
  // The shortest paths from the internet to each sensitive workload (data.attackPaths, docs/paths.md;
  // absent when none is reachable); choosing one lights it up in the graph.
  function attackPaths(view) {
    if (!data.attackPaths) return;
    const choices = [];
    const items = data.attackPaths.map((t, i) => el('li', { class: 'attack-target' },
      el('div', null, code(t.target), ` (sensitive: ${t.sensitive}): ${t.hops === 0 ? 'directly reachable' : plural(t.hops, 'hop', 'hops')} from the internet, ` +
        `${plural(t.total, 'shortest path', 'shortest paths')}${t.total > t.paths.length ? `, ${t.paths.length} listed` : ''}`),
      el('ul', { class: 'plain' }, t.paths.map((p, j) => {
        const button = el('button', {
          class: 'attack-path', 'data-target': t.target, 'data-index': `${i}-${j}`, 'aria-pressed': 'false',
          onclick: () => {
            for (const b of choices) b.setAttribute('aria-pressed', String(b === button));
            view.highlightPath(p.nodes);
            document.getElementById('graph-section').scrollIntoView();
          },
        }, ['internet', ...p.nodes.map((id, k) => (k === 0 ? id : `${id} (${p.connections[k - 1]})`))].join(' → '));
        choices.push(button);
        return el('li', null, button, el('span', { class: 'muted' }, ` entered through ${p.way}`));
      }))));
    section('attack-paths', 'Attack paths',
      el('p', { class: 'hint' }, 'The shortest paths from the internet to each sensitive workload (`policylint paths {internet} WORKLOAD`). Choose one to highlight its workloads and hops in the graph; "clear highlight" there ends it.'),
      el('ul', { class: 'plain' }, items));
  }

  // ---------- assemble ----------
  const nav = header();
  overview();
  matrix();
  const view = graph();
  attackPaths(view);
  findings();
  exposure();
  services();
  isolation();
  allConnections();
  otherSections();
  notes();
  for (const [id, title] of sections) nav.append(el('a', { href: '#' + id }, title));
  document.body.setAttribute('data-ready', 'true');
})();
