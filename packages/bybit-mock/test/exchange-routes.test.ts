import { RestClientV5 } from 'bybit-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockBybit, startMockBybit } from '../src/index';
import { PRIVATE_ROUTES } from '../src/routes/index';
import { body, dataDir, sample, shapeOf, shared } from './support';

const KEY = 'ex-key';
const SECRET = 'ex-secret';

/** Keys of an object, sorted (recorded payloads carry newer extras the spec leaves out). */
const keysOf = (o: unknown): string[] => Object.keys(o as Record<string, unknown>).sort();

describe.skipIf(shared === undefined)(
  'exchange-tier routes: tickers, order book, account, leverage, orders',
  () => {
    let mock: MockBybit;
    let client: RestClientV5;

    beforeAll(async () => {
      mock = await startMockBybit({
        dataDir,
        accounts: [{ apiKey: KEY, apiSecret: SECRET, balanceUsdt: 10_000 }],
      });
      client = new RestClientV5({ baseUrl: mock.url, key: KEY, secret: SECRET });
    });
    afterAll(() => mock.close());

    async function lastPrice(symbol: string): Promise<number> {
      const t = await client.getTickers({ category: 'linear', symbol });
      return Number(t.result.list[0]!.lastPrice);
    }

    it('serves tickers with the spec fields, priced at the newest stored close', async () => {
      const res = body(await client.getTickers({ category: 'linear', symbol: 'BTCUSDT' }));
      expect(res.retCode).toBe(0);
      const row = res.result.list[0]! as unknown as Record<string, string>;
      const recorded = (sample('rest/market-tickers.1.json').result as { list: Record<string, unknown>[] })
        .list[0]!;
      const extras = [
        'basis',
        'preOpenPrice',
        'preQty',
        'curPreListingPhase',
        'fundingIntervalHour',
        'basisRateYear',
        'fundingCap',
      ];
      expect(keysOf(row)).toEqual(keysOf(recorded).filter((k) => !extras.includes(k)));
      for (const [k, v] of Object.entries(row)) expect(typeof v, k).toBe('string');
      const kline = await client.getKline({ category: 'linear', symbol: 'BTCUSDT', interval: '1', limit: 1 });
      expect(Number(row.lastPrice)).toBe(Number(kline.result.list[0]![4]));
      expect(Number(row.ask1Price)).toBeGreaterThan(Number(row.bid1Price));
      expect(Number(row.highPrice24h)).toBeGreaterThanOrEqual(Number(row.lowPrice24h));
      const all = await client.getTickers({ category: 'linear' });
      expect(all.result.list.map((r) => r.symbol)).toEqual(['BTCUSDT', 'ETHUSDT']);
      const bad = await client.getTickers({ category: 'linear', symbol: 'DOGEUSDT' });
      expect(bad.retCode).toBe(10001);
    });

    it('synthesises an order book around the last price with the recorded shape', async () => {
      const res = body(await client.getOrderbook({ category: 'linear', symbol: 'ETHUSDT', limit: 5 }));
      expect(shapeOf(res)).toEqual(shapeOf(sample('rest/market-orderbook.1.json')));
      const book = res.result;
      expect(book.b).toHaveLength(5);
      expect(book.a).toHaveLength(5);
      const last = await lastPrice('ETHUSDT');
      const bids = book.b.map((l) => Number(l[0]));
      const asks = book.a.map((l) => Number(l[0]));
      expect(bids[0]).toBeLessThanOrEqual(last);
      expect(asks[0]).toBeGreaterThan(last);
      expect([...bids].sort((x, y) => y - x)).toEqual(bids);
      expect([...asks].sort((x, y) => x - y)).toEqual(asks);
      expect((await client.getOrderbook({ category: 'linear', symbol: 'ETHUSDT', limit: 501 })).retCode).toBe(
        10001,
      );
    });

    it('serves account info, collateral info and an empty transaction log', async () => {
      const info = await client.getAccountInfo();
      expect(info.retCode).toBe(0);
      expect(keysOf(info.result)).toEqual(keysOf(sample('rest/account-info.1.json').result));
      expect(info.result).toMatchObject({ unifiedMarginStatus: 6, marginMode: 'REGULAR_MARGIN' });
      const coll = await client.getCollateralInfo('USDT');
      expect(coll.retCode).toBe(0);
      expect(coll.result.list[0]).toMatchObject({
        currency: 'USDT',
        collateralSwitch: true,
        collateralRatio: '1',
      });
      const log = await client.getTransactionLog({
        accountType: 'UNIFIED',
        startTime: Date.now() - 86_400_000,
      });
      expect(log.retCode).toBe(0);
      expect(log.result).toEqual({ list: [], nextPageCursor: '' });
      const wide = await client.getTransactionLog({
        accountType: 'UNIFIED',
        startTime: 0,
        endTime: 8 * 86_400_000,
      });
      expect(wide.retCode).toBe(10001);
    });

    it('sets leverage, answers 110043 when unchanged and 10001 outside the instrument range', async () => {
      const set = (v: string) =>
        client.setLeverage({ category: 'linear', symbol: 'BTCUSDT', buyLeverage: v, sellLeverage: v });
      expect((await set('10')).retCode).toBe(110043); // the default leverage is 10
      const ok = await set('2');
      expect(ok).toMatchObject({ retCode: 0, result: {} });
      expect(await set('2')).toMatchObject({
        retCode: 110043,
        retMsg: 'Set leverage has not been modified.',
      });
      expect((await set('1000')).retCode).toBe(10001);
      const pos = await client.getPositionInfo({ category: 'linear', symbol: 'BTCUSDT' });
      expect(pos.result.list[0]!.leverage).toBe('2');
    });

    it('rests a PostOnly limit order, lists it by orderLinkId, reserves its margin and cancels it', async () => {
      const last = await lastPrice('ETHUSDT');
      const price = (Math.floor((last * 0.9) / 0.01) * 0.01).toFixed(2);
      const request = {
        category: 'linear',
        symbol: 'ETHUSDT',
        side: 'Buy',
        orderType: 'Limit',
        qty: '0.05',
        price,
        timeInForce: 'PostOnly',
        orderLinkId: 'ex-test-1',
      } as const;
      const created = body(await client.submitOrder(request));
      expect(created.retCode).toBe(0);
      expect(shapeOf(created.result)).toEqual(shapeOf(sample('rest/order-create.1.json').result));
      const found = await client.getActiveOrders({
        category: 'linear',
        symbol: 'ETHUSDT',
        orderLinkId: 'ex-test-1',
      });
      expect(found.result.list).toHaveLength(1);
      const order = found.result.list[0]!;
      expect(order).toMatchObject({
        orderId: created.result.orderId,
        orderStatus: 'New',
        price,
        qty: '0.05',
        timeInForce: 'PostOnly',
      });
      const recorded = (sample('rest/order-realtime.1.json').result as { list: object[] }).list[0]!;
      const extras = ['smpType', 'smpGroup', 'smpOrderId', 'placeType', 'cumFeeDetail'];
      expect(keysOf(order)).toEqual(keysOf(recorded).filter((k) => !extras.includes(k)));
      const wallet = await client.getWalletBalance({ accountType: 'UNIFIED' });
      // Order IM at the default leverage 10: 0.05 × price / 10.
      expect(Number(wallet.result.list[0]!.coin[0]!.totalOrderIM)).toBeCloseTo(
        (0.05 * Number(price)) / 10,
        6,
      );
      const dup = await client.submitOrder(request);
      expect(dup.retCode).toBe(110072);
      const cancelled = body(await client.cancelAllOrders({ category: 'linear', symbol: 'ETHUSDT' }));
      expect(shapeOf(cancelled)).toEqual(shapeOf(sample('rest/order-cancel-all.1.json')));
      expect(cancelled.result.list).toEqual([{ orderId: created.result.orderId, orderLinkId: 'ex-test-1' }]);
      const open = await client.getActiveOrders({ category: 'linear', symbol: 'ETHUSDT' });
      expect(open.result.list).toEqual([]);
      const byLink = await client.getActiveOrders({
        category: 'linear',
        symbol: 'ETHUSDT',
        orderLinkId: 'ex-test-1',
      });
      expect(byLink.result.list[0]!.orderStatus).toBe('Cancelled');
      const again = await client.cancelAllOrders({ category: 'linear', symbol: 'ETHUSDT' });
      expect(again.result).toEqual({ list: [], success: '1' });
    });

    it('rejects orders with Bybit codes: tick, qty step, min qty, notional, price band, balance, PostOnly crossing', async () => {
      const last = await lastPrice('ETHUSDT');
      const below = Math.floor((last * 0.9) / 0.01) * 0.01;
      const submit = (qty: string, price: string, extra: Record<string, string> = {}) =>
        client.submitOrder({
          category: 'linear',
          symbol: 'ETHUSDT',
          side: 'Buy',
          orderType: 'Limit',
          qty,
          price,
          timeInForce: 'PostOnly',
          ...extra,
        });
      expect((await submit('0.05', (below + 0.005).toFixed(3))).retCode).toBe(10001); // off the tick
      expect((await submit('0.001', below.toFixed(2))).retCode).toBe(110017); // floored to qtyStep 0.01 → 0
      expect((await submit('0.01', '10.00')).retCode).toBe(110094); // notional 0.1 USDT < 5
      expect((await submit('0.05', (Math.ceil((last * 1.2) / 0.01) * 0.01).toFixed(2))).retCode).toBe(110003);
      expect((await submit('1000', below.toFixed(2))).retCode).toBe(110007); // cost far above 10 000 USDT
      expect((await submit('0.05', below.toFixed(2), { orderLinkId: 'bad id!' })).retCode).toBe(10001);
      // A PostOnly buy above the last price would take liquidity: accepted, then cancelled at once.
      const crossing = await submit('0.05', (Math.ceil((last * 1.01) / 0.01) * 0.01).toFixed(2), {
        orderLinkId: 'cross-1',
      });
      expect(crossing.retCode).toBe(0);
      const seen = await client.getActiveOrders({
        category: 'linear',
        symbol: 'ETHUSDT',
        orderLinkId: 'cross-1',
      });
      expect(seen.result.list[0]).toMatchObject({
        orderStatus: 'Cancelled',
        rejectReason: 'EC_PostOnlyWillTakeLiquidity',
      });
      expect((await client.getActiveOrders({ category: 'linear', symbol: 'ETHUSDT' })).result.list).toEqual(
        [],
      );
      // At the synthetic best bid a PostOnly buy rests; at the best ask it would take and is cancelled.
      const book = (await client.getOrderbook({ category: 'linear', symbol: 'ETHUSDT', limit: 1 })).result;
      const atBid = await submit('0.05', book.b[0]![0], { orderLinkId: 'at-bid' });
      const atAsk = await submit('0.05', book.a[0]![0], { orderLinkId: 'at-ask' });
      expect([atBid.retCode, atAsk.retCode]).toEqual([0, 0]);
      const open = await client.getActiveOrders({ category: 'linear', symbol: 'ETHUSDT' });
      expect(open.result.list.map((o) => o.orderLinkId)).toEqual(['at-bid']);
      await client.cancelAllOrders({ category: 'linear', symbol: 'ETHUSDT' });
    });

    it('authenticates every new private route', async () => {
      const paths = PRIVATE_ROUTES.map((r) => r.path);
      expect(paths).toEqual(
        expect.arrayContaining([
          '/v5/account/info',
          '/v5/account/collateral-info',
          '/v5/account/transaction-log',
          '/v5/position/set-leverage',
          '/v5/order/create',
          '/v5/order/realtime',
          '/v5/order/cancel-all',
        ]),
      );
      const wrong = new RestClientV5({ baseUrl: mock.url, key: KEY, secret: 'wrong' });
      expect((await wrong.getAccountInfo()).retCode).toBe(10004);
      expect((await wrong.getCollateralInfo()).retCode).toBe(10004);
      expect((await wrong.getTransactionLog({ accountType: 'UNIFIED' })).retCode).toBe(10004);
      expect(
        (
          await wrong.setLeverage({
            category: 'linear',
            symbol: 'BTCUSDT',
            buyLeverage: '3',
            sellLeverage: '3',
          })
        ).retCode,
      ).toBe(10004);
      expect((await wrong.getActiveOrders({ category: 'linear', symbol: 'BTCUSDT' })).retCode).toBe(10004);
      expect((await wrong.cancelAllOrders({ category: 'linear', symbol: 'BTCUSDT' })).retCode).toBe(10004);
      const unknown = new RestClientV5({ baseUrl: mock.url, key: 'nobody', secret: SECRET });
      const order = await unknown.submitOrder({
        category: 'linear',
        symbol: 'BTCUSDT',
        side: 'Buy',
        orderType: 'Limit',
        qty: '0.001',
        price: '1000',
        timeInForce: 'PostOnly',
      });
      expect(order.retCode).toBe(10003);
      // Nothing was changed by the refused calls.
      const pos = await client.getPositionInfo({ category: 'linear', symbol: 'BTCUSDT' });
      expect(pos.result.list[0]!.leverage).not.toBe('3');
    });
  },
);
