/**
 * @trade/bybit-mock: a mock Bybit V5 server on loopback (market REST endpoints, the signed account and position
 * routes, resting limit orders, the public and private WebSocket streams) serving stored or
 * given CSV data with Bybit's response shapes, pagination, error codes and fault injection.
 */
export {
  availableBalance,
  type MockAccount,
  type MockAccountSpec,
  type MockPosition,
  type MockPositionSpec,
} from './account/accounts';
export type { MockClock } from './clock';
export { MockBybitError } from './errors';
export {
  FAULT_KINDS,
  type FaultKind,
  type FaultRule,
  HTTP_FAULT_KINDS,
  type HttpFaultKind,
  WS_FAULT_KINDS,
  type WsFaultKind,
  type WsScope,
} from './faults/fault-rule';
export { fixtureRules } from './market/instruments';
export type { RequestLogEntry } from './server/request-log';
export { type MockBybit, type StartMockBybitOptions, startMockBybit } from './start-mock-bybit';
export type { DropCode } from './ws/ws-server';
