/**
 * `shiva dashboard`'s web server: node:http, view-only (GET and HEAD; nothing a request asks changes anything),
 * on loopback unless --allow-remote (the bind rules of src/bridge/listen.ts), with a token wherever one is set.
 * Every response carries the headers of http-security.ts; the page's script and styles are files it serves
 * (dashboard-page.ts, and uPlot from node_modules), so its CSP allows no inline code at all. Requests must name the
 * page's own address in Host (DNS rebinding). The API reads only what ResultsFolder lists:
 *
 *   GET /api/runs                                   the runs: learners, trace files, live or not
 *   GET /api/runs/RUN                               one run, with each learner's tags and point counts
 *   GET /api/runs/RUN/series?learner=L&tag=T[&max=N][&from=S&to=S]   one curve, downsampled to ≤ N points
 *   GET /api/runs/RUN/traces/FILE/decisions[?agent=A&changed=1&offset=O&limit=L]   the decisions traced
 *   GET /api/runs/RUN/traces/FILE/decision?line=N  one decision: bars' data and `shiva explain`'s text
 *   GET /api/runs/RUN/episodes                      the recorded episodes (RUN/episodes/*.jsonl, --record-episodes)
 *   GET /api/runs/RUN/episodes/FILE                 one episode's frames (scene drawings; layers carried forward)
 *   GET /api/seat                                   the human seat: null, or where it is and what it records
 *
 * With a seat (`seat`, `shiva dashboard --seat ENV`; loopback only) the server also serves the seat's files under
 * /seat/ and its WebSocket at /seat/ws (dashboard-seat.ts), and the page gets a Seat tab. Without one no WebSocket
 * upgrade is taken (an upgrade request is answered as a plain GET: 404).
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import { listenAll } from '../../bridge/listen.js';
import { tokenFromHeaders, tokenMatches } from '../../bridge/access.js';
import { ShivaError, isShivaError } from '../../core/errors.js';
import { hostAllowed, loopbackHosts, refuseHost, securityHeaders, selfServedPolicy } from '../http-security.js';
import type { SeatPage } from '../record-human-seat.js';
import { seatPolicy } from '../record-human-server.js';
import { DASHBOARD_CSS, DASHBOARD_JS, dashboardHtml } from './dashboard-page.js';
import { dashboardSeatAssets, mountDashboardSeat, seatApi, type SeatInfo } from './dashboard-seat.js';
import { SEAT_PREFIX } from './seat-tab.js';
import { MAP_VIEW_JS, SCENE_MAP_JS } from './map-page.js';
import { readEpisodeFrames } from './episode-file.js';
import { downsample } from './downsample.js';
import { ResultsFolder, safeName } from './results-folder.js';
import { TraceIndex, decisionView } from './trace-index.js';

export interface DashboardOptions {
  readonly resultsDir: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Default "localhost" (127.0.0.1 and ::1). */
  readonly host?: string;
  readonly allowRemote?: boolean;
  /** Required of every request when set (header, or the cookie the page gets from `/?token=`). */
  readonly token?: string;
  /**
   * The human seat on this server (loopback only: refused with allowRemote); what it records, for GET /api/seat.
   * The recording itself is run by whoever holds `DashboardServer.seat` (record-human.ts with `page`).
   */
  readonly seat?: SeatInfo;
}

/** The most points one curve may be asked for, and the default. */
export const MAX_SERIES_POINTS = 10_000;
export const DEFAULT_SERIES_POINTS = 1_000;
const COOKIE = 'shiva_dashboard';

/** A request the API refuses, with its status. */
class Refusal extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

type Asset = { readonly type: string; readonly body: Buffer };

function uplotAssets(): Record<string, Asset> {
  const root = dirname(createRequire(import.meta.url).resolve('uplot/package.json'));
  return {
    '/vendor/uPlot.iife.min.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(join(root, 'dist', 'uPlot.iife.min.js')) },
    '/vendor/uPlot.min.css': { type: 'text/css; charset=utf-8', body: readFileSync(join(root, 'dist', 'uPlot.min.css')) },
  };
}

export class DashboardServer {
  private constructor(
    private readonly servers: Server[],
    readonly port: number,
    readonly url: string,
    /** The human seat's page when the dashboard has one: a recording greets it, asks it, tells it when it is done. */
    readonly seat: (SeatPage & { close(): Promise<void> }) | null,
  ) {}

