// `npm run discord:register [-- --guild ID]`: registers the slash commands with a bulk overwrite (PUT),
// so running it again changes nothing. Global commands can take a while to show up in every server;
// `--guild` registers them in one server at once (for testing). Prints the invite URL.
import { REST, Routes } from 'discord.js';
import { loadConfig } from '../../src/config/load.js';
import { COMMANDS } from './commands.js';
import { inviteUrl } from './invite.js';

export async function register(argv: string[], out: (s: string) => void = (s) => process.stdout.write(`${s}\n`), err = (s: string) => process.stderr.write(`${s}\n`)): Promise<number> {
  const guildAt = argv.indexOf('--guild');
  const guild = guildAt >= 0 ? argv[guildAt + 1] : undefined;
  const extra = argv.filter((a, i) => i !== guildAt && i !== guildAt + 1);
  if (extra.length || (guildAt >= 0 && !/^\d{17,20}$/.test(guild ?? ''))) {
    err('discord:register: usage: npm run discord:register [-- --guild SERVER_ID]');
    return 2;
  }
  const cfg = loadConfig();
  if (!cfg.ok) return err(`discord:register: ${cfg.error}`), 2;
  const { DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: app, DISCORD_API_URL: api } = cfg.value;
  if (!token || !app) return err('discord:register: set DISCORD_TOKEN and DISCORD_APPLICATION_ID (see .env.example)'), 2;
  const rest = new REST({ ...(api ? { api: api.replace(/\/$/, '') } : {}), retries: 1 }).setToken(token);
  try {
    const done = (await rest.put(guild ? Routes.applicationGuildCommands(app, guild) : Routes.applicationCommands(app), { body: COMMANDS })) as unknown[];
    out(`registered ${done.length} commands ${guild ? `in server ${guild}` : 'globally (they can take up to an hour to appear everywhere)'}`);
    out(`invite: ${inviteUrl(app)}`);
    return 0;
  } catch (e) {
    err(`discord:register: Discord refused (${(e as { status?: number }).status ?? (e as Error).name}); check DISCORD_TOKEN and DISCORD_APPLICATION_ID`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) process.exitCode = await register(process.argv.slice(2));
