/** Start-up configuration from flags and the environment (flags win), and the files it names. */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseAgents, type PrivateAgent } from './services/agents.js';

/** Everything the server needs to start. */
export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  allowedOrigins: string[];
  adminToken?: string;
  flowFile?: string;
  agentsFile?: string;
  rateLimitPerMinute: number;
  trustProxy: boolean;
  publicUrl?: string;
  smtpUrl?: string;
  smtpFrom?: string;
}

const USAGE = `Usage: dynamic-chat-server [--flow flow.json] [--agents agents.json] [--port 8787] [--data ./.dynamic-chat/]
Environment: PORT, HOST, DATA_DIR, DATABASE_URL, ALLOWED_ORIGINS (comma-separated), ADMIN_TOKEN, AGENTS_FILE,
             RATE_LIMIT_PER_MINUTE (default 300), TRUST_PROXY=1 (read X-Forwarded-For), PUBLIC_URL,
             SMTP_URL (smtp[s]://user:pass@host:port; invitation emails), SMTP_FROM (their sender address)`;

/** Reads argv and env; throws with the usage text on a bad flag. */
export function readConfig(argv: string[], env: NodeJS.ProcessEnv): ServerConfig | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      flow: { type: 'string' }, agents: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, data: { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const port = Number(values.port ?? env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Bad port "${values.port ?? env.PORT}".\n${USAGE}`);
  return {
    port,
    host: values.host ?? env.HOST ?? '0.0.0.0',
    dataDir: resolve(values.data ?? env.DATA_DIR ?? './.dynamic-chat/'),
    databaseUrl: env.DATABASE_URL || undefined,
    allowedOrigins: (env.ALLOWED_ORIGINS ?? '*').split(',').map((o) => o.trim().replace(/\/+$/, '')).filter(Boolean),
    adminToken: env.ADMIN_TOKEN || undefined,
    flowFile: values.flow,
    agentsFile: values.agents ?? env.AGENTS_FILE,
    rateLimitPerMinute: Number(env.RATE_LIMIT_PER_MINUTE ?? 300),
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    publicUrl: env.PUBLIC_URL,
    smtpUrl: env.SMTP_URL || undefined,
    smtpFrom: env.SMTP_FROM || undefined,
  };
}

/** The usage text. */
export const usage = USAGE;

/** The admin token: ADMIN_TOKEN, else the one kept in the data folder, else a new one written there. */
export function adminTokenFor(config: Pick<ServerConfig, 'adminToken' | 'dataDir'>): string {
  if (config.adminToken) return config.adminToken;
  const file = join(config.dataDir, 'admin-token');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(config.dataDir, { recursive: true });
  const token = randomBytes(24).toString('base64url');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return token;
}

/** The agents file's agents (none without a file); throws listing every problem. */
export function loadAgents(file: string | undefined): PrivateAgent[] {
  if (!file) return [];
  const parsed = parseAgents(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.ok) throw new Error(`${file}:\n${parsed.errors.map((e) => `  ${e.path || '/'}: ${e.message}`).join('\n')}`);
  return parsed.agents;
}
