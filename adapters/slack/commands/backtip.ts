// /backtip [topic]: one quick tip, ephemeral, with a "Share in channel" button.
import type { SlackDeps } from '../deps.js';
import { renderTip } from '../render.js';
import type { CommandPlan } from './reply.js';

export const backtipPlan = (deps: SlackDeps, text: string): CommandPlan => ({
  name: 'backtip',
  quick: true,
  build: () => renderTip(deps.services.assistant.tip(text.trim() || undefined)),
});
