/** @trade/structures: Causal market-structure detectors (swing, trend, BOS/CHoCH, zones, fibonacci, ICT family), look-ahead free. */
export const PACKAGE_NAME = '@trade/structures';
