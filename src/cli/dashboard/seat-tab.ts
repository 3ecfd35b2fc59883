/**
 * The dashboard's Seat tab (only with `shiva dashboard --seat ENV`): where the seat's files and WebSocket live on the
 * dashboard's server, and the tab's script (`/seat/tab.js`). Opening the tab hides the other views and starts the
 * seat in the page (record-human-page.ts' `ShivaSeat.start`: it connects only then, so a dashboard opened only to
 * watch curves does not take the seat from the page that plays); another tab hides it again. Above the seat, a line
 * from GET /api/seat says what is recorded where, and links to the seat on a page of its own (/seat/). Opened at
 * `/#seat`, the page starts on the tab.
 */

/** The seat's files on the dashboard: /seat/ (the seat on a page of its own), /seat/seat.js, /seat/seat.css, … */
export const SEAT_PREFIX = '/seat/';
/** The seat's WebSocket on the dashboard. */
export const SEAT_WS_PATH = '/seat/ws';

export const SEAT_TAB_JS = String.raw`"use strict";
(function () {
  function $(id) { return document.getElementById(id); }
  var section = $('seat'), tab = $('tab-seat');
  if (!section || !tab || !window.ShivaSeat) return;
  var OTHERS = [['tab-curves', 'curves'], ['tab-why', 'why'], ['tab-map', 'map']];

  function info() {
    fetch('/api/seat', { credentials: 'same-origin' }).then(function (r) { return r.json(); }).then(function (body) {
      var s = body.seat, line = $('seat-info');
      if (!s) { line.textContent = 'No seat on this dashboard.'; return; }
      line.textContent = '';
      line.appendChild(document.createTextNode('Recording ' + (s.behavior || 'the scene\'s behavior') + ' of ' + s.env + ' (' + s.episodes + ' episode(s)) to ' + s.out + ': ' + s.state + '. '));
      var a = document.createElement('a');
      a.href = s.page;
      a.textContent = 'the seat on a page of its own';
      line.appendChild(a);
    }, function () { $('seat-info').textContent = ''; });
  }

  function show(on) {
    section.hidden = !on;
    tab.setAttribute('aria-selected', String(on));
    if (!on) return;
    OTHERS.forEach(function (o) {
      var t = $(o[0]), s = $(o[1]);
      if (t) t.setAttribute('aria-selected', 'false');
      if (s) s.hidden = true;
    });
    info();
    window.ShivaSeat.start(section.querySelector('[data-seat-ws]'));
  }
  tab.addEventListener('click', function () { show(true); });
  // The line follows the recording (recording → done) while the tab is shown.
  setInterval(function () { if (!section.hidden && !document.hidden) info(); }, 3000);
  OTHERS.forEach(function (o) { var t = $(o[0]); if (t) t.addEventListener('click', function () { show(false); }); });
  if (location.hash === '#seat') show(true);
})();
`;