  static async open(options: DashboardOptions): Promise<DashboardServer> {
    if (options.seat !== undefined && options.allowRemote) {
      throw new ShivaError('SHIVA_ERR_USAGE', 'shiva dashboard: --seat: expected a dashboard on loopback (the human seat is served on loopback only, as `shiva record --human`), got --allow-remote; drop one of them');
    }
    let folder: ResultsFolder;
    try {
      folder = new ResultsFolder(options.resultsDir);
    } catch (error) {
      throw new ShivaError('SHIVA_ERR_USAGE', `--results-dir: expected an existing results folder, got "${options.resultsDir}" (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { cause: error });
    }
    const assets: Record<string, Asset> = {
      '/': { type: 'text/html; charset=utf-8', body: Buffer.from(dashboardHtml({ seat: options.seat !== undefined })) },
      '/app.js': { type: 'text/javascript; charset=utf-8', body: Buffer.from(DASHBOARD_JS) },
      '/app.css': { type: 'text/css; charset=utf-8', body: Buffer.from(DASHBOARD_CSS) },
      '/scene-map.js': { type: 'text/javascript; charset=utf-8', body: Buffer.from(SCENE_MAP_JS) },
      '/map-view.js': { type: 'text/javascript; charset=utf-8', body: Buffer.from(MAP_VIEW_JS) },
      ...uplotAssets(),
    };
    const host = options.host ?? 'localhost';
    // Filled in once the port is known (port 0 picks one); nothing is served before.
    let hosts: ReadonlySet<string> = new Set();
    let anyHost = false;
    let csp = selfServedPolicy();
    const api = new DashboardApi(folder);
    const handler = (req: IncomingMessage, res: ServerResponse) => {
      if (!anyHost && !hostAllowed(req, hosts)) return refuseHost(req, res);
      // The raw path, not a URL object's: WHATWG parsing would fold "/api/runs/../x" (and %2e%2e) into "/api/x",
      // and a run id of ".." must be refused as such.
      const raw = req.url ?? '/';
      const q = raw.indexOf('?');
      const url = { pathname: q < 0 ? raw : raw.slice(0, q), searchParams: new URLSearchParams(q < 0 ? '' : raw.slice(q + 1)) };
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return send(res, req, 405, 'application/json; charset=utf-8', JSON.stringify({ error: `the dashboard is view-only: expected GET or HEAD, got ${req.method}` }), { allow: 'GET, HEAD' });
      }
      if (options.token !== undefined && !authorised(req, options.token)) {
        const given = url.pathname === '/' ? url.searchParams.get('token') : null;
        if (given !== null && tokenMatches(given, options.token)) {
          // The token in the address once: it becomes a cookie for this origin and leaves the address bar.
          res.writeHead(303, { location: '/', 'set-cookie': `${COOKIE}=${encodeURIComponent(options.token)}; HttpOnly; SameSite=Strict; Path=/`, ...securityHeaders() });
          return res.end();
        }
        return send(res, req, 401, 'text/plain; charset=utf-8', 'refused: this dashboard needs its token: open it at /?token=TOKEN, or send "authorization: Bearer TOKEN"\n');
      }
      const path = url.pathname === '/index.html' ? '/' : url.pathname;
      const asset = assets[path];
      if (asset) {
        res.writeHead(200, { 'content-type': asset.type, ...securityHeaders(path === '/' || path === SEAT_PREFIX ? csp : undefined) });
        return res.end(req.method === 'HEAD' ? undefined : asset.body);
      }
      if (path === '/favicon.ico') {
        res.writeHead(204, securityHeaders());
        return res.end();
      }
      if (!path.startsWith('/api/')) return send(res, req, 404, 'text/plain; charset=utf-8', 'not found: the dashboard is at /\n');
      if (path === '/api/seat') return send(res, req, 200, 'application/json; charset=utf-8', JSON.stringify(seatApi(options.seat)));
      api.answer(path, url.searchParams).then(
        (body) => send(res, req, 200, 'application/json; charset=utf-8', JSON.stringify(body)),
        (error: unknown) => {
          const status = error instanceof Refusal ? error.status : isShivaError(error) ? 404 : 500;
          send(res, req, status, 'application/json; charset=utf-8', JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
        },
      );
    };
    const { servers, port, remote } = await listenAll(() => createServer(handler), { host, port: options.port, ...(options.allowRemote ? { allowRemote: true } : {}), ...(options.token !== undefined ? { token: options.token } : {}) }, 'shiva dashboard');
    const named = new Set(loopbackHosts(port));
    if (remote) {
      const literal = host.startsWith('[') ? host.slice(1, -1) : host;
      named.add(`${isIP(literal) === 6 ? `[${literal}]` : literal.toLowerCase()}:${port}`);
      // Bound to every interface: the machine's names are not known here; the token guards it (it is required off loopback).
      anyHost = literal === '0.0.0.0' || literal === '::';
    }
    const shown = host === 'localhost' ? '127.0.0.1' : host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
    const url = `http://${shown}:${port}/`;
    // listenAll types them as net servers; they are the http servers made above.
    const http = servers as Server[];
    let seat: DashboardServer['seat'] = null;
    if (options.seat !== undefined) {
      // Loopback only (allowRemote was refused above, and listenAll refuses any other host without it).
      seat = mountDashboardSeat(http, port, url, named, options.token !== undefined ? (req) => authorised(req, options.token!) : undefined);
      Object.assign(assets, dashboardSeatAssets());
      csp = seatPolicy(port);
    } else {
      // View-only: an upgrade would otherwise reach the page handler as a plain GET; it is refused outright.
      for (const server of http) server.on('upgrade', (_req: IncomingMessage, socket: Duplex) => refuseUpgrade(socket));
    }
    hosts = named;
    return new DashboardServer(http, port, url, seat);
  }

  async close(): Promise<void> {
    await this.seat?.close();
    await Promise.all(
      this.servers.map(
        (s) =>
          new Promise<void>((resolve) => {
            s.close(() => resolve());
            s.closeAllConnections();
          }),
      ),
    );
  }
}

function authorised(req: IncomingMessage, token: string): boolean {
  const header = tokenFromHeaders((name) => {
    const v = req.headers[name];
    return Array.isArray(v) ? v[0] : v;
  });
  if (header !== undefined) return tokenMatches(header, token);
  const cookie = (req.headers.cookie ?? '').split(';').map((c) => c.trim()).find((c) => c.startsWith(`${COOKIE}=`));
  if (cookie === undefined) return false;
  try {
    return tokenMatches(decodeURIComponent(cookie.slice(COOKIE.length + 1)), token);
  } catch {
    return false;
  }
}

/** 404 to a WebSocket upgrade (the dashboard without a seat takes none), with the headers of every response. */
function refuseUpgrade(socket: Duplex): void {
  const body = 'not found: this dashboard is view-only and takes no WebSocket (the human seat needs --seat)\n';
  const headers = { 'content-type': 'text/plain; charset=utf-8', 'content-length': String(Buffer.byteLength(body)), connection: 'close', ...securityHeaders() };
  socket.on('error', () => undefined);
  socket.end(`HTTP/1.1 404 Not Found\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n${body}`);
}

function send(res: ServerResponse, req: IncomingMessage, status: number, type: string, body: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, ...securityHeaders(), ...extra });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** The JSON API over one results folder. */
class DashboardApi {
  private readonly traceIndexes = new Map<string, TraceIndex>();

