import { readFile, stat } from 'node:fs/promises';
import { Logger } from '@nestjs/common';
import { createLocalJWKSet, createRemoteJWKSet } from 'jose';
import type { JSONWebKeySet, JWTVerifyGetKey } from 'jose';
import type { JwksSource } from './identity-config';

/** What jose's `jwtVerify` takes as a key: the key that fits a token's header. */
export type KeyResolver = JWTVerifyGetKey;

/**
 * A key set URL is fetched again at most this often for a `kid` it does not know: a rotated key
 * is picked up within seconds, and a flood of made-up `kid`s cannot hammer the identity provider.
 */
export const JWKS_URL_COOLDOWN_MS = 5_000;
/** Even without an unknown `kid`, keys removed from the provider stop working within this. */
export const JWKS_URL_MAX_AGE_MS = 10 * 60_000;
export const JWKS_URL_TIMEOUT_MS = 5_000;
/** A key set file is read again for an unknown `kid` at most this often (besides on every change). */
export const JWKS_FILE_COOLDOWN_MS = 1_000;

/**
 * A key set file, read again whenever it changes (its mtime, size or inode) and, at most once a
 * second, when a token names a `kid` it does not hold: rotated keys work without a restart. A file
 * caught half-written keeps the last good key set in use.
 */
class JwksFile {
  private readonly logger = new Logger('JwksFile');
  private keys: ReturnType<typeof createLocalJWKSet> | undefined;
  private version = '';
  private readAt = 0;
  private lastWarning = '';

  constructor(private readonly path: string) {}

  readonly resolve: KeyResolver = async (header, token) => {
    await this.refresh(false);
    try {
      return await this.current()(header, token);
    } catch (error) {
      const unknownKid = (error as { code?: string }).code === 'ERR_JWKS_NO_MATCHING_KEY';
      if (!unknownKid || Date.now() - this.readAt < JWKS_FILE_COOLDOWN_MS) throw error;
      await this.refresh(true);
      return this.current()(header, token);
    }
  };

  private current(): ReturnType<typeof createLocalJWKSet> {
    if (!this.keys) throw Object.assign(new Error('No key set could be read'), { code: 'ERR_JWKS_INVALID' });
    return this.keys;
  }

  private async refresh(force: boolean): Promise<void> {
    let version: string;
    try {
      const { mtimeMs, size, ino } = await stat(this.path);
      version = `${mtimeMs}:${size}:${ino}`;
    } catch (error) {
      this.warn(error);
      return;
    }
    if (!force && version === this.version && this.keys) return;
    this.readAt = Date.now();
    try {
      const set = JSON.parse(await readFile(this.path, 'utf8')) as JSONWebKeySet;
      this.keys = createLocalJWKSet(set);
      this.version = version;
      this.lastWarning = '';
    } catch (error) {
      this.warn(error);
    }
  }

  /** Once per distinct problem: a file gone missing must not write a line per request. */
  private warn(error: unknown): void {
    const warning = `LICENCES_JWKS_FILE ${this.path}: ${(error as Error).message}; keeping the last keys`;
    if (warning !== this.lastWarning) this.logger.warn(warning);
    this.lastWarning = warning;
  }
}

/** The key resolver for a configured key set; built once, so the fetched or read keys are cached. */
export function jwksKeyResolver(source: JwksSource): KeyResolver {
  switch (source.kind) {
    case 'url':
      return createRemoteJWKSet(source.url, {
        cooldownDuration: JWKS_URL_COOLDOWN_MS,
        cacheMaxAge: JWKS_URL_MAX_AGE_MS,
        timeoutDuration: JWKS_URL_TIMEOUT_MS,
      });
    case 'file':
      return new JwksFile(source.path).resolve;
    default: {
      const unknown: never = source;
      return unknown;
    }
  }
}
