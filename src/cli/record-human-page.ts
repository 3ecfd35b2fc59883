/**
 * The human seat: its HTML, script and styles as files (under a prefix: `/`, `/seat.js`, `/seat.css` for `shiva record
 * --human`; `/seat/`, `/seat/seat.js`, … on the dashboard) beside the dashboard's map script (`scene-map.js`,
 * dashboard/map-page.ts), so the page runs under a CSP with no inline code at all. The seat lives in an element with
 * `data-seat-ws` (the WebSocket path the server gives: /ws, /seat/ws): the whole page of `shiva record --human`, or
 * the dashboard's Seat tab, which marks it `data-seat-lazy` and starts it (`ShivaSeat.start`) when the tab is first
 * opened. It draws the map of the scene when the scene draws itself (else the observation floats), and sends the
 * action the person picks by name. Messages are JSON, one per frame:
 *
 *   server → page  {type: 'hello', behavior, observationShapes, continuousSize, discreteBranches, episodes,
 *                   actionNames: {branches: [{name, options}], continuous?} | null, map: boolean}
 *                  {type: 'decision', step, agents: [{agentId, observations: number[][], mask: number[] | null,
 *                   actionNames | null}], drawing: SceneDrawing | null, episode, episodeReturn}
 *                  {type: 'episode', episodes, lastReturn}      {type: 'error', message}
 *                  {type: 'done', file, steps, episodes, meanReward}
 *   page → server  {type: 'action', step, continuous: number[], discrete: number[]}   (agents × size, row-major)
 *
 * Discrete branches: one button per option, named by the scene ("move north to waypoint 7", "look east", "prone"),
 * masked options greyed with the reason; each option has a key (branch 1: 1-9, branch 2: q w e r t…, branch 3:
 * a s d f g…, shown on the button; only while the seat is shown). With one branch a pick acts at once; otherwise
 * picks are highlighted and Act (or Enter) sends them. Continuous: a slider per component in [−1, 1]. Every agent
 * deciding at once gets the same action. No framework, no external resources; server data is shown with textContent
 * only.
 */

/** The seat's elements, inside an element carrying `class="seat-root" data-seat-ws="PATH"`. */
export const SEAT_MARKUP = `<p class="seat-status">connecting…</p>
<div class="seat">
<div class="board">
<canvas id="seat-map" class="seat-map" width="720" height="520" hidden></canvas>
<p class="seat-caption hint"></p>
<div class="seat-obs"></div>
</div>
<div class="seat-controls"></div>
</div>`;

/**
 * The seat as a page of its own, its files under `prefix` ("/" or "/seat/") and its WebSocket at `wsPath`; under a
 * prefix other than "/" it links back to the dashboard at "/".
 */
