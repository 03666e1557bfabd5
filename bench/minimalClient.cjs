// Reference for the hook bench: about the least a Node hook that consults a warm process can do.
// Read stdin, read the window's discovery record, one ping round trip on its Unix socket, print.
// Not product code: it shows where the floor is when a decision is handed to the extension host.
const fs = require('node:fs');
const path = require('node:path');
const buf = Buffer.alloc(65536);
let input = '';
for (;;) {
  let n = 0;
  try {
    n = fs.readSync(0, buf, 0, buf.length, null);
  } catch {
    break;
  }
  if (n === 0) break;
  input += buf.toString('utf8', 0, n);
}
const dir = path.join(process.env.BLAST_SHIELD_HOME, 'ipc');
const file = fs.readdirSync(dir).find((f) => f.endsWith('.json'));
const record = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
const socket = require('node:net').connect(record.endpoint);
let reply = '';
socket.on('connect', () => socket.write(JSON.stringify({ type: 'ping', version: 2, token: record.token, id: String(input.length) }) + '\n'));
socket.on('data', (d) => {
  reply += d;
  if (reply.includes('\n')) {
    fs.writeSync(1, reply);
    socket.destroy();
  }
});
