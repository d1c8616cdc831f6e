import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

/*
 * The framework's ceiling for the HTTP command figure: NestJS on Express as the API runs it, one
 * POST route that parses a JSON body and answers 201, and nothing else (no guards, validation,
 * logging or storage). Started as its own process by the benchmark:
 *
 *   PORT=3999 node -r ./tools/register.cjs bench/bare-nest/bare-nest.app.ts
 */

@Controller()
class BareController {
  @Post('bench')
  @HttpCode(201)
  accept(@Body() body: Record<string, unknown>): { id: string; fields: number } {
    // Touch the parsed body so that the parse cannot be skipped.
    return { id: randomUUID(), fields: Object.keys(body).length };
  }

  @Get('health')
  health(): { status: string } {
    return { status: 'ok' };
  }
}

@Module({ controllers: [BareController] })
class BareModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create(BareModule, { logger: ['error', 'warn'] });
  app.enableShutdownHooks();
  await app.listen(Number(process.env['PORT'] ?? 3999), '127.0.0.1');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
