// Concord's HTTP server: Next's request handler behind Node's own http server, so that every
// request carries the address of the TCP peer it came from (ADR 0009). Next keeps that address
// only when the client sent no X-Forwarded-For (it fills the header in with `??=`), and the
// App Router gives pages and actions no other way to the socket. The header is set over
// anything a client sent under the same name. `npm start` and the benchmark run this;
// `node scripts/serve.mjs [--dev]` with PORT (and HOSTNAME, default all interfaces).
import crypto from 'node:crypto';
import http from 'node:http';
import next from 'next';

const PEER_ADDRESS_HEADER = 'x-concord-peer-address'; // lib/http/client-address.ts
process.env.CONCORD_PEER_STAMPED = '1';
// Next hands a server action posted to the wrong page on to the right one with a fetch to this
// same server, copying the request's headers: the stamp it carries is kept when it bears this
// process's token, which no client ever sees, so the action still sees the client's address.
const token = crypto.randomBytes(16).toString('hex');
const stampOf = (socket) => `${socket.remoteAddress ?? ''} ${token}`;
const isOurs = (value) => typeof value === 'string' && value.endsWith(` ${token}`);

const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME || undefined;

const server = http.createServer();
const app = next({ dev, port, hostname: hostname ?? 'localhost', httpServer: server });
await app.prepare();
const handle = app.getRequestHandler();

server.on('request', (req, res) => {
  const forwardedHere = req.headers['x-action-forwarded'] === '1' && isOurs(req.headers[PEER_ADDRESS_HEADER]);
  if (!forwardedHere) req.headers[PEER_ADDRESS_HEADER] = stampOf(req.socket);
  handle(req, res).catch((error) => {
    console.error(error);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
});

server.listen(port, hostname, () => {
  console.log(`[concord] serving on port ${port}${dev ? ' (development)' : ''}`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections?.();
    setTimeout(() => process.exit(0), 5000).unref();
  });
}
