// Preloaded with `node --import`: records the URL of every module the process resolves (see the hooks file)
import { register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';

const { port1, port2 } = new MessageChannel();
const urls = [];
port1.on('message', (url) => urls.push(url));
port1.unref();
register('./record-loads-hooks.mjs', import.meta.url, { data: { port: port2 }, transferList: [port2] });
globalThis.__resolvedModuleUrls = urls;
