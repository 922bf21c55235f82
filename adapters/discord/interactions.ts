// Every interaction goes through here: autocomplete, slash commands, buttons. Anything else, or
// anything malformed, gets a clear private error; nothing crashes the client.
import { MessageFlags, type Interaction, type RepliableInteraction } from 'discord.js';
import { timeZoneChoices, topicChoices } from '../../src/adapter-kit/choices.js';
import { FALLBACK_TEXT } from '../../src/adapter-kit/guard.js';
import { onButton } from './buttons.js';
import { guard, type DiscordDeps } from './deps.js';
import { CHOICE_MAX, CHOICES_MAX, cut } from './limits.js';
import { renderNotice } from './render.js';
import { onCommand } from './slash.js';

/** A private message, whether or not the interaction was answered already. */
async function tellPrivately(i: RepliableInteraction, text: string): Promise<void> {
  const msg = { ...renderNotice(text), flags: MessageFlags.Ephemeral } as const;
  if (i.deferred) await i.editReply(renderNotice(text));
  else if (i.replied) await i.followUp(msg);
  else await i.reply(msg);
}

/**
 * discord.js's option getters throw when an option is missing, or not of the type the command was
 * registered with: a registration older than the code, or a crafted payload. That is bad input, not a bug.
 */
const isOptionMismatch = (e: unknown): boolean => {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('CommandInteractionOption') || code.startsWith('AutocompleteInteractionOption'));
};

export const UNREADABLE_COMMAND = 'I could not read that command\'s options: the commands may be out of date. Ask an admin to run `npm run discord:register`, then try again.';

export async function onInteraction(deps: DiscordDeps, i: Interaction): Promise<void> {
  if (i.isAutocomplete()) {
    return guard(deps, 'autocomplete', async () => {
      let choices: { name: string; value: string }[] = [];
      try {
        const focused = i.options.getFocused(true);
        choices = focused.name === 'timezone' ? timeZoneChoices(String(focused.value), CHOICES_MAX) : topicChoices(deps.services.assistant, String(focused.value), CHOICES_MAX);
      } catch (e) {
        if (!isOptionMismatch(e)) throw e;
        deps.log.warn({ code: 'discord_autocomplete_malformed' }, 'discord_autocomplete_malformed');
      }
      await i.respond(choices.map((c) => ({ name: cut(c.name, CHOICE_MAX), value: cut(c.value, CHOICE_MAX) })));
    });
  }
  if (!i.isRepliable()) return;
  const fallback = () => tellPrivately(i, FALLBACK_TEXT);
  if (i.isChatInputCommand()) {
    return guard(deps, `command_${i.commandName.replace(/\W/g, '').slice(0, 20)}`, async () => {
      try {
        await onCommand(deps, i);
      } catch (e) {
        if (!isOptionMismatch(e)) throw e;
        deps.log.warn({ code: 'discord_command_malformed', optionError: (e as { code: string }).code }, 'discord_command_malformed');
        await tellPrivately(i, UNREADABLE_COMMAND);
      }
    }, fallback);
  }
  if (i.isButton()) return guard(deps, 'button', () => onButton(deps, i), fallback);
  deps.log.warn({ code: 'discord_interaction_unsupported', type: i.type }, 'discord_interaction_unsupported');
  await guard(deps, 'unsupported', () => tellPrivately(i, 'I cannot handle that kind of interaction. Try `/backbuddy help`.'));
}
