// The slash commands, as the JSON `npm run discord:register` sends (bulk overwrite, so registering twice
// changes nothing). https://discord.com/developers/docs/interactions/application-commands
import type { RESTPutAPIApplicationCommandsJSONBody } from 'discord.js';

const STRING = 3;
const CHANNEL = 7;
const SUB_COMMAND = 1;
const SUB_COMMAND_GROUP = 2;
/** Text channels, announcement channels and threads: where nudges can be posted. */
const POSTABLE_CHANNELS = [0, 5, 10, 11, 12];

const channelOption = { type: CHANNEL, name: 'channel', description: 'Where (default: this channel)', channel_types: POSTABLE_CHANNELS, required: false };

/** The option names of `/backbuddy nudges on`, as the chat words src/nudges/options.ts reads. */
export const NUDGE_ON_OPTIONS = { every: 'every', hours: 'hours', days: 'days', timezone: 'tz', focus: 'focus' } as const;

/** `target:me`: the person's own nudges, in a DM with the bot, instead of a channel's. */
const targetOption = { type: STRING, name: 'target', description: 'me: your own nudges, in a DM with me', required: false, choices: [{ name: 'me', value: 'me' }] };

export const COMMANDS: RESTPutAPIApplicationCommandsJSONBody = [
  {
    name: 'backtip',
    description: 'A quick back-care tip, only for you, with a button to share it',
    dm_permission: true,
    options: [{ type: STRING, name: 'topic', description: 'A topic, e.g. hamstrings, desk, sleep', required: false, autocomplete: true, max_length: 100 }],
  },
  {
    name: 'backbuddy',
    description: 'Back-pain education: ask, stretch, and stretch nudges for a channel',
    // Not default_member_permissions: Discord sets it per top-level command, and ask/stretch are for
    // everyone. Nudge management checks Manage Channels on use instead (interactions.ts).
    dm_permission: true,
    options: [
      { type: SUB_COMMAND, name: 'ask', description: 'An answer only you see', options: [{ type: STRING, name: 'question', description: 'Your question', required: true, max_length: 1000 }] },
      { type: SUB_COMMAND, name: 'stretch', description: 'A short stretch routine now' },
      { type: SUB_COMMAND, name: 'help', description: 'What I can do' },
      {
        type: SUB_COMMAND_GROUP,
        name: 'nudges',
        description: 'Stretch nudges in a channel (on/off/pause/resume need Manage Channels)',
        options: [
          {
            type: SUB_COMMAND, name: 'on', description: 'Turn on stretch nudges during working hours',
            options: [
              channelOption,
              targetOption,
              { type: STRING, name: 'every', description: 'How often, 30m to 8h (default 90m)', required: false, max_length: 10 },
              { type: STRING, name: 'hours', description: 'Working hours, e.g. 9-17 (default)', required: false, max_length: 20 },
              { type: STRING, name: 'days', description: 'Working days, e.g. mon-fri (default)', required: false, max_length: 40 },
              { type: STRING, name: 'timezone', description: 'Time zone, e.g. Europe/Berlin', required: false, autocomplete: true, max_length: 64 },
              { type: STRING, name: 'focus', description: 'Body areas, e.g. neck,hips', required: false, max_length: 100 },
            ],
          },
          { type: SUB_COMMAND, name: 'off', description: 'Stop the nudges', options: [channelOption, targetOption] },
          { type: SUB_COMMAND, name: 'pause', description: 'Pause for a while', options: [{ type: STRING, name: 'for', description: 'How long, e.g. 2h or 1d', required: true, max_length: 10 }, channelOption, targetOption] },
          { type: SUB_COMMAND, name: 'resume', description: 'Resume paused nudges', options: [channelOption, targetOption] },
          { type: SUB_COMMAND, name: 'status', description: 'What the nudges are doing', options: [channelOption, targetOption] },
        ],
      },
    ],
  },
];
