/**
 * The dashboard's page: its HTML, its script and its styles, served as three files (`/`, `/app.js`, `/app.css`)
 * beside uPlot's own two from node_modules, so the page runs under a CSP without any inline code. No framework,
 * nothing loaded from elsewhere; data from the server is shown with textContent only.
 *
 * Curves: the runs of the results folder (live ones marked and polled every 2 s), the tags of the selected runs, one
 * uPlot chart per chosen tag with a series per run and learner, downsampled by the server to about two points per
 * pixel; smoothing (TensorBoard's debiased exponential moving average), log scale, drag to zoom (the server is asked
 * again for the zoomed range at full detail), double-click to zoom out.
 * Why this action: a run's trace files, the decisions traced (filtered by agent and by "a rule changed it"), and for
 * the one picked, per branch and action: the policy's probability, each rule's part (which vetoed), the factor f, the
 * combined probability and the chosen action, with the text of `shiva explain` beside it.
 * Map: a run's recorded episodes drawn from their scene drawings (map-page.ts serves its two scripts).
 * Seat (only with `shiva dashboard --seat ENV`): the human seat of record-human-page.ts in the page, started when the
 * tab is first opened (dashboard-seat.ts serves its files under /seat/ and its WebSocket at /seat/ws).
 */
import { SEAT_MARKUP } from '../record-human-page.js';
import { SEAT_PREFIX, SEAT_WS_PATH } from './seat-tab.js';

/** The page; with `seat`, the Seat tab, its section and its files. */
export function dashboardHtml(options: { readonly seat: boolean }): string {
  const seatTab = options.seat ? '\n<button id="tab-seat" class="tab" aria-selected="false">Seat</button>' : '';
  const seatStyle = options.seat ? `\n<link rel="stylesheet" href="${SEAT_PREFIX}seat.css">` : '';
  const seatSection = options.seat
    ? `\n<section id="seat" hidden>
<p id="seat-info" class="hint"></p>
<div class="seat-root" data-seat-ws="${SEAT_WS_PATH}" data-seat-lazy>
${SEAT_MARKUP}
</div>
</section>`
    : '';
  const seatScripts = options.seat ? `\n<script src="${SEAT_PREFIX}seat.js"></script>\n<script src="${SEAT_PREFIX}tab.js"></script>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Shiva dashboard</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/vendor/uPlot.min.css">
<link rel="stylesheet" href="/app.css">${seatStyle}
</head>
<body>
<header>
<h1>Shiva</h1>
<nav>
<button id="tab-curves" class="tab" aria-selected="true">Curves</button>
<button id="tab-why" class="tab" aria-selected="false">Why this action</button>
<button id="tab-map" class="tab" aria-selected="false">Map</button>${seatTab}
</nav>
<span id="status">loading…</span>
</header>
<main>
<section id="curves">
<aside>
<h2>Runs</h2>
<ul id="runs"></ul>
<h2>Curves</h2>
<div id="tags"></div>
<h2>View</h2>
<label class="row">smoothing <input id="smoothing" type="range" min="0" max="0.99" step="0.01" value="0.6"> <span id="smoothing-value">0.6</span></label>
<label class="row"><input id="logscale" type="checkbox"> log scale</label>
<p class="hint">Drag across a chart to zoom in; double-click it to zoom out.</p>
</aside>
<div id="charts"></div>
</section>
<section id="why" hidden>
<div class="controls">
<label>run <select id="why-run"></select></label>
<label>trace <select id="why-file"></select></label>
<label>agent <input id="why-agent" type="number" placeholder="any"></label>
<label><input id="why-changed" type="checkbox" checked> only decisions a rule changed</label>
<button id="why-refresh">refresh</button>
</div>
<div class="why-body">
<div id="decisions-pane">
<p id="decisions-count"></p>
<table id="decisions"><thead><tr><th>line</th><th>env</th><th>agent</th><th>step</th><th>actions</th><th>rules</th></tr></thead><tbody></tbody></table>
</div>
<div id="decision">
<div id="bars"><p class="hint">Pick a decision on the left.</p></div>
<h3>shiva explain</h3>
<pre id="explain"></pre>
</div>
</div>
</section>
<section id="map" hidden>
<div class="controls">
<label>run <select id="map-run"></select></label>
<label>episode <select id="map-episode"></select></label>
<button id="map-refresh">refresh</button>
<button id="map-back" title="step back (←)">◀ step</button>
<button id="map-play" title="play or pause (space)">play</button>
<button id="map-step" title="step (→)">step ▶</button>
<button id="map-next-fire">next shot</button>
<label>speed <select id="map-speed"><option value="1">1 step/s</option><option value="4" selected>4 steps/s</option><option value="10">10 steps/s</option><option value="30">30 steps/s</option></select></label>
<input id="map-frame" type="range" min="0" max="0" value="0">
</div>
<p id="map-caption" class="hint">Recorded episodes of a run (shiva train --record-episodes N) replay here.</p>
<canvas id="map-canvas" width="900" height="640"></canvas>
<p id="map-events" class="hint"></p>
</section>${seatSection}
</main>
<script src="/vendor/uPlot.iife.min.js"></script>
<script src="/app.js"></script>
<script src="/scene-map.js"></script>
<script src="/map-view.js"></script>${seatScripts}
</body></html>
`;
}

