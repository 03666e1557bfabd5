import { ExportResultCode } from '@opentelemetry/core';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { LoggerProvider, type LogRecordProcessor, type ReadableLogRecord, type SdkLogRecord } from '@opentelemetry/sdk-logs';
import { exportRecordOf } from '../../../core/audit/exportRecord';
import type { AuditEntry } from '../../../core/audit/entry';

/** Collects what the logger emits, so the exporter's own result decides whether the cursor moves. */
class Collect implements LogRecordProcessor {
  readonly records: ReadableLogRecord[] = [];
  onEmit(record: SdkLogRecord): void {
    this.records.push(record);
  }
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * One batch to one collector through the OpenTelemetry JS SDK (logs signal, OTLP over HTTP with the
 * SDK's JSON encoding). Headers a collector needs (an API key) come from OTEL_EXPORTER_OTLP_HEADERS,
 * which the SDK reads itself: no secret sits in a setting or a policy file. Rejects when the collector
 * did not accept the batch.
 */
export async function sendOtlp(url: string, entries: readonly AuditEntry[], machine: string, timeoutMs: number): Promise<void> {
  const collect = new Collect();
  const provider = new LoggerProvider({
    resource: resourceFromAttributes({ 'service.name': 'blast-shield', 'host.name': machine }),
    processors: [collect],
  });
  const logger = provider.getLogger('blast-shield.audit');
  for (const entry of entries) {
    const r = exportRecordOf(entry, machine);
    logger.emit({ timestamp: r.time, severityNumber: r.severityNumber, severityText: r.severityText, body: r.body, attributes: r.attributes, eventName: 'blast_shield.decision' });
  }
  const exporter = new OTLPLogExporter({ url, timeoutMillis: timeoutMs, keepAlive: false });
  try {
    await new Promise<void>((resolve, reject) => {
      exporter.export(collect.records, (result) => {
        if (result.code === ExportResultCode.SUCCESS) resolve();
        else reject(new Error(`the collector at ${url} did not accept the batch${result.error ? ` (${result.error.message})` : ''}`));
      });
    });
  } finally {
    await exporter.shutdown().catch(() => undefined);
    await provider.shutdown().catch(() => undefined);
  }
}
