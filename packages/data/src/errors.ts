import { type ErrorKind, TradeError, type TradeErrorDetails } from '@trade/core';

/**
 * Codes of `data.md` §11. Every data error carries the database path it concerns (when one is known), so a
 * user with several data envs sees at once which file failed.
 */
export type DataErrorCode =
  | 'E_DB_LOCKED'
  | 'E_DB_READONLY_WRITE'
  | 'E_DB_SCHEMA_OLD'
  | 'E_DB_SCHEMA_NEWER'
  | 'E_DB_NOT_FOUND'
  | 'E_DB_OPEN'
  | 'E_DATA_INSUFFICIENT'
  | 'E_DATA_ENV_NAME'
  | 'E_SYNC_API'
  | 'E_BYBIT_IP_BANNED'
  | 'E_BYBIT_RATE_LIMIT'
  | 'E_BYBIT_NETWORK'
  | 'E_SYNC_INTERRUPTED'
  | 'E_IMPORT_FORMAT'
  | 'E_IMPORT_REJECTED'
  | 'E_IMPORT_FILE'
  | 'E_EXPORT_FILE'
  | 'E_DATA_ARGUMENT';

const KIND: Readonly<Record<DataErrorCode, ErrorKind>> = {
  E_DB_LOCKED: 'data',
  E_DB_READONLY_WRITE: 'internal',
  E_DB_SCHEMA_OLD: 'data',
  E_DB_SCHEMA_NEWER: 'data',
  E_DB_NOT_FOUND: 'data',
  E_DB_OPEN: 'data',
  E_DATA_INSUFFICIENT: 'data',
  E_DATA_ENV_NAME: 'input',
  E_SYNC_API: 'exchange',
  E_BYBIT_IP_BANNED: 'exchange',
  E_BYBIT_RATE_LIMIT: 'exchange',
  E_BYBIT_NETWORK: 'exchange',
  E_SYNC_INTERRUPTED: 'data',
  E_IMPORT_FORMAT: 'input',
  E_IMPORT_REJECTED: 'input',
  E_IMPORT_FILE: 'input',
  E_EXPORT_FILE: 'input',
  E_DATA_ARGUMENT: 'input',
};

export interface DataErrorDetails extends Omit<TradeErrorDetails, 'kind'> {
  /** Resolved database file the error concerns. */
  readonly dbPath?: string;
  /** Bybit `retCode` / HTTP status for exchange errors. */
  readonly exchangeCode?: number;
}

/** The one error class of `@trade/data`; branch on `code`. */
export class DataError extends TradeError {
  declare readonly code: DataErrorCode;
  readonly dbPath: string | undefined;
  readonly exchangeCode: number | undefined;

  constructor(code: DataErrorCode, message: string, details: DataErrorDetails = {}) {
    super(code, message, { ...details, kind: KIND[code] });
    this.dbPath = details.dbPath;
    this.exchangeCode = details.exchangeCode;
  }
}

export function isDataError(value: unknown, code?: DataErrorCode): value is DataError {
  return value instanceof DataError && (code === undefined || value.code === code);
}
