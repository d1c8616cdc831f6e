import { Command, InvalidArgumentError } from 'commander';
import { SignJWT } from 'jose';
import { durationSeconds, durationText, maxLifetimeOf, sharedSecretOf } from '../auth/identity-config';
import { isRole, ROLES } from '../auth/roles';
import { ConfigError, DEVELOPMENT_JWT_SECRET } from '../config/app-config';

const DEFAULT_LIFETIME_SECONDS = 8 * 3600;

/**
 * Prints a bearer token for the admin API, HS256 with LICENCES_JWT_SECRET, or with the development
 * secret when it is unset (which only a server in development mode accepts, as stderr says).
 */
async function printToken(options: { role: string; sub: string; expiresIn?: string }): Promise<void> {
  const max = maxLifetimeOf(process.env);
  const lifetime =
    options.expiresIn === undefined
      ? Math.min(DEFAULT_LIFETIME_SECONDS, max)
      : durationSeconds(options.expiresIn);
  if (lifetime === undefined || lifetime === 0) {
    throw new ConfigError(`--expires-in ${options.expiresIn} is not a duration; write e.g. 30m or 8h`);
  }
  if (lifetime > max) {
    throw new ConfigError(
      `--expires-in ${options.expiresIn} is longer than LICENCES_JWT_MAX_LIFETIME (${durationText(max)}), which the API refuses`,
    );
  }
  const own = sharedSecretOf(process.env);
  if (!own) {
    process.stderr.write(
      'LICENCES_JWT_SECRET is unset: signed with the development secret, which only a server in development mode (npm start) accepts\n',
    );
  }
  const token = await new SignJWT({ role: options.role })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(options.sub)
    .setIssuedAt()
    .setExpirationTime(`${lifetime}s`)
    .sign(new TextEncoder().encode(own ?? DEVELOPMENT_JWT_SECRET));
  process.stdout.write(`${token}\n`);
}

new Command('token')
  .description('Print a signed bearer token for the admin API')
  .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`, (value: string) => {
    if (!isRole(value)) throw new InvalidArgumentError(`Unknown role; use one of ${ROLES.join(', ')}`);
    return value;
  })
  .requiredOption('--sub <subject>', 'who the token is for, e.g. alice')
  .option(
    '--expires-in <duration>',
    'lifetime, e.g. 30m or 8h (default 8h), at most LICENCES_JWT_MAX_LIFETIME',
  )
  .action(printToken)
  .parseAsync()
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
