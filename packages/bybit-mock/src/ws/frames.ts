/**
 * Replies to client control frames (`bybit-mock.md` §8.1), keys in Bybit's order and compact JSON:
 * `bybit-api` finds pongs by substring (`ret_msg":"pong`, `op":"pong`), so a space after a colon would hide them.
 * `req_id` is echoed as the client sent it (its pending subscriptions are keyed by it) and left out when absent.
 */

/** A client frame's `req_id`, any JSON value; undefined when the frame had none. */
export type ReqId = unknown;

function withReqId(head: Record<string, unknown>, reqId: ReqId, tail: Record<string, unknown>): string {
  return JSON.stringify({ ...head, ...(reqId === undefined ? {} : { req_id: reqId }), ...tail });
}

/** `subscribe` / `unsubscribe` acknowledgement; `retMsg` is `""` on success. */
export function opReply(
  op: 'subscribe' | 'unsubscribe',
  success: boolean,
  retMsg: string,
  connId: string,
  reqId: ReqId,
): string {
  return withReqId({ success, ret_msg: retMsg, conn_id: connId }, reqId, { op });
}

/** Pong of the public stream: `{"success":true,"ret_msg":"pong",…,"op":"ping"}`. */
export function publicPong(connId: string, reqId: ReqId): string {
  return withReqId({ success: true, ret_msg: 'pong', conn_id: connId }, reqId, { op: 'ping' });
}

/** Pong of the private stream: `{"req_id":…,"op":"pong","args":["<server ms>"],"conn_id":…}`. */
export function privatePong(connId: string, reqId: ReqId, serverMs: number): string {
  return withReqId({}, reqId, { op: 'pong', args: [String(serverMs)], conn_id: connId });
}

/** `auth` answer; `retCode` only on an unknown key (10003), as Bybit adds it there. */
export function authReply(
  success: boolean,
  retMsg: string,
  connId: string,
  reqId: ReqId,
  retCode?: number,
): string {
  return withReqId(
    { success, ret_msg: retMsg, ...(retCode === undefined ? {} : { retCode }), op: 'auth', conn_id: connId },
    reqId,
    {},
  );
}

/** A frame the server does not understand: an unknown `op`, or text that is not a JSON object. */
export function unrecognized(op: string, connId: string, reqId: ReqId): string {
  return withReqId(
    { success: false, ret_msg: `Unrecognized request: ${op}`, op, conn_id: connId },
    reqId,
    {},
  );
}