/** The page without a seat (view-only). */
export const DASHBOARD_HTML = dashboardHtml({ seat: false });

export const DASHBOARD_CSS = `
[hidden]{display:none!important}
body{font-family:system-ui,sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
header{display:flex;align-items:center;gap:1.5em;padding:.5em 1em;background:#20232a;color:#fff}
header h1{font-size:1.2em;margin:0}
nav .tab{background:none;border:none;color:#bbb;font-size:1em;padding:.4em .8em;cursor:pointer}
nav .tab[aria-selected="true"]{color:#fff;border-bottom:2px solid #61dafb}
#status{margin-left:auto;font-size:.85em;color:#ccc}
main{padding:1em}
#curves{display:flex;gap:1em;align-items:flex-start}
aside{width:18em;flex:none}
aside h2{font-size:.95em;margin:.8em 0 .3em}
#runs,#tags{list-style:none;padding:0;margin:0;max-height:22em;overflow:auto;font-size:.9em}
#runs li,#tags label{display:block;padding:.1em 0}
.live{color:#0a0;font-weight:600;font-size:.8em;margin-left:.4em}
.row{display:block;margin:.3em 0;font-size:.9em}
.hint{color:#777;font-size:.85em}
#charts{flex:1;display:flex;flex-direction:column;gap:1em;min-width:0}
.chart{background:#fff;border:1px solid #ddd;padding:.4em}
.chart h3{font-size:.95em;margin:.2em 0}
.chart .meta{font-size:.8em;color:#777}
.controls{display:flex;gap:1em;flex-wrap:wrap;align-items:center;margin-bottom:.8em}
.why-body{display:flex;gap:1em;align-items:flex-start}
#decisions-pane{width:34em;flex:none;max-height:80vh;overflow:auto}
#decisions{border-collapse:collapse;font-size:.85em;width:100%}
#decisions td,#decisions th{padding:.15em .4em;text-align:left;border-bottom:1px solid #eee}
#decisions tbody tr{cursor:pointer}
#decisions tbody tr:hover{background:#eef}
#decisions tbody tr.picked{background:#dde6ff}
#decision{flex:1;min-width:0}
.branch{background:#fff;border:1px solid #ddd;padding:.5em;margin-bottom:.8em}
.branch h4{margin:.1em 0 .4em}
.branch table{border-collapse:collapse;font-size:.85em;width:100%}
.branch td,.branch th{padding:.2em .4em;text-align:left;vertical-align:middle}
.bar{height:.9em;background:#6b8cff;min-width:1px}
.bar.combined{background:#2a9d4b}
.bar-cell{width:9em}
.bar-box{background:#f0f0f0;width:8em}
tr.chosen td{font-weight:600}
tr.chosen td.action::before{content:"\\2605  "}
tr.excluded td{color:#999}
.veto{color:#c0182d;font-weight:600}
.rule{color:#555}
#map-canvas{background:#fff;border:1px solid #ddd;max-width:100%}
#map-frame{width:16em}
#explain{background:#fff;border:1px solid #ddd;padding:.6em;font-size:.8em;overflow:auto;max-height:40vh}
`;

