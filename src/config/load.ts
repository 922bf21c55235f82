import { existsSync } from 'node:fs';
import { ConfigSchema, type Config } from './schema.js';
import { err, ok, type Result } from '../common/result.js';

/**
 * Parse the configuration once, at start-up. `.env` (when present) is loaded into the environment
 * first; variables already set win. Nothing else in the code reads process.env.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, envFile = '.env'): Result<Config, string> {
  if (env === process.env && existsSync(envFile)) {
    try {
      process.loadEnvFile(envFile);
    } catch (e) {
      return err(`${envFile}: could not be read (${(e as Error).message})`);
    }
  }
  const parsed = ConfigSchema.safeParse(env);
  if (parsed.success) return ok(parsed.data);
  const first = parsed.error.issues[0];
  const name = first?.path.join('.') ?? 'config';
  return err(`configuration: ${name}: ${first?.message ?? 'invalid'} (see .env.example)`);
}
