// The gRPC server of a composition function. Our own rather than the SDK's
// serve(), which cannot raise the receive limit, does not require client
// certificates, keeps running after a failed bind and rejects `:9443`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as grpc from '@grpc/grpc-js';
import { FunctionRunnerServiceService, RunFunctionRequest, RunFunctionResponse, Severity, Target } from '@crossplane-org/function-sdk-typescript';
import type { RunFunction } from './function.js';
import { getString } from './unstructured.js';
import { createLogger, type Logger } from './log.js';

export interface ServerOptions {
  /** `host:port`, or `:port` for every interface. */
  address: string;
  insecure: boolean;
  tlsServerCertsDir: string;
  maxRecvMessageSizeMiB: number;
  debug: boolean;
}

export const DEFAULT_OPTIONS: ServerOptions = {
  address: ':9443',
  insecure: false,
  tlsServerCertsDir: '/tls/server',
  maxRecvMessageSizeMiB: 4,
  debug: false,
};

const USAGE = `Usage: function [--address HOST:PORT] [--insecure] [--tls-server-certs-dir DIR]
                [--max-recv-message-size MIB] [--debug]`;

/** Parses the command line the way Crossplane's Go functions accept it. */
export function parseServerArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): ServerOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        address: { type: 'string' },
        insecure: { type: 'boolean' },
        'tls-server-certs-dir': { type: 'string' },
        'max-recv-message-size': { type: 'string' },
        debug: { type: 'boolean', short: 'd' },
      },
      strict: true,
    }));
  } catch (err) {
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
  }
  const size = values['max-recv-message-size'] === undefined ? DEFAULT_OPTIONS.maxRecvMessageSizeMiB : Number(values['max-recv-message-size']);
  if (!Number.isInteger(size) || size < 1) {
    throw new Error(`--max-recv-message-size: ${JSON.stringify(values['max-recv-message-size'])} is not a whole number of MiB >= 1\n${USAGE}`);
  }
  return {
    address: values.address ?? DEFAULT_OPTIONS.address,
    insecure: values.insecure ?? false,
    tlsServerCertsDir: values['tls-server-certs-dir'] ?? env['TLS_SERVER_CERTS_DIR'] ?? DEFAULT_OPTIONS.tlsServerCertsDir,
    maxRecvMessageSizeMiB: size,
    debug: values.debug ?? false,
  };
}

/**
 * `:9443` means every interface, IPv6 and IPv4, as in Go: `[::]` accepts
 * both on a dual-stack host, so Crossplane reaches the function in an
 * IPv6-only cluster too.
 */
export function bindAddress(address: string): string {
  return address.startsWith(':') ? `[::]${address}` : address;
}

function bind(server: grpc.Server, address: string, creds: grpc.ServerCredentials): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    server.bindAsync(address, creds, (err, p) => {
      if (err) reject(err);
      else resolve(p);
    });
  });
}

function credentials(opts: ServerOptions): grpc.ServerCredentials {
  if (opts.insecure) return grpc.ServerCredentials.createInsecure();
  const read = (file: string): Buffer => readFileSync(join(opts.tlsServerCertsDir, file));
  // Mutual TLS: the client (Crossplane) must present a certificate signed by ca.crt.
  return grpc.ServerCredentials.createSsl(read('ca.crt'), [{ private_key: read('tls.key'), cert_chain: read('tls.crt') }], true);
}

/** Requests the protobuf decoder could not read, with the reason. */
const unreadableRequests = new WeakMap<RunFunctionRequest, string>();

/**
 * The service with a request decoder that never fails the call: the SDK's
 * decoder stops at 100 nested messages (about 30 levels of a free-form
 * object such as pgSettings), which grpc-js would answer with INTERNAL on
 * every reconcile. Such a request gets a FATAL result the user can act on.
 */
const readingEveryRequest: typeof FunctionRunnerServiceService = {
  ...FunctionRunnerServiceService,
  runFunction: {
    ...FunctionRunnerServiceService.runFunction,
    requestDeserialize: (bytes: Buffer): RunFunctionRequest => {
      try {
        return FunctionRunnerServiceService.runFunction.requestDeserialize(bytes);
      } catch (err) {
        const request = RunFunctionRequest.fromPartial({});
        unreadableRequests.set(request, err instanceof Error ? err.message : String(err));
        return request;
      }
    },
  },
};

/**
 * The answer to a request that cannot be read. Nothing of it is known, so
 * nothing is desired: Crossplane stops at a FATAL result before it applies
 * or deletes anything.
 */