  constructor(private readonly folder: ResultsFolder) {}

  async answer(path: string, query: URLSearchParams): Promise<unknown> {
    const segments = path.slice('/api/'.length).split('/').map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        throw new Refusal(400, `path: expected URL-encoded segments, got "${s}"`);
      }
    });
    if (segments[0] !== 'runs') throw new Refusal(404, `not found: the API is under /api/runs, got ${path}`);
    if (segments.length === 1 || (segments.length === 2 && segments[1] === '')) return { runs: this.folder.runs() };
    const id = segments[1]!;
    if (!safeName(id)) throw new Refusal(400, `run id: expected the name of a run folder (letters, digits, _ . = + @ -; no "/", no "..", no leading dot), got ${JSON.stringify(id)}`);
    const run = this.folder.summary(id);
    if (run === null) throw new Refusal(404, `run id: expected a run of the results folder, got ${JSON.stringify(id)}`);
    const rest = segments.slice(2);
    if (rest.length === 0) {
      return { ...run, tags: Object.fromEntries(run.learners.map((l) => [l, this.folder.scalars(id, l)?.tags() ?? []])) };
    }
    if (rest.length === 1 && rest[0] === 'series') return this.series(id, query);
    if (rest[0] === 'episodes' && rest.length === 1) return { run: id, episodes: this.folder.episodes(id) };
    if (rest[0] === 'episodes' && rest.length === 2) {
      const name = rest[1]!;
      if (!safeName(name)) throw new Refusal(400, `episode file: expected a file name of RUN/episodes (no "/", no ".."), got ${JSON.stringify(name)}`);
      const file = this.folder.episodeFile(id, name);
      if (file === null) throw new Refusal(404, `episode file: expected one of run "${id}"'s recorded episodes (${this.folder.episodes(id).join(', ') || 'it has none: train with --record-episodes N'}), got ${JSON.stringify(name)}`);
      return { run: id, file: name, frames: readEpisodeFrames(file) };
    }
    if (rest[0] === 'traces' && rest.length === 3) {
      const name = rest[1]!;
      if (!safeName(name)) throw new Refusal(400, `trace file: expected a file name of RUN/traces (no "/", no ".."), got ${JSON.stringify(name)}`);
      const file = this.folder.traceFile(id, name);
      if (file === null) throw new Refusal(404, `trace file: expected one of run "${id}"'s trace files (${run.traces.join(', ') || 'it has none'}), got ${JSON.stringify(name)}`);
      if (rest[2] === 'decisions') return this.decisions(file, query);
      if (rest[2] === 'decision') return decisionView(file, int(query, 'line', 1, 2 ** 31) ?? 1, `${id}/traces/${name}`);
    }
    throw new Refusal(404, `not found: ${path}`);
  }

  private series(id: string, query: URLSearchParams): unknown {
    const learner = query.get('learner') ?? '';
    const tag = query.get('tag') ?? '';
    if (!safeName(learner)) throw new Refusal(400, `learner: expected a learner folder of the run, got ${JSON.stringify(learner)}`);
    const file = this.folder.scalars(id, learner);
    if (file === null) throw new Refusal(404, `learner: expected a learner of run "${id}" with scalars, got ${JSON.stringify(learner)}`);
    const points = file.series(tag);
    if (points === null) throw new Refusal(404, `tag: expected one of the tags of ${id}/${learner}, got ${JSON.stringify(tag)}`);
    const max = int(query, 'max', 4, MAX_SERIES_POINTS) ?? DEFAULT_SERIES_POINTS;
    const from = num(query, 'from') ?? -Infinity;
    const to = num(query, 'to') ?? Infinity;
    const d = downsample(points, max, from, to);
    // JSON has no NaN or infinities: they travel as null (a gap in the curve).
    return { run: id, learner, tag, max, total: d.total, points: points.steps.length, steps: d.steps, values: d.values.map((v) => (Number.isFinite(v) ? v : null)) };
  }

  private decisions(file: string, query: URLSearchParams): unknown {
    let index = this.traceIndexes.get(file);
    if (!index) {
      index = new TraceIndex(file);
      this.traceIndexes.set(file, index);
    }
    index.refresh();
    const agent = int(query, 'agent', -(2 ** 31), 2 ** 31 - 1);
    return index.query({
      ...(agent !== undefined ? { agent } : {}),
      changed: query.get('changed') === '1',
      offset: int(query, 'offset', 0, 2 ** 31) ?? 0,
      limit: int(query, 'limit', 1, 1000) ?? 200,
    });
  }
}

function int(query: URLSearchParams, key: string, min: number, max: number): number | undefined {
  const text = query.get(key);
  if (text === null || text === '') return undefined;
  const x = Number(text);
  if (!Number.isInteger(x) || x < min || x > max) throw new Refusal(400, `${key}: expected an integer ${min}..${max}, got ${JSON.stringify(text)}`);
  return x;
}

function num(query: URLSearchParams, key: string): number | undefined {
  const text = query.get(key);
  if (text === null || text === '') return undefined;
  const x = Number(text);
  if (!Number.isFinite(x)) throw new Refusal(400, `${key}: expected a number, got ${JSON.stringify(text)}`);
  return x;
}
