/** @trade/bybit-mock: A mock Bybit V5 server (REST, later WebSocket) on loopback, serving stored or given data with Bybit response shapes and fault injection. */
export const PACKAGE_NAME = '@trade/bybit-mock';
