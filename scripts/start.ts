/**
 * `npm start`: the demo. The sandbox API on 127.0.0.1:8787 (embedded
 * database in .data/sandbox, kept between runs) and the examples on
 * 127.0.0.1:8080, a different origin like a real partner page.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startExamplesServer } from '../examples/server.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const host = '127.0.0.1';
const apiPort = Number(process.env.PORT ?? 8787);
const examplesPort = Number(process.env.EXAMPLES_PORT ?? 8080);
const apiOrigin = `http://${host}:${apiPort}`;

const sandbox = spawn(
  process.execPath,
  ['--conditions=@kabinet/source', '--import', 'tsx', 'packages/sandbox/src/bin.ts'],
  { cwd: root, stdio: 'inherit', env: { ...process.env, PORT: String(apiPort), HOST: host } },
);
sandbox.on('exit', (code) => {
  console.error(`The sandbox stopped (exit ${code ?? 'signal'}).`);
  process.exit(code ?? 1);
});

const examples = await startExamplesServer({ root, apiOrigin, port: examplesPort, host });
console.info(
  [
    '',
    `Examples      http://${host}:${examplesPort}/`,
    `Partner bank  http://${host}:${examplesPort}/partner-bank/  (signed in as +7 916 123-45-67 by the bank's backend)`,
    `Internal page http://${host}:${examplesPort}/internal-page/`,
    `React app     http://${host}:${examplesPort}/react-app/`,
    `Sandbox API   ${apiOrigin}  (OpenAPI: ${apiOrigin}/openapi.json)`,
    '',
  ].join('\n'),
);

function stop() {
  examples.close();
  sandbox.kill('SIGTERM');
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
