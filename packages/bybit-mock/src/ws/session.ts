import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import type { AccountStore, MockAccount } from '../account/accounts';
import type { FaultEngine } from '../faults/fault-engine';
import { authReply, opReply, privatePong, publicPong, type ReqId, unrecognized } from './frames';
import { listenToOrders } from './order-feed';
import { authenticateWs, type WsAuthResult } from './private-auth';
import type { PublicFeed, PushTarget } from './public-feed';
import { privateStream } from './topics';

export type SessionScope = 'public' | 'private';

/** What a connection needs from the server that owns it. */
export interface SessionHost {
  readonly faults: FaultEngine;
  readonly feed: PublicFeed;
  readonly accounts: AccountStore;
  readonly verifySignatures: boolean;
  readonly idleTimeoutMs: number;
  /** The mock's now (virtual). */
  now(): number;
  /** The connection closed (either side): forget it. */
  closed(session: Session): void;
}

interface ClientFrame {
  readonly op: string;
  readonly reqId: ReqId;
  readonly args: unknown;
}

function parseFrame(text: string): ClientFrame | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const frame = parsed as Record<string, unknown>;
  return { op: typeof frame.op === 'string' ? frame.op : '', reqId: frame.req_id, args: frame.args };
}

/**
 * One WebSocket connection (`bybit-mock.md` §8): answers control frames (subscribe, unsubscribe, ping, and auth on
 * the private stream), keeps its topics, receives pushes through the fault layer (`stallTopic`,
 * `dropFrames`, `duplicateFrames`) and closes with 1000 after `idleTimeoutMs` without a client frame.
 */
export class Session implements PushTarget {
  readonly topics = new Set<string>();
  private account: MockAccount | undefined;
  private stopOrders: (() => void) | undefined;
  private readonly idle: NodeJS.Timeout;

  constructor(
    readonly socket: WebSocket,
    readonly scope: SessionScope,
    readonly connId: string,
    private readonly host: SessionHost,
  ) {
    this.idle = setTimeout(() => socket.close(1000, 'idle timeout'), host.idleTimeoutMs);
    this.idle.unref();
    socket.on('message', (data) => this.onFrame(String(data)));
    socket.on('close', () => this.dispose());
    socket.on('error', () => socket.terminate());
    if (scope === 'public') host.feed.attach(this);
  }

  /**
   * Sends a push of `topic` unless a `stallTopic` fault holds it or `dropFrames` drops it; twice under
   * `duplicateFrames`.
   */
  push(topic: string, text: string): void {
    const subject = { scope: this.scope, topic };
    if (this.host.faults.wsActive('stallTopic', subject)) return;
    if (this.host.faults.wsFires('dropFrames', subject)) return;
    this.send(text);
    if (this.host.faults.wsFires('duplicateFrames', subject)) this.send(text);
  }

  private send(text: string): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(text);
  }

  private dispose(): void {
    clearTimeout(this.idle);
    this.stopOrders?.();
    this.stopOrders = undefined;
    if (this.scope === 'public') this.host.feed.detach(this);
    this.host.closed(this);
  }

  private onFrame(text: string): void {
    this.idle.refresh();
    const frame = parseFrame(text);
    if (frame === undefined) {
      this.send(unrecognized(text.slice(0, 100), this.connId, undefined));
      return;
    }
    if (frame.op === 'ping') this.onPing(frame);
    else if (frame.op === 'subscribe') this.onSubscribe(frame);
    else if (frame.op === 'unsubscribe') this.onUnsubscribe(frame);
    else if (frame.op === 'auth' && this.scope === 'private') this.onAuth(frame);
    else this.send(unrecognized(frame.op, this.connId, frame.reqId));
  }

  private onPing(frame: ClientFrame): void {
    // `noPong`: the ping is swallowed, so the client's pong timer runs out and it reconnects.
    if (this.host.faults.wsActive('noPong', { scope: this.scope })) return;
    this.send(
      this.scope === 'public'
        ? publicPong(this.connId, frame.reqId)
        : privatePong(this.connId, frame.reqId, this.host.now()),
    );
  }

  private topicArgs(frame: ClientFrame): string[] {
    return Array.isArray(frame.args)
      ? frame.args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a)))
      : [];
  }

  private isTopic(topic: string): boolean {
    return this.scope === 'public' ? this.host.feed.isTopic(topic) : privateStream(topic) !== undefined;
  }

  /**
   * Subscribes every valid topic; the reply fails when any topic is invalid (naming them) while the valid ones
   * stay subscribed, as Bybit does. Public snapshots (tickers, order books) follow the reply.
   */
  private onSubscribe(frame: ClientFrame): void {
    if (this.scope === 'private' && this.account === undefined) {
      this.send(opReply('subscribe', false, 'Request not authorized', this.connId, frame.reqId));
      return;
    }
    const added: string[] = [];
    const invalid: string[] = [];
    for (const topic of this.topicArgs(frame)) {
      if (!this.isTopic(topic)) invalid.push(topic);
      else if (!this.topics.has(topic)) {
        this.topics.add(topic);
        added.push(topic);
      }
    }
    const retMsg = invalid.length === 0 ? '' : `error:invalid topic ${invalid.join(',')}`;
    this.send(opReply('subscribe', invalid.length === 0, retMsg, this.connId, frame.reqId));
    if (this.scope !== 'public') return;
    for (const topic of added) {
      const snapshot = this.host.feed.snapshot(topic);
      if (snapshot !== undefined) this.push(topic, snapshot);
    }
  }

  private onUnsubscribe(frame: ClientFrame): void {
    const invalid = this.topicArgs(frame).filter((topic) => !this.isTopic(topic));
    for (const topic of this.topicArgs(frame)) this.topics.delete(topic);
    const retMsg = invalid.length === 0 ? '' : `error:invalid topic ${invalid.join(',')}`;
    this.send(opReply('unsubscribe', invalid.length === 0, retMsg, this.connId, frame.reqId));
  }

  private onAuth(frame: ClientFrame): void {
    const result: WsAuthResult =
      this.account !== undefined
        ? { ok: false, retMsg: 'Already authenticated' }
        : this.host.faults.wsFires('authFail', { scope: 'private' })
          ? { ok: false, retMsg: 'Error sign' }
          : authenticateWs({
              accounts: this.host.accounts,
              args: frame.args,
              serverTimeMs: this.host.now(),
              verifySignatures: this.host.verifySignatures,
            });
    if (!result.ok) {
      this.send(authReply(false, result.retMsg, this.connId, frame.reqId, result.retCode));
      return;
    }
    this.account = result.account;
    this.stopOrders = listenToOrders(result.account, (rows, creationTime) =>
      this.pushOrders(rows, creationTime),
    );
    this.send(authReply(true, '', this.connId, frame.reqId));
  }

  /** One `order` message per subscribed spelling (`order`, `order.linear`), Bybit's private envelope. */
  private pushOrders(rows: readonly object[], creationTime: number): void {
    for (const topic of this.topics) {
      if (privateStream(topic) !== 'order') continue;
      this.push(topic, JSON.stringify({ id: randomUUID(), topic, creationTime, data: rows }));
    }
  }
}
