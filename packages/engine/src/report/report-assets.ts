/** Inline stylesheet of report.html. */
export const REPORT_STYLE = `
body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:0;padding:16px 24px;color:#1b1f24;background:#fff}
h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:24px 0 8px}
header p{margin:2px 0;color:#57606a}.hashes span{margin-right:12px}code{font-size:12px}
.tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:8px;margin:16px 0}
.tile{border:1px solid #d0d7de;border-radius:6px;padding:6px 8px}.tile .k{font-size:11px;color:#57606a}
.tile .v{font-size:14px;font-variant-numeric:tabular-nums;overflow-wrap:anywhere}
#chart{height:640px;border:1px solid #d0d7de;border-radius:6px}
#trades{border-collapse:collapse;font-size:12px;display:block;overflow:auto;max-height:480px}
#trades th,#trades td{border:1px solid #d0d7de;padding:3px 6px;white-space:nowrap;font-variant-numeric:tabular-nums}
#trades th{background:#f6f8fa;cursor:pointer;position:sticky;top:0}
pre{background:#f6f8fa;padding:8px;overflow:auto;max-height:400px;font-size:12px}
`;

/**
 * Inline script of report.html: draws candles with entry/exit markers and SL/TP segments (pane 0), equity
 * (pane 1) and drawdown (pane 2) on one time axis with TradingView Lightweight Charts v5, and makes the trades
 * table sortable. Plain ES2020, no network.
 */
export const REPORT_SCRIPT = `
(function () {
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var LWC = window.LightweightCharts;
  var el = document.getElementById('chart');
  var chart = LWC.createChart(el, { width: el.clientWidth, height: el.clientHeight, layout: { panes: { separatorColor: '#d0d7de' } },
    timeScale: { timeVisible: true, secondsVisible: false } });
  var candles = chart.addSeries(LWC.CandlestickSeries, {}, 0);
  candles.setData(data.candles.map(function (c) { return { time: c[0], open: c[1], high: c[2], low: c[3], close: c[4] }; }));
  var markers = [];
  data.trades.forEach(function (t) {
    var long = t.side === 'long';
    markers.push({ time: Math.floor(t.entry_ts_ms / 1000), position: long ? 'belowBar' : 'aboveBar',
      color: long ? '#1a7f37' : '#cf222e', shape: long ? 'arrowUp' : 'arrowDown', text: t.trade_id });
    if (t.exit_ts_ms !== null) {
      markers.push({ time: Math.floor(t.exit_ts_ms / 1000), position: long ? 'aboveBar' : 'belowBar',
        color: '#57606a', shape: 'circle', text: String(t.exit_reason) });
    }
    [['initial_sl', '#cf222e'], ['initial_tp', '#1a7f37']].forEach(function (p) {
      var level = t[p[0]];
      if (level === null || level === '' || t.exit_ts_ms === null) return;
      var seg = chart.addSeries(LWC.LineSeries, { color: p[1], lineWidth: 1, lineStyle: 2,
        priceLineVisible: false, lastValueVisible: false, crosshairMarkerVisible: false }, 0);
      var a = Math.floor(t.entry_ts_ms / 1000), b = Math.floor(t.exit_ts_ms / 1000);
      seg.setData(a === b ? [{ time: a, value: Number(level) }] : [{ time: a, value: Number(level) }, { time: b, value: Number(level) }]);
    });
  });
  markers.sort(function (x, y) { return x.time - y.time; });
  LWC.createSeriesMarkers(candles, markers);
  var equity = chart.addSeries(LWC.LineSeries, { color: '#0969da', lineWidth: 2 }, 1);
  var dedupe = function (rows, k) {
    var out = [];
    rows.forEach(function (r) {
      var p = { time: Math.floor(r[0]), value: Number(r[k]) };
      if (out.length && out[out.length - 1].time === p.time) out[out.length - 1] = p; else out.push(p);
    });
    return out;
  };
  equity.setData(dedupe(data.equity, 1));
  var dd = chart.addSeries(LWC.AreaSeries, { lineColor: '#cf222e', topColor: 'rgba(207,34,46,0.05)',
    bottomColor: 'rgba(207,34,46,0.3)', invertFilledArea: true }, 2);
  dd.setData(dedupe(data.equity, 2).map(function (p) { return { time: p.time, value: -p.value }; }));
  var panes = chart.panes();
  if (panes.length === 3) { panes[0].setStretchFactor(6); panes[1].setStretchFactor(2.5); panes[2].setStretchFactor(1.5); }
  chart.timeScale().fitContent();
  window.addEventListener('resize', function () { chart.resize(el.clientWidth, el.clientHeight); });
  document.body.setAttribute('data-report-ready', String(el.querySelectorAll('canvas').length));

  var table = document.getElementById('trades');
  Array.prototype.forEach.call(table.querySelectorAll('th'), function (th) {
    var asc = true;
    th.addEventListener('click', function () {
      var col = Number(th.dataset.col);
      var rows = Array.prototype.slice.call(table.tBodies[0].rows);
      rows.sort(function (a, b) {
        var x = a.cells[col].textContent, y = b.cells[col].textContent;
        var nx = Number(x), ny = Number(y);
        var c = x !== '' && y !== '' && !isNaN(nx) && !isNaN(ny) ? nx - ny : x.localeCompare(y);
        return asc ? c : -c;
      });
      asc = !asc;
      rows.forEach(function (r) { table.tBodies[0].appendChild(r); });
    });
  });
})();
`;
