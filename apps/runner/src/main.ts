// The headless runner is a thin shell over @trade/live; until the live work lands it only reports that.
const message =
  'trade-runner: the paper/demo/live runner arrives with @trade/live; use `trade backtest` meanwhile.\n';
process.stderr.write(message);
process.exitCode = 2;
