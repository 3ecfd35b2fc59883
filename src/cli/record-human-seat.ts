/**
 * The human seat's WebSocket side, apart from any server: one page plays at a time (another is closed with 1013 "try
 * again later"), a page that (re)connects gets the greeting and the decision waiting, decisions are asked and
 * actions parsed (a refused action gets an error message and the decision again), notices go to the page.
 *
 * It is mounted on a node:http server that someone else owns (`mount`): its own loopback server for `shiva record
 * --human` (record-human-server.ts, path /ws), or the dashboard's (dashboard/dashboard-seat.ts, path /seat/ws).
 * Every upgrade is checked before the socket is taken: the path (400), the Host (421: DNS rebinding), what else the
 * server asks (the dashboard's token: 401) and the Origin (403: a page of another site must not drive the recording).
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { isShivaError } from '../core/errors.js';
import { hostAllowed } from './http-security.js';

/** Actions are a few numbers per agent; anything larger is not from the page. */
const MAX_MESSAGE_BYTES = 64 * 1024;

/** Turns the page's action message into what the environment takes, or throws a ShivaError saying what is wrong. */
export type ActionParser<T> = (message: Record<string, unknown>) => T;

/** What a recording talks to: a seat page served somewhere (its own server, or the dashboard's). */
export interface SeatPage {
  /** Where a person opens it. */
  readonly url: string;
  /** The greeting (`type: 'hello'`): sent now to the page connected, and to every page that connects later. */
  greet(hello: object): void;
  /**
   * Sends a decision (a JSON object with `step`) and resolves with the first action for that step that `parse`
   * accepts; refused actions get an error message and the decision again.
   */
  ask<T>(step: number, decision: object, parse: ActionParser<T>): Promise<T>;
  /** A message for the page, if one is connected. */
  notify(message: object): void;
  /** The last word (`type: 'done'`): sent now, and after the greeting to every page that connects later. */
  finish(message: object): void;
}

/** Who may open the seat's WebSocket; read at each upgrade (a server knows its port only once it listens). */
export interface SeatAccess {
  /** The Host values the server answers to. */
  hosts(): ReadonlySet<string>;
  /** The Origins of the pages that may connect (the server's own). */
  origins(): ReadonlySet<string>;
  /** What else the server asks of every request (the dashboard's token); false: refused with 401. */
  authorised?(req: IncomingMessage): boolean;
}

interface Pending {
  readonly step: number;
  readonly message: string;
  readonly parse: ActionParser<unknown>;
  readonly resolve: (value: unknown) => void;
}

export class HumanSeat implements SeatPage {
  private readonly wss: WebSocketServer;
  private socket: WebSocket | null = null;
  private pending: Pending | null = null;
  private hello: string | null = null;
  private last: string | null = null;

  /** `path`: the WebSocket's path on the server (/ws, /seat/ws); `url`: where the page is opened. */
  constructor(
    readonly path: string,
    readonly url: string,
    access: SeatAccess,
  ) {
    this.wss = new WebSocketServer({
      noServer: true,
      path,
      maxPayload: MAX_MESSAGE_BYTES,
      // The Host first (DNS rebinding: another site's name pointed at 127.0.0.1), then the token, then the Origin.
      verifyClient: (info: { origin?: string; req: IncomingMessage }, done: (ok: boolean, code?: number, message?: string) => void) => {
        if (!hostAllowed(info.req, access.hosts())) done(false, 421, 'Misdirected Request');
        else if (access.authorised && !access.authorised(info.req)) done(false, 401, 'Unauthorized');
        else if (info.origin !== undefined && !access.origins().has(info.origin)) done(false, 403, 'Forbidden');
        else done(true);
      },
    });
    this.wss.on('connection', (socket) => this.attach(socket));
  }

  /** Takes the WebSocket upgrades of `server`: this seat's path is checked and accepted, any other refused (400). */
  mount(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
    });
  }

  greet(hello: object): void {
    this.hello = JSON.stringify(hello);
    this.socket?.send(this.hello);
  }

  ask<T>(step: number, decision: object, parse: ActionParser<T>): Promise<T> {
    return new Promise<T>((resolve) => {
      this.pending = { step, message: JSON.stringify(decision), parse, resolve: resolve as (value: unknown) => void };
      this.socket?.send(this.pending.message);
    });
  }

  notify(message: object): void {
    this.socket?.send(JSON.stringify(message));
  }

  finish(message: object): void {
    this.pending = null;
    this.last = JSON.stringify(message);
    this.socket?.send(this.last);
  }

  /** Closes the page's connection (1001) and stops taking new ones; the server is its owner's to close. */
  async close(): Promise<void> {
    for (const client of this.wss.clients) client.close(1001, 'recording finished');
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private attach(socket: WebSocket): void {
    if (this.socket) {
      socket.close(1013, 'another page is recording');
      return;
    }
    this.socket = socket;
    socket.on('message', (data: RawData, isBinary: boolean) => this.receive(socket, data, isBinary));
    socket.on('close', () => {
      if (this.socket === socket) this.socket = null;
    });
    socket.on('error', () => undefined); // a broken page connection ends with 'close'; the recording waits for another
    if (this.hello !== null) socket.send(this.hello);
    if (this.pending) socket.send(this.pending.message);
    if (this.last !== null) socket.send(this.last);
  }

  private receive(socket: WebSocket, data: RawData, isBinary: boolean): void {
    const fail = (message: string) => {
      socket.send(JSON.stringify({ type: 'error', message }));
      if (this.pending) socket.send(this.pending.message);
    };
    let message: unknown;
    try {
      if (isBinary) throw new Error('a binary frame');
      message = JSON.parse(String(data));
    } catch (error) {
      fail(`page message: expected a JSON text frame, got ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (!message || typeof message !== 'object' || (message as { type?: unknown }).type !== 'action') {
      fail(`page message: type: expected "action", got ${JSON.stringify((message as { type?: unknown } | null)?.type)}`);
      return;
    }
    const m = message as Record<string, unknown>;
    const pending = this.pending;
    if (!pending) return fail('page message: no decision is waiting for an action');
    if (m['step'] !== pending.step) return fail(`page action: step: expected ${pending.step} (the decision waiting), got ${JSON.stringify(m['step'])}`);
    let value: unknown;
    try {
      value = pending.parse(m);
    } catch (error) {
      if (!isShivaError(error)) throw error;
      return fail(error.message);
    }
    this.pending = null;
    pending.resolve(value);
  }
}