function unreadableResponse(reason: string): RunFunctionResponse {
  const nesting = /recursion/.test(reason);
  const message = nesting
    ? 'the composite nests objects deeper than the function can read (about 30 levels); free-form settings such as spec.parameters.service.pgSettings take flat values'
    : 'the request cannot be read as a RunFunctionRequest';
  return RunFunctionResponse.fromPartial({
    meta: { ttl: { seconds: 60, nanos: 0 } },
    results: [{ severity: Severity.SEVERITY_FATAL, message, reason: 'InvalidInput', target: Target.TARGET_COMPOSITE_AND_CLAIM }],
  });
}

export interface RunningServer {
  /** The port actually bound (useful with port 0). */
  port: number;
  logger: Logger;
  /** Stops accepting calls, lets in-flight calls finish (up to `graceMs`), then closes. */
  stop(graceMs?: number): Promise<void>;
}

export async function startServer(run: RunFunction, opts: ServerOptions, logger: Logger = createLogger(opts.debug)): Promise<RunningServer> {
  // grpc-js logs to the console on its own; keep every line structured.
  grpc.setLogger({
    error: (...args: unknown[]) => {
      logger.debug({ grpc: args.map(String).join(' ') }, 'grpc');
    },
  });
  const debug = logger.isLevelEnabled('debug');
  const maxBytes = opts.maxRecvMessageSizeMiB * 1024 * 1024;
  const server = new grpc.Server({
    'grpc.max_receive_message_length': maxBytes,
    // No channelz: nothing here serves it, and it keeps counters and a trace per call and per connection.
    'grpc.enable_channelz': 0,
    // Ping a connection idle for a minute, drop it when the ping goes unanswered for 20 s: a Crossplane
    // pod that went away does not keep its HTTP/2 session's buffers here for grpc-js's default two hours.
    'grpc.keepalive_time_ms': 60_000,
    'grpc.keepalive_timeout_ms': 20_000,
  });
  server.addService(readingEveryRequest, {
    runFunction: (call: grpc.ServerUnaryCall<RunFunctionRequest, RunFunctionResponse>, callback: grpc.sendUnaryData<RunFunctionResponse>) => {
      const started = debug ? process.hrtime.bigint() : 0n;
      const unreadable = unreadableRequests.get(call.request);
      if (unreadable !== undefined) {
        callback(null, unreadableResponse(unreadable));
        return;
      }
      run(call.request).then(
        (rsp) => {
          // The line's fields are gathered only when it is written: at the default level, never.
          if (debug)
            logger.debug(
              {
                tag: call.request.meta?.tag,
                composite: getString(call.request.observed?.composite?.resource, 'metadata.name'),
                results: rsp.results.length,
                ms: Number(process.hrtime.bigint() - started) / 1e6,
              },
              'RunFunction',
            );
          callback(null, rsp);
        },
        // Functions report failures as results; this is a bug, not bad input.
        (err: unknown) => {
          logger.error({ err }, 'RunFunction failed unexpectedly');
          callback({ code: grpc.status.INTERNAL, details: err instanceof Error ? err.message : String(err) });
        },
      );
    },
  });
  const address = bindAddress(opts.address);
  const creds = credentials(opts);
  let port: number;
  try {
    port = await bind(server, address, creds);
  } catch (err) {
    // A host without IPv6 still serves every IPv4 interface.
    const fallback = address.startsWith('[::]:') ? `0.0.0.0${opts.address}` : undefined;
    const message = err instanceof Error ? err.message : String(err);
    if (!fallback) throw new Error(`cannot listen on ${opts.address}: ${message}`);
    port = await bind(server, fallback, creds).catch((e: unknown) => {
      throw new Error(`cannot listen on ${opts.address}: ${e instanceof Error ? e.message : String(e)}`);
    });
  }
  logger.info(
    { address: opts.address, port, insecure: opts.insecure, maxRecvMessageSizeMiB: opts.maxRecvMessageSizeMiB },
    'function server listening',
  );
  let stopping: Promise<void> | undefined;
  return {
    port,
    logger,
    stop(graceMs = 10_000) {
      stopping ??= new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, graceMs);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      });
      return stopping;
    },
  };
}

/** The entry point of a function process: flags, server, and a clean exit on SIGTERM/SIGINT. */
export async function serveFunction(run: RunFunction, argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  let opts: ServerOptions;
  try {
    opts = parseServerArgs(argv);
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  }
  const logger = createLogger(opts.debug);
  let server: RunningServer;
  try {
    server = await startServer(run, opts, logger);
  } catch (err) {
    logger.fatal({ err: err instanceof Error ? err.message : String(err) }, 'function server failed to start');
    process.exit(1);
  }
  const shutdown = (signal: string): void => {
    logger.info({ signal }, 'shutting down');
    void server.stop().then(() => process.exit(0));
  };
  process.once('SIGTERM', () => {
    shutdown('SIGTERM');
  });
  process.once('SIGINT', () => {
    shutdown('SIGINT');
  });
}
