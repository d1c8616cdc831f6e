import { JwtService } from '@nestjs/jwt';
import { Command, InvalidArgumentError } from 'commander';
import { isRole, ROLES } from '../auth/roles';
import { ConfigError, loadConfig } from '../config/app-config';

/** Prints a bearer token for the admin API, signed with LICENCES_JWT_SECRET (or the development default). */
const program = new Command('token')
  .description('Print a signed bearer token for the admin API')
  .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`, (value: string) => {
    if (!isRole(value)) throw new InvalidArgumentError(`Unknown role; use one of ${ROLES.join(', ')}`);
    return value;
  })
  .requiredOption('--sub <subject>', 'who the token is for, e.g. alice')
  .option('--expires-in <duration>', 'lifetime, e.g. 8h or 30d', '8h')
  .action((options: { role: string; sub: string; expiresIn: string }) => {
    try {
      const { jwtSecret } = loadConfig();
      const token = new JwtService({ secret: jwtSecret }).sign(
        { sub: options.sub, role: options.role },
        { algorithm: 'HS256', expiresIn: options.expiresIn as `${number}h` },
      );
      process.stdout.write(`${token}\n`);
    } catch (error) {
      process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
      process.exitCode = 1;
    }
  });

program.parse();
