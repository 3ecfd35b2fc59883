/**
 * The mission map's scripts, served as files (no inline code, so the pages' CSP stays script-src 'self'):
 *
 *   /scene-map.js  ShivaSceneMap.draw(canvas, drawing): draws one scene drawing (src/core/env/scene-drawing.ts) on a
 *                  canvas: layers (terrain cells, regions, graph edges and waypoints), then links (sight dashed, fire
 *                  in the shooter's team colour with an arrow), then entities (agents by team with heading, health and
 *                  dead/prone marks; civilians, the trainee, objectives, food, landmarks, flags). What it drew is
 *                  summed up on the canvas's data-drawn attribute (teams, kinds, links by kind) for tests and tools.
 *                  Used by the dashboard's Map view and by the human seat (record-human-page.ts).
 *   /map-view.js   the dashboard's Map tab: a run's recorded episodes (RUN/episodes, shiva train --record-episodes),
 *                  replayed with play, pause, step back and forward, next shot, speed and a frame slider; keys
 *                  space (play/pause), ← and → (step).
 */

export const SCENE_MAP_JS = String.raw`"use strict";
(function () {
  var TEAM = ['#d62728', '#1f5fd6', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf'];
  var CELL = { open: '#f3f0e6', cover: '#cfe3b8', 'heavy cover': '#9cc48a', blocked: '#56575c', water: '#9cc3e6' };
  function teamColor(t) { return t === undefined || t === null ? '#555' : TEAM[t % TEAM.length]; }
  function has(e, word) { return !!e.state && e.state.indexOf(word) >= 0; }

  function draw(canvas, d, options) {
    options = options || {};
    var ctx = canvas.getContext('2d');
    var W = canvas.width, H = canvas.height, pad = 12;
    var bw = Math.max(1e-9, d.bounds.maxX - d.bounds.minX), bh = Math.max(1e-9, d.bounds.maxY - d.bounds.minY);
    var s = Math.min((W - 2 * pad) / bw, (H - 2 * pad) / bh);
    var ox = pad + (W - 2 * pad - bw * s) / 2, oy = pad + (H - 2 * pad - bh * s) / 2;
    function X(x) { return ox + (x - d.bounds.minX) * s; }
    function Y(y) { return H - oy - (y - d.bounds.minY) * s; }
    var summary = { teams: [], kinds: {}, links: {}, entities: 0, selected: options.selected === undefined ? null : options.selected };
    ctx.clearRect(0, 0, W, H);
    ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, W, H);

    (d.layers || []).forEach(function (l) {
      if (l.cells) {
        var c = l.cells, n = c.rows.length;
        c.rows.forEach(function (row, t) {
          for (var k = 0; k < row.length; k++) {
            var word = c.legend[row[k]] || 'open';
            ctx.fillStyle = CELL[word] || '#eee';
            var x0 = c.x + k * c.size, y0 = c.y + (n - 1 - t) * c.size;
            ctx.fillRect(X(x0), Y(y0 + c.size), c.size * s + 0.5, c.size * s + 0.5);
          }
        });
      }
      if (l.rect) {
        ctx.fillStyle = 'rgba(120,120,160,0.15)';
        ctx.fillRect(X(l.rect.x), Y(l.rect.y + l.rect.height), l.rect.width * s, l.rect.height * s);
      }
      if (l.lines) {
        ctx.strokeStyle = 'rgba(90,90,90,0.45)'; ctx.lineWidth = 1; ctx.beginPath();
        for (var i = 0; i + 3 < l.lines.length; i += 4) { ctx.moveTo(X(l.lines[i]), Y(l.lines[i + 1])); ctx.lineTo(X(l.lines[i + 2]), Y(l.lines[i + 3])); }
        ctx.stroke();
        summary.links.edge = (summary.links.edge || 0) + l.lines.length / 4;
      }
      if (l.points) {
        ctx.fillStyle = 'rgba(60,60,60,0.6)';
        var labels = l.points.length <= 80 || s > 0.6;
        ctx.font = '9px sans-serif';
        l.points.forEach(function (p) {
          ctx.beginPath(); ctx.arc(X(p.x), Y(p.y), 2, 0, 2 * Math.PI); ctx.fill();
          if (labels && p.label) ctx.fillText(p.label, X(p.x) + 3, Y(p.y) - 3);
        });
      }
    });

    (d.links || []).forEach(function (k) {
      summary.links[k.kind] = (summary.links[k.kind] || 0) + 1;
      var x1 = X(k.from[0]), y1 = Y(k.from[1]), x2 = X(k.to[0]), y2 = Y(k.to[1]);
      ctx.save();
      if (k.kind === 'sight') { ctx.setLineDash([4, 4]); ctx.strokeStyle = 'rgba(40,40,120,0.35)'; ctx.lineWidth = 1; }
      else if (k.kind === 'fire') { ctx.strokeStyle = teamColor(k.team); ctx.lineWidth = 2.5; }
      else { ctx.strokeStyle = 'rgba(0,0,0,0.5)'; ctx.lineWidth = 1; }
      ctx.beginPath(); ctx.moveTo(x1, y1); ctx.lineTo(x2, y2); ctx.stroke();
      if (k.kind === 'fire') {
        var a = Math.atan2(y2 - y1, x2 - x1);
        ctx.fillStyle = ctx.strokeStyle; ctx.beginPath(); ctx.moveTo(x2, y2);
        ctx.lineTo(x2 - 10 * Math.cos(a - 0.4), y2 - 10 * Math.sin(a - 0.4)); ctx.lineTo(x2 - 10 * Math.cos(a + 0.4), y2 - 10 * Math.sin(a + 0.4)); ctx.fill();
        if (k.label && k.label.indexOf('line of fire') >= 0) { ctx.font = 'bold 11px sans-serif'; ctx.fillStyle = '#b00'; ctx.fillText('ROE: ' + k.label, (x1 + x2) / 2 + 4, (y1 + y2) / 2 - 4); }
      }
      ctx.restore();
    });

    var r = Math.max(5, Math.min(11, s * 8));
    (d.entities || []).forEach(function (e) {
      summary.entities++;
      summary.kinds[e.kind] = (summary.kinds[e.kind] || 0) + 1;
      if (e.team !== undefined && summary.teams.indexOf(e.team) < 0) summary.teams.push(e.team);
      var x = X(e.x), y = Y(e.y);
      ctx.save();
      if (e.kind === 'agent') {
        var dead = has(e, 'dead');
        ctx.globalAlpha = dead ? 0.35 : 1;
        ctx.fillStyle = teamColor(e.team); ctx.strokeStyle = '#111'; ctx.lineWidth = options.selected === e.agentId ? 3 : 1;
        ctx.beginPath();
        if (has(e, 'prone')) ctx.rect(x - r, y - r * 0.55, 2 * r, 1.1 * r); else ctx.arc(x, y, r, 0, 2 * Math.PI);
        ctx.fill(); ctx.stroke();
        if (e.heading !== undefined && !dead) {
          var h = e.heading * Math.PI / 180;
          ctx.beginPath(); ctx.moveTo(x, y); ctx.lineTo(x + Math.cos(h) * r * 2, y - Math.sin(h) * r * 2); ctx.lineWidth = 2; ctx.stroke();
        }
        if (e.health !== undefined) {
          ctx.fillStyle = '#ddd'; ctx.fillRect(x - r, y + r + 2, 2 * r, 3);
          ctx.fillStyle = '#2a9d4b'; ctx.fillRect(x - r, y + r + 2, 2 * r * Math.max(0, Math.min(1, e.health)), 3);
        }
        if (dead) { ctx.strokeStyle = '#000'; ctx.beginPath(); ctx.moveTo(x - r, y - r); ctx.lineTo(x + r, y + r); ctx.moveTo(x + r, y - r); ctx.lineTo(x - r, y + r); ctx.stroke(); }
        if (has(e, 'violation')) { ctx.strokeStyle = '#b00'; ctx.lineWidth = 2; ctx.beginPath(); ctx.arc(x, y, r + 4, 0, 2 * Math.PI); ctx.stroke(); }
      } else if (e.kind === 'civilian') {
        ctx.fillStyle = '#2ca02c'; ctx.beginPath(); ctx.moveTo(x, y - r); ctx.lineTo(x + r, y); ctx.lineTo(x, y + r); ctx.lineTo(x - r, y); ctx.closePath(); ctx.fill();
      } else if (e.kind === 'trainee') {
        ctx.fillStyle = '#f2b400'; ctx.strokeStyle = '#7a5a00'; ctx.beginPath(); ctx.moveTo(x, y - r * 1.2); ctx.lineTo(x + r, y + r * 0.8); ctx.lineTo(x - r, y + r * 0.8); ctx.closePath(); ctx.fill(); ctx.stroke();
      } else if (e.kind === 'objective' || e.kind === 'flag') {
        ctx.strokeStyle = has(e, 'observed') ? '#2a9d4b' : '#8a2be2'; ctx.lineWidth = 2;
        ctx.beginPath(); ctx.arc(x, y, r + 3, 0, 2 * Math.PI); ctx.stroke(); ctx.beginPath(); ctx.arc(x, y, 2, 0, 2 * Math.PI); ctx.stroke();
      } else {
        ctx.fillStyle = e.kind === 'food' ? '#ff7f0e' : e.kind === 'landmark' ? 'rgba(0,0,0,0.25)' : '#777';
        ctx.beginPath(); ctx.arc(x, y, r * 0.7, 0, 2 * Math.PI); ctx.fill();
      }
      ctx.restore();
      if (e.label && (e.kind !== 'agent' || options.labels !== false)) {
        ctx.font = '10px sans-serif'; ctx.fillStyle = '#222';
        ctx.fillText(e.kind === 'agent' ? e.label.split(' (')[0] : e.label, x + r + 2, y + 3);
      }
    });
    summary.teams.sort();
    canvas.dataset.drawn = JSON.stringify(summary);
    canvas.dataset.step = String(d.step);
    return { toScene: function (px, py) { return [(px - ox) / s + d.bounds.minX, (H - oy - py) / s + d.bounds.minY]; } };
  }

  window.ShivaSceneMap = { draw: draw, teamColor: teamColor };
})();
`;

