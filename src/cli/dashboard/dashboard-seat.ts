/**
 * The human seat on the dashboard's own server (`shiva dashboard --seat ENV`): the seat's files under /seat/
 * (record-human-server.ts' `seatAssets`: the seat on a page of its own at /seat/, its script, styles and the map
 * script), the Seat tab's script (/seat/tab.js), and its WebSocket at /seat/ws (record-human-seat.ts) under the
 * dashboard's rules: the dashboard's Host names (421), its token where one is set (401), the Origin of its own
 * pages (403). The seat is loopback-only: the server refuses a seat with --allow-remote before it listens.
 */
import type { IncomingMessage, Server } from 'node:http';
import { HumanSeat } from '../record-human-seat.js';
import { loopbackOrigins, seatAssets } from '../record-human-server.js';
import { SEAT_PREFIX, SEAT_TAB_JS, SEAT_WS_PATH } from './seat-tab.js';

/** What GET /api/seat says beside where the seat is: what it records, where to, how far it is. */
export interface SeatInfo {
  describe(): Readonly<Record<string, unknown>>;
}

export interface DashboardSeatAsset {
  readonly type: string;
  readonly body: Buffer;
}

/** The seat's files for the dashboard's table of assets. */
export function dashboardSeatAssets(): Record<string, DashboardSeatAsset> {
  const files: Record<string, DashboardSeatAsset> = {};
  for (const [path, asset] of Object.entries(seatAssets(SEAT_PREFIX, SEAT_WS_PATH))) files[path] = { type: asset.type, body: Buffer.from(asset.body) };
  files[`${SEAT_PREFIX}tab.js`] = { type: 'text/javascript; charset=utf-8', body: Buffer.from(SEAT_TAB_JS) };
  return files;
}

/**
 * The seat's WebSocket on every listener of the dashboard (`servers`, on loopback `port`), answering to `hosts` and,
 * with a token, to requests that carry it (`authorised`).
 */
export function mountDashboardSeat(servers: readonly Server[], port: number, url: string, hosts: ReadonlySet<string>, authorised?: (req: IncomingMessage) => boolean): HumanSeat {
  const origins = loopbackOrigins(port);
  const seat = new HumanSeat(SEAT_WS_PATH, `${url.replace(/\/$/, '')}${SEAT_PREFIX}`, { hosts: () => hosts, origins: () => origins, ...(authorised ? { authorised } : {}) });
  for (const server of servers) seat.mount(server);
  return seat;
}

/** GET /api/seat: null without a seat; with one, where it is and what `info` says. */
export function seatApi(info: SeatInfo | undefined): unknown {
  return { seat: info === undefined ? null : { page: SEAT_PREFIX, ws: SEAT_WS_PATH, ...info.describe() } };
}
