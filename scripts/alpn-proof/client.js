// HTTP/2 and HTTP/1.1 clients from Node against server.go, each offering a given ALPN list, with
// a gRPC call (POST, content-type application/grpc) and a REST call (GET). Prints one line per case:
// the ALPN the TLS handshake settled on, and what each call got back (which handler, which status).
//   node client.js <port>
'use strict';
const http2 = require('node:http2');
const https = require('node:https');
const tls = require('node:tls');

const port = Number(process.argv[2]);
const TIMEOUT = 3000;
const GRPC_FRAME = Buffer.from([0, 0, 0, 0, 0]);

function socket(alpn) {
  return tls.connect({ host: '127.0.0.1', port, servername: 'localhost', rejectUnauthorized: false, ...(alpn ? { ALPNProtocols: alpn } : {}) });
}

// An HTTP/2 session (prior knowledge on the TLS socket, whatever ALPN settled on), one call.
function h2Call(alpn, grpc) {
  return new Promise((resolve) => {
    let negotiated = '?';
    const done = (r) => { clearTimeout(timer); session.destroy(); resolve({ negotiated, ...r }); };
    const session = http2.connect(`https://localhost:${port}`, {
      createConnection: () => { const s = socket(alpn); s.once('secureConnect', () => { negotiated = s.alpnProtocol || 'none'; }); return s; },
    });
    const timer = setTimeout(() => done({ result: 'no answer in 3 s' }), TIMEOUT);
    session.on('error', (e) => done({ result: `session error ${e.code ?? ''} ${e.message}` }));
    const headers = grpc
      ? { ':method': 'POST', ':path': '/flyteidl.service.AdminService/ListProjects', 'content-type': 'application/grpc', te: 'trailers' }
      : { ':method': 'GET', ':path': '/healthcheck' };
    const req = session.request(headers);
    req.on('error', (e) => done({ result: `stream error ${e.code ?? ''} ${e.message}` }));
    req.on('response', (h) => {
      req.on('trailers', (t) => { h = { ...h, ...t }; });
      req.on('end', () => done({ result: `HTTP/2 ${h[':status']} served by ${h['x-served-by']}${h['grpc-status'] !== undefined ? ` grpc-status ${h['grpc-status']}` : ''}` }));
      req.resume();
    });
    if (grpc) req.end(GRPC_FRAME); else req.end();
  });
}

// An HTTP/1.1 call over TLS offering `alpn`.
function h1Call(alpn, grpc) {
  return new Promise((resolve) => {
    let negotiated = '?';
    const req = https.request({
      host: '127.0.0.1', port, servername: 'localhost', rejectUnauthorized: false, agent: false, ...(alpn ? { ALPNProtocols: alpn } : {}),
      method: grpc ? 'POST' : 'GET', path: grpc ? '/flyteidl.service.AdminService/ListProjects' : '/healthcheck',
      headers: grpc ? { 'content-type': 'application/grpc' } : {},
    }, (res) => {
      res.resume();
      res.on('end', () => resolve({ negotiated, result: `HTTP/${res.httpVersion} ${res.statusCode} served by ${res.headers['x-served-by']}` }));
    });
    req.on('socket', (s) => s.once('secureConnect', () => { negotiated = s.alpnProtocol || 'none'; }));
    req.setTimeout(TIMEOUT, () => req.destroy(new Error('no answer in 3 s')));
    req.on('error', (e) => resolve({ negotiated, result: `error ${e.code ?? ''} ${e.message}` }));
    req.end(grpc ? GRPC_FRAME : undefined);
  });
}

// The HTTP/2 connection preface on a TLS socket offering `alpn`: the server's first bytes back.
function preface(alpn) {
  return new Promise((resolve) => {
    const s = socket(alpn);
    let got = Buffer.alloc(0);
    const done = () => { clearTimeout(timer); s.destroy(); resolve({ negotiated: s.alpnProtocol || 'none', result: got.length ? `server answered ${JSON.stringify(got.toString('latin1'))}` : 'server closed without a byte' }); };
    const timer = setTimeout(done, TIMEOUT);
    s.once('secureConnect', () => s.write('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'));
    s.on('data', (d) => { got = Buffer.concat([got, d]); });
    s.on('end', done);
    s.on('error', done);
  });
}

(async () => {
  for (const alpn of [['http/1.1'], undefined]) {
    const r = await preface(alpn);
    console.log(`HTTP/2 preface, ALPN offered ${alpn ? alpn.join(',') : '(none)'}: negotiated ${r.negotiated}; ${r.result}`);
  }
  const offers = [['h2'], ['h2', 'http/1.1'], ['http/1.1'], undefined];
  for (const [client, call] of [['HTTP/2', h2Call], ['HTTP/1.1', h1Call]]) {
    for (const alpn of offers) {
      for (const grpc of [true, false]) {
        const r = await call(alpn, grpc);
        console.log(`${client} client, ALPN offered ${alpn ? alpn.join(',') : '(none)'}, ${grpc ? 'gRPC' : 'REST'} call: negotiated ${r.negotiated}; ${r.result}`);
      }
    }
  }
})();