export const MAP_VIEW_JS = String.raw`"use strict";
(function () {
  function $(id) { return document.getElementById(id); }
  function api(path) {
    return fetch(path, { credentials: 'same-origin' }).then(function (r) {
      return r.json().then(function (body) { if (!r.ok) throw new Error(body && body.error ? body.error : 'HTTP ' + r.status); return body; });
    });
  }
  function enc(s) { return encodeURIComponent(s); }
  var view = { frames: [], layers: [], index: 0, timer: null };
  var section = $('map'), tab = $('tab-map');
  if (!section || !tab) return;

  function show(on) {
    section.hidden = !on;
    tab.setAttribute('aria-selected', String(on));
    if (on) {
      ['curves', 'why', 'seat'].forEach(function (id) { var s = $(id); if (s) s.hidden = true; });
      ['tab-curves', 'tab-why', 'tab-seat'].forEach(function (id) { var t = $(id); if (t) t.setAttribute('aria-selected', 'false'); });
      loadRuns();
    } else pause();
  }
  tab.addEventListener('click', function () { show(true); });
  ['tab-curves', 'tab-why', 'tab-seat'].forEach(function (id) { var t = $(id); if (t) t.addEventListener('click', function () { show(false); }); });

  function option(value, text) { var o = document.createElement('option'); o.value = value; o.textContent = text; return o; }
  function loadRuns() {
    api('/api/runs').then(function (body) {
      var select = $('map-run'), keep = select.value;
      select.textContent = '';
      body.runs.forEach(function (r) { select.appendChild(option(r.id, r.id + (r.live ? ' (live)' : ''))); });
      if (keep) select.value = keep;
      loadEpisodes();
    }, fail);
  }
  function loadEpisodes() {
    var run = $('map-run').value;
    if (!run) return note('no runs in the results folder');
    api('/api/runs/' + enc(run) + '/episodes').then(function (body) {
      var select = $('map-episode'), keep = select.value;
      select.textContent = '';
      body.episodes.forEach(function (f) { select.appendChild(option(f, f.replace(/\.jsonl$/, ''))); });
      if (body.episodes.length === 0) return note('run ' + run + ' has no recorded episodes: train with --record-episodes N');
      select.value = keep && body.episodes.indexOf(keep) >= 0 ? keep : body.episodes[body.episodes.length - 1];
      loadEpisode();
    }, fail);
  }
  function loadEpisode() {
    var run = $('map-run').value, file = $('map-episode').value;
    if (!file) return;
    pause();
    api('/api/runs/' + enc(run) + '/episodes/' + enc(file)).then(function (body) {
      view.frames = body.frames;
      var layers = [];
      view.layers = body.frames.map(function (f) { if (f.layers) layers = f.layers; return layers; });
      $('map-frame').max = String(Math.max(0, body.frames.length - 1));
      go(0);
    }, fail);
  }
  function note(text) { $('map-caption').textContent = text; }
  function fail(error) { note('error: ' + error.message); }
  function go(i) {
    if (view.frames.length === 0) return;
    view.index = Math.max(0, Math.min(view.frames.length - 1, i));
    var f = view.frames[view.index];
    var d = { scene: f.scene, step: f.step, bounds: f.bounds, layers: view.layers[view.index], links: f.links, entities: f.entities };
    window.ShivaSceneMap.draw($('map-canvas'), d);
    $('map-frame').value = String(view.index);
    $('map-canvas').dataset.frame = String(view.index);
    note('frame ' + (view.index + 1) + ' of ' + view.frames.length + (f.caption ? ' · ' + f.caption : ''));
    var fires = (f.links || []).filter(function (k) { return k.kind === 'fire'; });
    $('map-events').textContent = fires.map(function (k) { return k.label || 'shot'; }).join(' · ');
  }
  function play() {
    if (view.timer !== null || view.frames.length === 0) return;
    if (view.index >= view.frames.length - 1) go(0);
    $('map-play').textContent = 'pause';
    var fps = Number($('map-speed').value) || 4;
    view.timer = setInterval(function () {
      if (view.index >= view.frames.length - 1) return pause();
      go(view.index + 1);
    }, 1000 / fps);
  }
  function pause() {
    if (view.timer !== null) clearInterval(view.timer);
    view.timer = null;
    $('map-play').textContent = 'play';
  }
  function nextShot() {
    for (var i = view.index + 1; i < view.frames.length; i++) {
      if ((view.frames[i].links || []).some(function (k) { return k.kind === 'fire'; })) return go(i);
    }
    note('no shot after frame ' + (view.index + 1));
  }
  $('map-run').addEventListener('change', loadEpisodes);
  $('map-episode').addEventListener('change', loadEpisode);
  $('map-refresh').addEventListener('click', loadEpisodes);
  $('map-play').addEventListener('click', function () { if (view.timer === null) play(); else pause(); });
  $('map-back').addEventListener('click', function () { pause(); go(view.index - 1); });
  $('map-step').addEventListener('click', function () { pause(); go(view.index + 1); });
  $('map-next-fire').addEventListener('click', function () { pause(); nextShot(); });
  $('map-speed').addEventListener('change', function () { if (view.timer !== null) { pause(); play(); } });
  $('map-frame').addEventListener('input', function () { pause(); go(Number($('map-frame').value)); });
  document.addEventListener('keydown', function (event) {
    if (section.hidden || event.target && (event.target.tagName === 'INPUT' || event.target.tagName === 'SELECT')) return;
    if (event.key === ' ') { event.preventDefault(); if (view.timer === null) play(); else pause(); }
    else if (event.key === 'ArrowRight') { pause(); go(view.index + 1); }
    else if (event.key === 'ArrowLeft') { pause(); go(view.index - 1); }
  });
})();
`;
