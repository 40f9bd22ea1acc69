// The bare baseline for bench/stream.js: a plain `ws` server that broadcasts each POSTed body (a profile
// frame stamped by the sender) to every client, as Roster fans a frame out to one user's subscribers.
const { createServer } = require('node:http');
const { WebSocketServer } = require('ws');

const server = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    for (const client of wss.clients) client.send(body);
    res.end('ok');
  });
});
const wss = new WebSocketServer({ server, perMessageDeflate: false });
server.listen(0, '127.0.0.1', () => process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n'));
