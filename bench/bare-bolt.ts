// The baseline for bench:slack: a bare Bolt app in HTTP mode that answers every app_mention with a fixed
// reply through chat.postMessage, in the thread, to the same fake Web API. The same Slack work as
// backbuddy (verify the signature, ack, post), without backbuddy's. Run as its own process:
//   PORT=… SLACK_API_URL=… SLACK_SIGNING_SECRET=… node dist/bench/bare-bolt.js
import { App, LogLevel } from '@slack/bolt';

const app = new App({
  token: 'xoxb-bench', signingSecret: process.env.SLACK_SIGNING_SECRET ?? '', logLevel: LogLevel.ERROR,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
  customRoutes: [{ path: '/healthz', method: 'GET', handler: (_req, res) => { res.writeHead(200); res.end('ok'); } }],
});
app.event('app_mention', async ({ event, client }) => {
  await client.chat.postMessage({ channel: event.channel, thread_ts: event.thread_ts ?? event.ts, text: 'A fixed reply about backs.' });
});
await app.start({ port: Number(process.env.PORT), host: '127.0.0.1' });
const stop = () => void app.stop().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