export function seatPageHtml(prefix: string, wsPath: string): string {
  const back = prefix === '/' ? '' : '\n<p class="hint"><a href="/">back to the dashboard</a></p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Shiva: the human seat</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${prefix}seat.css">
</head>
<body class="seat-page">
<h1>The human seat: record a demonstration</h1>${back}
<div class="seat-root" data-seat-ws="${wsPath}">
${SEAT_MARKUP}
</div>
<script src="${prefix}scene-map.js"></script>
<script src="${prefix}seat.js"></script>
</body></html>
`;
}

/** `shiva record --human`'s page: the seat at /, its WebSocket at /ws. */
export const HUMAN_PAGE = seatPageHtml('/', '/ws');

export const SEAT_CSS = `
[hidden]{display:none!important}
body.seat-page{font-family:system-ui,sans-serif;margin:1.5em;color:#1d1d1f}
body.seat-page h1{font-size:1.3em}
.seat-root .seat{display:flex;gap:1.5em;align-items:flex-start;flex-wrap:wrap}
.seat-root .seat-map{border:1px solid #ccc;background:#fff;max-width:100%}
.seat-root .seat-obs{font-family:monospace;white-space:pre;background:#f4f4f4;padding:.6em;max-width:46em;overflow:auto}
.seat-root .seat-obs:empty{display:none}
.seat-root .seat-controls{min-width:20em}
.seat-root .seat-branch{margin:.4em 0 .8em}
.seat-root .seat-branch h3{font-size:1em;margin:.2em 0}
.seat-root .seat-branch button{display:block;width:100%;text-align:left;margin:.15em 0;padding:.35em .6em;font-size:1em;border:1px solid #bbb;background:#fff;border-radius:4px;cursor:pointer}
.seat-root .seat-branch button.picked{background:#dde6ff;border-color:#6b8cff;font-weight:600}
.seat-root .seat-branch button:disabled{color:#999;background:#f2f2f2;cursor:not-allowed}
.seat-root .seat-branch button .key{display:inline-block;min-width:1.4em;color:#555;font-family:monospace}
.seat-root .seat-branch button .reason{color:#b00;font-size:.85em;margin-left:.5em}
.seat-root .seat-act{padding:.5em 1.4em;font-size:1.1em}
.seat-root .seat-status{color:#555}
.seat-root .seat-status.done{color:#0a6b2a;font-weight:600}
.hint{color:#777;font-size:.85em}
`;

export const SEAT_JS = String.raw`"use strict";
(function () {
  var KEYS = ['123456789', 'qwertyuio', 'asdfghjkl', 'zxcvbnm'];

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  /** Runs the seat inside root (an element with data-seat-ws, the WebSocket path the server gave). */
  function start(root) {
    if (root.dataset.seatStarted) return;
    root.dataset.seatStarted = 'true';
    var status = root.querySelector('.seat-status');
    var obsView = root.querySelector('.seat-obs');
    var controls = root.querySelector('.seat-controls');
    var canvas = root.querySelector('canvas.seat-map');
    var caption = root.querySelector('.seat-caption');
    var ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + root.dataset.seatWs);
    var spec = null, decision = null, chosen = [], sliders = [], done = false;

    function namesOf() {
      var a = decision && decision.agents[0] && decision.agents[0].actionNames;
      return a || spec.actionNames || null;
    }
    function optionName(b, k) {
      var n = namesOf();
      return n && n.branches[b] && n.branches[b].options[k] !== undefined ? n.branches[b].options[k] : 'option ' + k;
    }
    function branchName(b) {
      var n = namesOf();
      return n && n.branches[b] ? n.branches[b].name : 'branch ' + b;
    }
    function keyOf(b, k) { return KEYS[b] && KEYS[b][k] ? KEYS[b][k] : ''; }
    function single() { return spec.continuousSize === 0 && spec.discreteBranches.length === 1; }
    function button(b, k) { return controls.querySelector('button[data-branch="' + b + '"][data-option="' + k + '"]'); }

    function build() {
      controls.textContent = '';
      chosen = spec.discreteBranches.map(function () { return 0; });
      spec.discreteBranches.forEach(function (size, b) {
        var row = el('div', 'seat-branch');
        row.dataset.branch = String(b);
        row.appendChild(el('h3', null, branchName(b)));
        for (var k = 0; k < size; k++) {
          var bt = el('button');
          bt.dataset.branch = String(b);
          bt.dataset.option = String(k);
          bt.addEventListener('click', choose.bind(null, b, k));
          row.appendChild(bt);
        }
        controls.appendChild(row);
      });
      sliders = [];
      for (var c = 0; c < spec.continuousSize; c++) {
        var line = el('div', 'seat-branch');
        var input = el('input');
        input.type = 'range'; input.min = '-1'; input.max = '1'; input.step = '0.01'; input.value = '0';
        var value = el('span', null, ' 0');
        input.addEventListener('input', (function (v, i) { return function () { v.textContent = ' ' + i.value; }; })(value, input));
        var cn = spec.actionNames && spec.actionNames.continuous && spec.actionNames.continuous[c];
        line.append((cn || 'continuous ' + c) + ': ', input, value);
        controls.appendChild(line);
        sliders.push(input);
      }
      if (!single()) {
        var act = el('button', 'seat-act', 'Act (Enter)');
        act.addEventListener('click', send);
        controls.appendChild(act);
      }
    }

    function label() {
      var mask = decision ? decision.agents[0].mask : null;
      var at = 0;
      spec.discreteBranches.forEach(function (size, b) {
        var firstAllowed = -1;
        var head = controls.querySelector('.seat-branch[data-branch="' + b + '"] h3');
        if (head) head.textContent = branchName(b);
        for (var k = 0; k < size; k++) {
          var bt = button(b, k);
          if (!bt) continue;
          var masked = mask !== null && mask[at + k] === 1;
          bt.textContent = '';
          bt.appendChild(el('span', 'key', keyOf(b, k)));
          bt.appendChild(document.createTextNode(' ' + optionName(b, k)));
          bt.dataset.name = optionName(b, k);
          bt.disabled = masked || !decision;
          if (masked) {
            var reason = 'masked: the scene does not allow it here';
            bt.title = reason;
            bt.dataset.reason = reason;
            bt.appendChild(el('span', 'reason', '(' + reason + ')'));
          } else {
            bt.removeAttribute('title');
            delete bt.dataset.reason;
            if (firstAllowed < 0) firstAllowed = k;
          }
        }
        if (mask !== null && mask[at + chosen[b]] === 1) chosen[b] = Math.max(0, firstAllowed);
        at += size;
      });
      highlight();
    }
    function highlight() {
      var buttons = controls.querySelectorAll('.seat-branch button');
      for (var i = 0; i < buttons.length; i++) {
        var bt = buttons[i];
        bt.classList.toggle('picked', !single() && chosen[Number(bt.dataset.branch)] === Number(bt.dataset.option));
      }
    }

    function choose(branch, option) {
      if (!decision) return;
      var bt = button(branch, option);
      if (!bt || bt.disabled) return;
      chosen[branch] = option;
      if (single()) send(); else highlight();
    }

    function send() {
      if (!decision) return;
      var n = decision.agents.length, continuous = [], discrete = [];
      for (var i = 0; i < n; i++) {
        sliders.forEach(function (s) { continuous.push(Number(s.value)); });
        chosen.forEach(function (k) { discrete.push(k); });
      }
      ws.send(JSON.stringify({ type: 'action', step: decision.step, continuous: continuous, discrete: discrete }));
      decision = null;
      label();
      status.textContent = 'sent; waiting for the next decision…';
    }

    function show() {
      var head = 'step ' + decision.step + ' · episode ' + decision.episode + ' · return so far ' + decision.episodeReturn.toFixed(2);
      if (decision.drawing && window.ShivaSceneMap) {
        canvas.hidden = false;
        window.ShivaSceneMap.draw(canvas, decision.drawing, { selected: decision.agents[0].agentId });
        caption.textContent = head + (decision.drawing.caption ? ' · ' + decision.drawing.caption : '') + ' · you play agent ' + decision.agents.map(function (a) { return a.agentId; }).join(', ') + ' (thick outline)';
        obsView.textContent = '';
      } else {
        caption.textContent = head;
        obsView.textContent = decision.agents.map(function (a) {
          return 'agent ' + a.agentId + ': ' + a.observations.map(function (o) { return o.map(function (v) { return v.toFixed(3); }).join('  '); }).join(' | ');
        }).join('\n');
      }
      status.textContent = 'your move: pick ' + (single() ? 'an action' : 'one option per row, then Act');
      label();
    }

    document.addEventListener('keydown', function (event) {
      // Only while the seat is shown (the dashboard's other tabs have keys of their own), not while typing in a field.
      if (!spec || !decision || event.ctrlKey || event.metaKey || event.altKey || root.closest('[hidden]')) return;
      var t = event.target;
      if (t && (t.tagName === 'SELECT' || t.tagName === 'TEXTAREA' || (t.tagName === 'INPUT' && t.type !== 'range' && t.type !== 'checkbox'))) return;
      if (event.key === 'Enter') { event.preventDefault(); return send(); }
      var key = event.key.toLowerCase();
      for (var b = 0; b < spec.discreteBranches.length; b++) {
        var k = KEYS[b] ? KEYS[b].indexOf(key) : -1;
        if (k >= 0 && k < spec.discreteBranches[b]) { event.preventDefault(); return choose(b, k); }
      }
    });

    ws.onmessage = function (event) {
      var m = JSON.parse(event.data);
      if (m.type === 'hello') {
        spec = m;
        build();
        label();
        status.textContent = 'recording ' + m.behavior + ': ' + m.episodes + ' episode(s) to play';
      } else if (m.type === 'decision') {
        decision = m;
        show();
      } else if (m.type === 'episode') {
        status.textContent = 'episode ' + m.episodes + ' ended with return ' + m.lastReturn.toFixed(2);
      } else if (m.type === 'error') {
        status.textContent = 'error: ' + m.message;
      } else if (m.type === 'done') {
        done = true;
        decision = null;
        status.textContent = 'done: ' + m.episodes + ' episode(s), ' + m.steps + ' rows written to ' + m.file + ' (mean return ' + m.meanReward.toFixed(2) + ')';
        status.classList.add('done');
        controls.textContent = '';
        root.dataset.done = 'true';
        document.body.dataset.done = 'true';
      }
    };
    ws.onclose = function (event) {
      if (done) return;
      status.textContent = event.code === 1013 ? 'another page is playing this seat; close it and reload this one' : 'disconnected; reload to continue';
    };
  }

  window.ShivaSeat = { start: start };
  var roots = document.querySelectorAll('[data-seat-ws]');
  for (var i = 0; i < roots.length; i++) if (!roots[i].hasAttribute('data-seat-lazy')) start(roots[i]);
})();
`;
