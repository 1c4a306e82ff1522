// PostgreSQL URLs: both schemes, sslmode mapped to pg's ssl options (and taken out of the URL,
// where pg would let it override them), bad modes and missing databases refused by name.
import { describe, expect, it } from 'vitest';
import { loadConfig, readPgPool } from '../../src/config.js';
import { resolveDatabaseTarget } from '../../src/db/connection.js';
import type { CallbookError } from '../../src/errors.js';

describe('postgres URLs', () => {
  it.each([
    ['postgres://u@db.example:6543/app', false],
    ['postgresql://u@db.example/app?sslmode=disable', false],
    ['postgres://u@db.example/app?sslmode=prefer', false],
    ['postgres://u@db.example/app?sslmode=require', { rejectUnauthorized: false }],
    ['postgres://u@db.example/app?sslmode=verify-full', { rejectUnauthorized: true }],
  ])('%s', (url, ssl) => {
    const target = resolveDatabaseTarget(url);
    if (target.dialect !== 'postgres') throw new Error('expected postgres');
    expect(target.ssl).toEqual(ssl);
    expect(target.connectionString).not.toMatch(/sslmode/);
    expect(target.display).toMatch(/^db\.example:(6543|5432)\/app$/);
  });

  it('verify-ca checks the chain but not the host name', () => {
    const target = resolveDatabaseTarget('postgres://u@h/app?sslmode=verify-ca');
    if (target.dialect !== 'postgres' || target.ssl === false) throw new Error('expected TLS');
    expect(target.ssl.rejectUnauthorized).toBe(true);
    expect(target.ssl.checkServerIdentity?.('other.host', {} as never)).toBeUndefined();
  });

  it('keeps the password and other parameters for pg, and never shows the password', () => {
    const target = resolveDatabaseTarget('postgres://u:s3cret@h:5433/app?sslmode=require&application_name=cb');
    if (target.dialect !== 'postgres') throw new Error('expected postgres');
    expect(target.connectionString).toBe('postgres://u:s3cret@h:5433/app?application_name=cb');
    expect(target.display).not.toMatch(/s3cret/);
  });

  it('refuses an unknown sslmode and a URL without a database, naming --db', () => {
    expect(() => resolveDatabaseTarget('postgres://h/app?sslmode=sometimes')).toThrow(/--db: sslmode must be one of/);
    expect(() => resolveDatabaseTarget('postgres://h/')).toThrow(/--db: the postgres URL names no database/);
    try {
      resolveDatabaseTarget('postgres://h/app?sslmode=x');
    } catch (error) {
      expect((error as CallbookError).kind).toBe('bad_input');
    }
  });
});

describe('CALLBOOK_PG_POOL', () => {
  it('defaults to 10 and takes 1 to 1000', () => {
    expect(readPgPool({})).toBe(10);
    expect(readPgPool({ CALLBOOK_PG_POOL: '3' })).toBe(3);
  });

  it.each(['0', '1001', 'ten', '2.5'])('refuses %s, naming the variable', (value) => {
    expect(() => readPgPool({ CALLBOOK_PG_POOL: value })).toThrow(/CALLBOOK_PG_POOL: expected a whole number from 1 to 1000/);
    expect(() => loadConfig({ CALLBOOK_PG_POOL: value })).toThrow(/CALLBOOK_PG_POOL/);
  });
});
