/**
 * The page `shiva record --human` serves: it connects back over WebSocket (same host, path /ws), shows what the
 * recorded agent observes, and sends the action the human chooses. Messages are JSON, one per frame:
 *
 *   server → page  {type: 'hello', behavior, observationShapes, continuousSize, discreteBranches, episodes}
 *                  {type: 'decision', step, agents: [{agentId, observations: number[][], mask: number[] | null}],
 *                   episode, episodeReturn}
 *                  {type: 'episode', episodes, lastReturn}      {type: 'error', message}
 *                  {type: 'done', file, steps, episodes, meanReward}
 *   page → server  {type: 'action', step, continuous: number[], discrete: number[]}   (agents × size, row-major)
 *
 * Discrete branches: one button per option (masked options disabled); with one branch a click acts at once, keys
 * 0-9 choose an option, ← and → the first two. Continuous: a slider per component in [−1, 1], then Act (or Enter).
 * Every agent deciding at once gets the same action. No framework, no external resources.
 */
export const HUMAN_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Shiva: record a demonstration</title>
<style>
body{font-family:system-ui,sans-serif;margin:2em;max-width:46em}
#obs{font-family:monospace;white-space:pre;background:#f4f4f4;padding:.6em}
button{margin:.2em;padding:.4em 1em;font-size:1.1em}
.branch{margin:.4em 0}
#status{color:#555}
</style></head>
<body>
<h1>Record a demonstration</h1>
<p id="status">connecting…</p>
<div id="obs"></div>
<div id="controls"></div>
<script>
"use strict";
const status = document.getElementById('status');
const obsView = document.getElementById('obs');
const controls = document.getElementById('controls');
const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws');
let spec = null;
let decision = null;
let chosen = [];
let sliders = [];

function build() {
  controls.innerHTML = '';
  chosen = spec.discreteBranches.map(() => 0);
  spec.discreteBranches.forEach((size, b) => {
    const row = document.createElement('div');
    row.className = 'branch';
    row.textContent = 'branch ' + b + ': ';
    for (let k = 0; k < size; k++) {
      const button = document.createElement('button');
      button.textContent = String(k);
      button.dataset.branch = String(b);
      button.dataset.option = String(k);
      button.onclick = () => choose(b, k);
      row.appendChild(button);
    }
    controls.appendChild(row);
  });
  sliders = [];
  for (let c = 0; c < spec.continuousSize; c++) {
    const row = document.createElement('div');
    const input = document.createElement('input');
    input.type = 'range'; input.min = '-1'; input.max = '1'; input.step = '0.01'; input.value = '0';
    const value = document.createElement('span');
    value.textContent = ' 0';
    input.oninput = () => { value.textContent = ' ' + input.value; };
    row.append('continuous ' + c + ': ', input, value);
    controls.appendChild(row);
    sliders.push(input);
  }
  if (spec.continuousSize > 0 || spec.discreteBranches.length > 1) {
    const act = document.createElement('button');
    act.textContent = 'Act';
    act.onclick = send;
    controls.appendChild(act);
  }
}

function choose(branch, option) {
  chosen[branch] = option;
  if (spec.continuousSize === 0 && spec.discreteBranches.length === 1) send();
}

function send() {
  if (!decision) return;
  const n = decision.agents.length;
  const continuous = [];
  const discrete = [];
  for (let i = 0; i < n; i++) {
    for (const s of sliders) continuous.push(Number(s.value));
    for (const k of chosen) discrete.push(k);
  }
  ws.send(JSON.stringify({ type: 'action', step: decision.step, continuous, discrete }));
  decision = null;
}

function show() {
  const lines = decision.agents.map((a) => 'agent ' + a.agentId + ': ' + a.observations.map((o) => o.map((v) => v.toFixed(3)).join('  ')).join(' | '));
  obsView.textContent = 'step ' + decision.step + '   episode ' + decision.episode + '   return so far ' + decision.episodeReturn.toFixed(2) + '\\n' + lines.join('\\n');
  const mask = decision.agents[0].mask;
  let at = 0;
  spec.discreteBranches.forEach((size, b) => {
    for (let k = 0; k < size; k++) {
      const button = controls.querySelector('button[data-branch="' + b + '"][data-option="' + k + '"]');
      if (button) button.disabled = mask !== null && mask[at + k] === 1;
    }
    at += size;
  });
}

document.addEventListener('keydown', (event) => {
  if (!spec || !decision) return;
  if (event.key === 'Enter') return send();
  if (spec.discreteBranches.length === 0) return;
  const keys = { ArrowLeft: 0, ArrowRight: 1 };
  const option = event.key in keys ? keys[event.key] : /^[0-9]$/.test(event.key) ? Number(event.key) : -1;
  if (option >= 0 && option < spec.discreteBranches[0]) choose(0, option);
});

ws.onmessage = (event) => {
  const m = JSON.parse(event.data);
  if (m.type === 'hello') {
    spec = m;
    build();
    status.textContent = 'recording ' + m.behavior + ': ' + m.episodes + ' episode(s) to play';
  } else if (m.type === 'decision') {
    decision = m;
    show();
  } else if (m.type === 'episode') {
    status.textContent = 'episode ' + m.episodes + ' ended with return ' + m.lastReturn.toFixed(2);
  } else if (m.type === 'error') {
    status.textContent = 'error: ' + m.message;
  } else if (m.type === 'done') {
    status.textContent = 'done: ' + m.episodes + ' episode(s), ' + m.steps + ' rows written to ' + m.file + ' (mean return ' + m.meanReward.toFixed(2) + ')';
    controls.innerHTML = '';
  }
};
ws.onclose = () => { if (!status.textContent.startsWith('done')) status.textContent = 'disconnected; reload to continue'; };
</script>
</body></html>
`;
