import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as dgram from 'node:dgram';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AuditRecord } from '../../../src/core/audit/entry';
import { syslogLine } from '../../../src/core/audit/exportRecord';
import { appendAudit, readAuditEntries } from '../../../src/node/audit/auditLog';
import { exportPending } from '../../../src/node/audit/export/auditExport';
import { parseSyslogTarget } from '../../../src/node/audit/export/syslogSender';

/**
 * The audit exporter against receivers the test runs itself: an OTLP/HTTP collector stand-in (it
 * decodes what the OpenTelemetry SDK posts), a UDP and a TCP syslog receiver.
 */

interface OtlpRecord {
  body: string;
  severityNumber: number;
  attributes: Record<string, unknown>;
  resource: Record<string, unknown>;
}

type AnyValue = { stringValue?: string; intValue?: string | number; boolValue?: boolean };
const valueOf = (v: AnyValue): unknown => v.stringValue ?? (v.intValue !== undefined ? Number(v.intValue) : v.boolValue);
const attrs = (list: { key: string; value: AnyValue }[] = []) => Object.fromEntries(list.map((a) => [a.key, valueOf(a.value)]));

/** A collector: records what arrives; `fail` makes it answer 500 (the exporter must keep the entries). */
async function startCollector(): Promise<{ url: string; records: OtlpRecord[]; posts: number; fail: boolean; close(): Promise<void> }> {
  const state = { records: [] as OtlpRecord[], posts: 0, fail: false };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      state.posts++;
      if (state.fail || req.url !== '/v1/logs') {
        res.writeHead(state.fail ? 500 : 404).end();
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        resourceLogs: { resource: { attributes: { key: string; value: AnyValue }[] }; scopeLogs: { logRecords: { body: AnyValue; severityNumber: number; attributes: { key: string; value: AnyValue }[] }[] }[] }[];
      };
      for (const rl of body.resourceLogs) {
        for (const sl of rl.scopeLogs) {
          for (const lr of sl.logRecords) state.records.push({ body: String(valueOf(lr.body)), severityNumber: lr.severityNumber, attributes: attrs(lr.attributes), resource: attrs(rl.resource.attributes) });
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}/v1/logs`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

const fakeToken = (): string => 'gh' + 'p_' + 'A1b2C3d4'.repeat(5).slice(0, 36);

function record(i: number, extra: Partial<AuditRecord> = {}): AuditRecord {
  return { host: 'claude', event: 'PreToolUse', kind: 'shell', subject: `rm -rf build-${i}`, cwd: '/ws', decision: i % 2 ? 'deny' : 'allow', decidedBy: 'policy', reasons: [`reason ${i}`], ...extra };
}

describe('audit export', function () {
  this.timeout(30_000);
  let home: string;
  beforeEach(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-export-'));
  });
  afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

  it('sends every entry to an OTLP collector with its chain position, the machine, and secrets redacted', async () => {
    const collector = await startCollector();
    try {
      for (let i = 1; i <= 3; i++) appendAudit(home, record(i));
      appendAudit(home, record(4, { subject: `curl -H "Authorization: Bearer ${fakeToken()}" https://api.example.com`, reasons: [`token ${fakeToken()} seen`] }));
      const report = await exportPending(home, { otlpEndpoints: [collector.url], syslogTargets: [] }, { machine: 'dev-laptop-7' });
      assert.deepEqual(report.destinations.map((d) => [d.sent, d.through, d.error]), [[4, 4, undefined]]);
      const entries = readAuditEntries(home);
      assert.equal(collector.records.length, 4);
      collector.records.forEach((r, i) => {
        assert.equal(r.attributes['blast_shield.seq'], i + 1);
        assert.equal(r.attributes['blast_shield.hash'], entries[i]!.hash);
        assert.equal(r.attributes['blast_shield.prev'], entries[i]!.prev);
        assert.equal(r.attributes['host.name'], 'dev-laptop-7');
        assert.equal(r.resource['host.name'], 'dev-laptop-7');
        assert.equal(r.resource['service.name'], 'blast-shield');
        assert.equal(r.severityNumber, entries[i]!.decision === 'deny' ? 13 : 9);
      });
      const wire = JSON.stringify(collector.records);
      assert.ok(!wire.includes(fakeToken()), 'no secret leaves the machine');
      assert.match(collector.records[3]!.body, /curl/);
      // Nothing new: nothing sent again.
      const again = await exportPending(home, { otlpEndpoints: [collector.url], syslogTargets: [] });
      assert.equal(again.destinations[0]!.sent, 0);
      assert.equal(collector.records.length, 4);
    } finally {
      await collector.close();
    }
  });

  it('a failing collector keeps the entries; the next run sends them, each once', async () => {
    const collector = await startCollector();
    try {
      appendAudit(home, record(1));
      appendAudit(home, record(2));
      collector.fail = true;
      const failed = await exportPending(home, { otlpEndpoints: [collector.url], syslogTargets: [] }, { timeoutMs: 2000 });
      assert.equal(failed.destinations[0]!.sent, 0);
      assert.ok(failed.destinations[0]!.error);
      appendAudit(home, record(3));
      collector.fail = false;
      const retried = await exportPending(home, { otlpEndpoints: [collector.url], syslogTargets: [] });
      assert.equal(retried.destinations[0]!.sent, 3);
      assert.deepEqual(collector.records.map((r) => r.attributes['blast_shield.seq']), [1, 2, 3]);
    } finally {
      await collector.close();
    }
  });

  it('an unreachable collector is reported, never thrown; other destinations still get their entries', async () => {
    const closed = await startCollector();
    const url = closed.url;
    await closed.close();
    const live = await startCollector();
    try {
      appendAudit(home, record(1));
      const report = await exportPending(home, { otlpEndpoints: [url, live.url], syslogTargets: ['udp://not a target'] }, { timeoutMs: 2000 });
      assert.ok(report.destinations[0]!.error);
      assert.equal(report.destinations[1]!.sent, 1);
      assert.match(report.destinations[2]!.error ?? '', /not a syslog target/);
    } finally {
      await live.close();
    }
  });

  it('sends RFC 5424 lines over UDP and octet-counted frames over TCP', async () => {
    const udp = dgram.createSocket('udp4');
    const udpLines: string[] = [];
    udp.on('message', (m) => udpLines.push(m.toString('utf8')));
    await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
    let tcpData = '';
    const tcp = net.createServer((s) => s.on('data', (d) => (tcpData += d.toString('utf8'))));
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
    try {
      appendAudit(home, record(1));
      appendAudit(home, record(2, { subject: `export TOKEN=${fakeToken()}` }));
      const targets = [`udp://127.0.0.1:${(udp.address() as net.AddressInfo).port}`, `tcp://127.0.0.1:${(tcp.address() as net.AddressInfo).port}`];
      const report = await exportPending(home, { otlpEndpoints: [], syslogTargets: targets }, { machine: 'build-agent-3' });
      assert.deepEqual(report.destinations.map((d) => d.sent), [2, 2]);
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(udpLines.length, 2);
      const frames: string[] = [];
      for (let rest = tcpData; rest.length > 0; ) {
        const m = /^(\d+) /.exec(rest)!;
        const len = Number(m[1]);
        const bytes = Buffer.from(rest.slice(m[0].length), 'utf8');
        frames.push(bytes.subarray(0, len).toString('utf8'));
        rest = bytes.subarray(len).toString('utf8');
      }
      assert.deepEqual(frames, udpLines);
      const entries = readAuditEntries(home);
      frames.forEach((line, i) => {
        const m = /^<(\d+)>1 (\S+) (\S+) blast-shield - decision - (\{.*\})$/.exec(line);
        assert.ok(m, line);
        assert.equal(Number(m[1]), 13 * 8 + (entries[i]!.decision === 'deny' ? 4 : 6));
        assert.equal(m[2], entries[i]!.at);
        assert.equal(m[3], 'build-agent-3');
        const json = JSON.parse(m[4]!) as Record<string, unknown>;
        assert.equal(json.seq, i + 1);
        assert.equal(json.hash, entries[i]!.hash);
        assert.equal(json.host, 'build-agent-3');
      });
      assert.ok(!tcpData.includes(fakeToken()));
    } finally {
      udp.close();
      tcp.close();
    }
  });

  it('syslog targets: udp and tcp with default ports; anything else is refused', () => {
    assert.deepEqual(parseSyslogTarget('udp://logs.corp'), { transport: 'udp', host: 'logs.corp', port: 514 });
    assert.deepEqual(parseSyslogTarget('tcp://[::1]:6514'), { transport: 'tcp', host: '::1', port: 6514 });
    for (const bad of ['unix:///dev/log', 'http://x', 'udp://x:0', 'udp://']) assert.throws(() => parseSyslogTarget(bad));
  });

  it('a long entry keeps its chain position whole in a syslog line', () => {
    const entry = appendAudit(home, record(1, { subject: 'x'.repeat(20_000) }));
    const line = syslogLine(entry, 'm', 2000);
    assert.ok(line.length < 2000, `${line.length}`);
    assert.match(line, new RegExp(`"hash":"${entry.hash}"`));
    assert.ok(line.includes('"truncated":true'), 'marked as shortened');
  });

  it('blast-shield audit export (the built CLI) sends to a collector and says what it sent', async () => {
    const cli = path.resolve(__dirname, '../../../dist/cli.js');
    const collector = await startCollector();
    try {
      appendAudit(home, record(1));
      const r = await new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(process.execPath, [cli, 'audit', 'export', '--otlp', collector.url], { env: { PATH: process.env.PATH, HOME: home, BLAST_SHIELD_HOME: home }, cwd: home });
        let out = '';
        child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
        child.on('close', (code) => resolve({ code, out }));
      });
      assert.equal(r.code, 0, r.out);
      assert.match(r.out, /1 sent, through #1/);
      assert.equal(collector.records.length, 1);
    } finally {
      await collector.close();
    }
  });
});
