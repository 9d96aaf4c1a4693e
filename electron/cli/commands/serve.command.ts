import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { msg } from '#shared/i18n/message';
import { openCliHost, rendererDir, startStationServer } from '../cli-host';
import { serveHubHosting } from '../cli-hub';
import type { Options, Say } from '../cli-text';

/** Starts the browser station: the host core plus the renderer over HTTP and WebSocket on loopback. */
export async function runServe(options: Options, t: Say): Promise<void> {
  const { host } = openCliHost(process.argv, { hubHosting: serveHubHosting((line, error) => console.error(line, error ?? '')) });
  const start = (port: number) =>
    startStationServer({
      rendererDir: rendererDir(),
      onTransport: (t) => host.server.attach(t),
      attachments: host.attachments,
      host: typeof options['host'] === 'string' ? options['host'] : '127.0.0.1',
      port,
      ...(process.env['PACKDESK_TOKEN'] ? { token: process.env['PACKDESK_TOKEN'] } : {}),
    });
  // An explicit --port must be honoured; the default moves on when another station already has it.
  const wanted = typeof options['port'] === 'string' ? [Number(options['port'])] : [5170, 5171, 5172, 5173, 0];
  let station: Awaited<ReturnType<typeof start>> | undefined;
  for (const port of wanted) {
    try {
      station = await start(port);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === wanted.at(-1)) throw error;
    }
  }
  if (!station) return;
  // The first line is for scripts as much as for people: the same in every language.
  console.log(`Packdesk station: ${station.url}`);
  console.log(t(msg('cli.serve.dataDir', { dir: host.dataDir })));
  if (options['open']) openBrowser(station.url);
  const stop = () => {
    // Browsers must see the station go at once; do not wait on a slow socket for more than a second.
    setTimeout(() => process.exit(0), 1000).unref();
    void station.close().then(() => {
      host.close();
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function openBrowser(url: string): void {
  const opener = process.platform === 'win32' ? 'explorer' : process.platform === 'darwin' ? 'open' : 'xdg-open';
  if (process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY']) return;
  if (process.platform === 'linux' && !['/usr/bin/xdg-open', '/bin/xdg-open'].some(existsSync)) return;
  spawn(opener, [url], { detached: true, stdio: 'ignore' }).on('error', () => {}).unref();
}