export const DASHBOARD_JS = String.raw`"use strict";
(function () {
  var POLL_MS = 2000;
  var COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22'];
  var DEFAULT_TAGS = ['Environment/Cumulative Reward'];
  var state = { runs: [], selected: new Set(), details: {}, tags: new Set(), charts: new Map(), busy: false, first: true };

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function api(path) {
    return fetch(path, { credentials: 'same-origin' }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) throw new Error(body && body.error ? body.error : 'HTTP ' + r.status);
        return body;
      });
    });
  }
  function enc(s) { return encodeURIComponent(s); }
  function setStatus(text) { $('status').textContent = text; }
  function round(x) { return x === null || x === undefined ? '' : String(Math.round(x * 1e4) / 1e4); }

  // Tabs
  function showTab(name) {
    $('tab-curves').setAttribute('aria-selected', String(name === 'curves'));
    $('tab-why').setAttribute('aria-selected', String(name === 'why'));
    $('curves').hidden = name !== 'curves';
    $('why').hidden = name !== 'why';
    if (name === 'why') loadWhyRuns();
    else drawAll();
  }
  $('tab-curves').addEventListener('click', function () { showTab('curves'); });
  $('tab-why').addEventListener('click', function () { showTab('why'); });

  // ---- Runs and curves ----
  function refreshRuns() {
    return api('/api/runs').then(function (body) {
      state.runs = body.runs;
      if (state.first && state.runs.length > 0) {
        state.selected.add(state.runs[0].id);
        state.first = false;
      }
      var known = new Set(state.runs.map(function (r) { return r.id; }));
      state.selected.forEach(function (id) { if (!known.has(id)) state.selected.delete(id); });
      drawRuns();
      return Promise.all(Array.from(state.selected).map(function (id) {
        return api('/api/runs/' + enc(id)).then(function (d) { state.details[id] = d; });
      }));
    }).then(function () {
      drawTags();
      var live = state.runs.filter(function (r) { return r.live; }).map(function (r) { return r.id; });
      setStatus(state.runs.length + ' run(s)' + (live.length ? '; live: ' + live.join(', ') : ''));
    });
  }

  function drawRuns() {
    var ul = $('runs');
    ul.textContent = '';
    if (state.runs.length === 0) ul.appendChild(el('li', 'hint', 'No runs in this results folder yet.'));
    state.runs.forEach(function (run) {
      var li = el('li');
      var label = el('label');
      var box = el('input');
      box.type = 'checkbox';
      box.checked = state.selected.has(run.id);
      box.dataset.run = run.id;
      box.addEventListener('change', function () {
        if (box.checked) state.selected.add(run.id); else state.selected.delete(run.id);
        refreshRuns().then(drawAll);
      });
      label.appendChild(box);
      label.appendChild(document.createTextNode(' ' + run.id));
      if (run.live) label.appendChild(el('span', 'live', 'live'));
      li.appendChild(label);
      ul.appendChild(li);
    });
  }

  function allTags() {
    var tags = [];
    state.selected.forEach(function (id) {
      var d = state.details[id];
      if (!d) return;
      Object.keys(d.tags).forEach(function (learner) {
        d.tags[learner].forEach(function (t) { if (tags.indexOf(t.tag) < 0) tags.push(t.tag); });
      });
    });
    return tags.sort();
  }

  function drawTags() {
    var tags = allTags();
    if (state.tags.size === 0 && tags.length > 0) {
      DEFAULT_TAGS.forEach(function (t) { if (tags.indexOf(t) >= 0) state.tags.add(t); });
      if (state.tags.size === 0) state.tags.add(tags[0]);
    }
    var box = $('tags');
    box.textContent = '';
    tags.forEach(function (tag) {
      var label = el('label');
      var input = el('input');
      input.type = 'checkbox';
      input.checked = state.tags.has(tag);
      input.dataset.tag = tag;
      input.addEventListener('change', function () {
        if (input.checked) state.tags.add(tag); else state.tags.delete(tag);
        drawAll();
      });
      label.appendChild(input);
      label.appendChild(document.createTextNode(' ' + tag));
      box.appendChild(label);
    });
  }

  /** TensorBoard's smoothing: an exponential moving average, debiased at the start; gaps stay gaps. */
  function smooth(values, weight) {
    if (!(weight > 0)) return values;
    var last = 0, n = 0, out = new Array(values.length);
    for (var i = 0; i < values.length; i++) {
      var v = values[i];
      if (v === null || v === undefined || !isFinite(v)) { out[i] = null; continue; }
      last = last * weight + (1 - weight) * v;
      n++;
      out[i] = last / (1 - Math.pow(weight, n));
    }
    return out;
  }

  function seriesFor(tag) {
    var list = [];
    Array.from(state.selected).sort().forEach(function (id) {
      var d = state.details[id];
      if (!d) return;
      Object.keys(d.tags).forEach(function (learner) {
        if (d.tags[learner].some(function (t) { return t.tag === tag; })) list.push({ run: id, learner: learner });
      });
    });
    return list;
  }

  function chartFor(tag) {
    var c = state.charts.get(tag);
    if (c) return c;
    var box = el('div', 'chart');
    box.dataset.tag = tag;
    box.appendChild(el('h3', null, tag));
    var meta = el('div', 'meta', '');
    box.appendChild(meta);
    var holder = el('div');
    box.appendChild(holder);
    c = { tag: tag, box: box, meta: meta, holder: holder, plot: null, key: '', zoom: null, updating: false, loading: false };
    state.charts.set(tag, c);
    return c;
  }

  function drawAll() {
    var charts = $('charts');
    var wanted = Array.from(state.tags).sort();
    state.charts.forEach(function (c, tag) {
      if (wanted.indexOf(tag) < 0) { if (c.plot) c.plot.destroy(); c.box.remove(); state.charts.delete(tag); }
    });
    wanted.forEach(function (tag) {
      var c = chartFor(tag);
      charts.appendChild(c.box);
      loadChart(c);
    });
    if (wanted.length === 0) {
      charts.textContent = '';
      charts.appendChild(el('p', 'hint', state.selected.size ? 'Pick a curve on the left.' : 'Pick a run on the left.'));
    } else {
      Array.from(charts.children).forEach(function (n) { if (!n.classList.contains('chart')) n.remove(); });
    }
  }

  function loadChart(c) {
    if (c.loading) return;
    var series = seriesFor(c.tag);
    var width = Math.max(300, $('charts').clientWidth - 20);
    var max = Math.min(4000, Math.max(200, Math.round(width * 2)));
    var range = c.zoom ? '&from=' + c.zoom[0] + '&to=' + c.zoom[1] : '';
    c.loading = true;
    Promise.all(series.map(function (s) {
      return api('/api/runs/' + enc(s.run) + '/series?learner=' + enc(s.learner) + '&tag=' + enc(c.tag) + '&max=' + max + range);
    })).then(function (results) {
      c.loading = false;
      render(c, series, results, width);
    }, function (error) {
      c.loading = false;
      c.meta.textContent = 'error: ' + error.message;
    });
  }

  function render(c, series, results, width) {
    var weight = Number($('smoothing').value);
    var log = $('logscale').checked;
    var tables = results.map(function (r) {
      var values = smooth(r.values, weight);
      if (log) values = values.map(function (v) { return v !== null && v > 0 ? v : null; });
      return [r.steps, values];
    });
    var data = tables.length > 0 ? uPlot.join(tables) : [[]];
    var points = results.reduce(function (s, r) { return s + r.points; }, 0);
    var shown = results.reduce(function (s, r) { return s + r.steps.length; }, 0);
    c.box.dataset.points = String(points);
    c.box.dataset.shown = String(shown);
    c.meta.textContent = points + ' point(s) in ' + results.length + ' series, ' + shown + ' drawn' + (c.zoom ? ' (zoomed: steps ' + Math.round(c.zoom[0]) + '–' + Math.round(c.zoom[1]) + ')' : '');
    var key = series.map(function (s) { return s.run + '/' + s.learner; }).join('|') + (log ? '|log' : '') + '|' + width;
    if (!c.plot || c.key !== key) {
      if (c.plot) c.plot.destroy();
      c.key = key;
      c.plot = new uPlot({
        width: width,
        height: 240,
        scales: { x: { time: false }, y: log ? { distr: 3 } : {} },
        series: [{ label: 'step' }].concat(series.map(function (s, i) {
          return { label: s.run + (s.learner ? ' · ' + s.learner : ''), stroke: COLORS[i % COLORS.length], width: 1.5, spanGaps: true, points: { show: false } };
        })),
        cursor: { drag: { x: true, y: false }, bind: { dblclick: function () { return null; } } },
        hooks: {
          setSelect: [function (u) {
            if (u.select.width < 2) return;
            var lo = u.posToVal(u.select.left, 'x'), hi = u.posToVal(u.select.left + u.select.width, 'x');
            c.zoom = [lo, hi];
            loadChart(c);
          }],
        },
      }, data, c.holder);
      c.plot.over.addEventListener('dblclick', function () { c.zoom = null; loadChart(c); });
    } else {
      c.plot.setData(data, true);
    }
  }

  $('smoothing').addEventListener('input', function () { $('smoothing-value').textContent = $('smoothing').value; drawAll(); });
  $('logscale').addEventListener('change', drawAll);

  function poll() {
    // Nothing while the tab is in the background or another view is shown.
    if (state.busy || document.hidden || $('curves').hidden) return;
    state.busy = true;
    refreshRuns().then(function () { drawAll(); }, function (error) { setStatus('error: ' + error.message); }).then(function () { state.busy = false; });
  }

  // ---- Why this action ----
  function loadWhyRuns() {
    api('/api/runs').then(function (body) {
      var select = $('why-run');
      var current = select.value;
      select.textContent = '';
      body.runs.filter(function (r) { return r.traces.length > 0; }).forEach(function (r) {
        var o = el('option', null, r.id);
        o.value = r.id;
        select.appendChild(o);
      });
      if (current && Array.from(select.options).some(function (o) { return o.value === current; })) select.value = current;
      else if (state.selected.size > 0 && Array.from(select.options).some(function (o) { return state.selected.has(o.value); })) {
        select.value = Array.from(select.options).filter(function (o) { return state.selected.has(o.value); })[0].value;
      }
      loadWhyFiles(body.runs);
    }, function (error) { setStatus('error: ' + error.message); });
  }

  function loadWhyFiles(runs) {
    var run = runs.filter(function (r) { return r.id === $('why-run').value; })[0];
    var select = $('why-file');
    var current = select.value;
    select.textContent = '';
    (run ? run.traces : []).forEach(function (f) {
      var o = el('option', null, f);
      o.value = f;
      select.appendChild(o);
    });
    if (current && Array.from(select.options).some(function (o) { return o.value === current; })) select.value = current;
    loadDecisions();
  }

  function loadDecisions() {
    var run = $('why-run').value, file = $('why-file').value;
    var body = $('decisions').tBodies[0];
    body.textContent = '';
    if (!run || !file) { $('decisions-count').textContent = 'This run has no decision traces (a rule file with trace_sample_rate writes them).'; return; }
    var q = '?limit=500' + ($('why-changed').checked ? '&changed=1' : '') + ($('why-agent').value !== '' ? '&agent=' + enc($('why-agent').value) : '');
    api('/api/runs/' + enc(run) + '/traces/' + enc(file) + '/decisions' + q).then(function (r) {
      $('decisions-count').textContent = r.matched + ' of ' + r.total + ' traced decision(s)' + (r.matched > r.decisions.length ? ' (the first ' + r.decisions.length + ' shown)' : '');
      r.decisions.forEach(function (d) {
        var tr = el('tr');
        tr.dataset.line = String(d.line);
        tr.dataset.agent = String(d.agent);
        tr.dataset.step = String(d.step);
        [d.line, d.env, d.agent, d.step, d.actions, d.rules.join(', ')].forEach(function (v) { tr.appendChild(el('td', null, v)); });
        tr.addEventListener('click', function () {
          Array.from(body.rows).forEach(function (row) { row.classList.remove('picked'); });
          tr.classList.add('picked');
          loadDecision(run, file, d.line);
        });
        body.appendChild(tr);
      });
    }, function (error) { $('decisions-count').textContent = 'error: ' + error.message; });
  }

  function bar(p, cls) {
    var box = el('div', 'bar-box');
    var b = el('div', 'bar' + (cls ? ' ' + cls : ''));
    b.style.width = (Math.max(0, Math.min(1, p)) * 100).toFixed(1) + '%';
    box.appendChild(b);
    return box;
  }

  function loadDecision(run, file, line) {
    api('/api/runs/' + enc(run) + '/traces/' + enc(file) + '/decision?line=' + line).then(function (d) {
      var bars = $('bars');
      bars.textContent = '';
      bars.dataset.line = String(d.line);
      bars.appendChild(el('p', null, d.behavior + ', env ' + d.env + ', agent ' + d.agent + ', step ' + d.step + ' (' + (d.mode === 'greedy' ? 'greedy' : 'sampled from π·f/Z') + ')' +
        (d.fired.length ? '; rules fired: ' + d.fired.map(function (f) { return f.rule; }).join(', ') : '; no rule fired')));
      d.branches.forEach(function (b) {
        var box = el('div', 'branch');
        box.dataset.predicate = b.predicate;
        box.appendChild(el('h4', null, b.predicate + ': chose ' + b.chosen + (b.impasse ? ' (impasse ' + b.impasse + ')' : '')));
        var table = el('table');
        var head = el('tr');
        ['action', 'policy π', '', 'rules', 'f', 'combined π·f/Z', ''].forEach(function (h) { head.appendChild(el('th', null, h)); });
        table.appendChild(head);
        b.candidates.forEach(function (c) {
          var tr = el('tr', (c.chosen ? 'chosen' : '') + (c.excluded ? ' excluded' : ''));
          tr.dataset.label = c.label;
          if (c.excluded) tr.dataset.excluded = c.excluded;
          tr.appendChild(el('td', 'action', c.label));
          var pb = el('td', 'bar-cell'); pb.appendChild(bar(c.policy)); tr.appendChild(pb);
          tr.appendChild(el('td', null, round(c.policy)));
          var rules = el('td');
          if (c.excluded && c.excluded.indexOf('vetoed') === 0) rules.appendChild(el('span', 'veto', c.excluded));
          else if (c.excluded) rules.appendChild(el('span', 'rule', c.excluded));
          c.rules.filter(function (r) { return !r.veto; }).forEach(function (r) {
            rules.appendChild(el('span', 'rule', ' ' + r.rule + ': ' + r.kind + ' ' + round(r.value)));
          });
          tr.appendChild(rules);
          tr.appendChild(el('td', null, round(c.factor)));
          var cb = el('td', 'bar-cell'); cb.appendChild(bar(c.combined, 'combined')); tr.appendChild(cb);
          tr.appendChild(el('td', null, round(c.combined)));
          table.appendChild(tr);
        });
        box.appendChild(table);
        bars.appendChild(box);
      });
      $('explain').textContent = d.text;
    }, function (error) { $('bars').textContent = 'error: ' + error.message; });
  }

  $('why-run').addEventListener('change', loadWhyRuns);
  $('why-file').addEventListener('change', loadDecisions);
  $('why-changed').addEventListener('change', loadDecisions);
  $('why-agent').addEventListener('change', loadDecisions);
  $('why-refresh').addEventListener('click', loadDecisions);

  refreshRuns().then(drawAll, function (error) { setStatus('error: ' + error.message); });
  setInterval(poll, POLL_MS);
})();
`;
